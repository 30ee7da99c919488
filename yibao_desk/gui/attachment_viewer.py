"""The scans of a material, full size: ← → (or PgUp / PgDn) page through every page of every scan, Esc closes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

from yibao_desk.gui.thumbnails import page_count, render
from yibao_desk.journal.case_attachments import Attachment


class AttachmentViewer(QDialog):
    def __init__(
        self, title: str, scans: Sequence[Attachment], path_of: dict[str, Path], start: int, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentViewer")
        self.setWindowTitle(f"扫描件 — {title}")
        self.pages: list[tuple[Attachment, int, int]] = []  # (scan, page, pages)
        for a in scans:
            n = page_count(path_of[a.sha256], a.mime)
            self.pages.extend((a, i, n) for i in range(n))
        self.paths = path_of
        self.where = QLabel("")
        self.where.setObjectName("viewerWhere")
        self.picture = QLabel("")
        self.picture.setObjectName("viewerPicture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the keys turn pages; the area does not scroll
        area = QScrollArea()
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        area.setWidgetResizable(True)
        area.setWidget(self.picture)
        hint = QLabel("← → 或 PgUp / PgDn 翻页　Esc 关闭")
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(area, 1)
        layout.addWidget(hint)
        for keys, step in (
            ("PgDown", 1),
            ("Right", 1),
            ("Down", 1),
            ("Space", 1),
            ("PgUp", -1),
            ("Left", -1),
            ("Up", -1),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(lambda s=step: self.turn(s))
        self.index = 0
        first = next((i for i, (a, p, _n) in enumerate(self.pages) if p == 0 and scans.index(a) == start), 0)
        self.resize(820, 900)
        self.show_page(first)
        self.picture.setFocus()

    def turn(self, step: int) -> None:
        if self.pages:
            self.show_page(max(0, min(len(self.pages) - 1, self.index + step)))

    def show_page(self, index: int) -> None:
        self.index = index
        if not self.pages:
            self.where.setText("没有扫描件")
            return
        a, page, pages = self.pages[index]
        box = QSize(780, 1100)
        self.picture.setPixmap(QPixmap.fromImage(render(self.paths[a.sha256], a.mime, box, page)))
        self.where.setText(
            f"第 {index + 1} / {len(self.pages)} 页　{a.name or a.sha256[:12]}"
            + (f"（第 {page + 1} / {pages} 页）" if pages > 1 else "")
            + (f"　利用办件 {a.from_case} 的历史资料" if a.from_case else "")
        )
