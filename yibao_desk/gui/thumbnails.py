"""Pictures of the scans: a small one for the checklist row and the strip, a large page for the viewer. Images are
decoded at the size asked for (QImageReader scales while decoding: a 5 MB JPEG becomes a thumbnail without ever
being held at full size); a PDF's page is rendered by QtPdf. Thumbnails are cached by hash: a file never changes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument

THUMB = QSize(80, 60)
ROW_ICON = QSize(32, 24)


def _placeholder(size: QSize, text: str) -> QImage:
    img = QImage(size, QImage.Format.Format_RGB32)
    img.fill(QColor("#eeeeee"))
    p = QPainter(img)
    p.setPen(QColor("#b00020"))
    p.drawText(img.rect(), Qt.AlignmentFlag.AlignCenter, text)
    p.end()
    return img


def page_count(path: Path, mime: str) -> int:
    if mime != "application/pdf":
        return 1
    doc = QPdfDocument()
    doc.load(str(path))
    return max(doc.pageCount(), 1)


def render(path: Path, mime: str, box: QSize, page: int = 0) -> QImage:
    """The file's `page` fitted into `box` (a marked placeholder when the file cannot be read)."""
    if not path.is_file():
        return _placeholder(box, "文件缺失")
    if mime == "application/pdf":
        doc = QPdfDocument()
        doc.load(str(path))
        if doc.status() != QPdfDocument.Status.Ready or page >= doc.pageCount():
            return _placeholder(box, "无法显示")
        size = doc.pagePointSize(page).toSize().scaled(box, Qt.AspectRatioMode.KeepAspectRatio)
        img = doc.render(page, size)
        doc.close()
        return img if not img.isNull() else _placeholder(box, "无法显示")
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # a phone's photo turned as the EXIF says
    original = reader.size()
    if original.isValid():
        reader.setScaledSize(original.scaled(box, Qt.AspectRatioMode.KeepAspectRatio))
    img = reader.read()
    return img if not img.isNull() else _placeholder(box, "无法显示")


class ThumbnailCache:
    def __init__(self) -> None:
        self._cache: dict[tuple[str, int, int], QPixmap] = {}

    def get(self, sha256: str, path: Path, mime: str, size: QSize = THUMB) -> QPixmap:
        """The scan fitted into `size`. Sizes up to the strip's are scaled from its thumbnail: the file is decoded
        once for the row icon and the strip."""
        key = (sha256, size.width(), size.height())
        found = self._cache.get(key)
        if found is None:
            if size.width() <= THUMB.width() and size.height() <= THUMB.height() and size != THUMB:
                base = self.get(sha256, path, mime, THUMB)
                found = base.scaled(
                    size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            else:
                found = QPixmap.fromImage(render(path, mime, size))
            if path.is_file():
                self._cache[key] = found
        return found
