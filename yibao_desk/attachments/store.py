"""The attachment store: each file kept once under its SHA-256 (`<journal>.attachments/ab/abcdef…`), written to a
temporary name, flushed and renamed, so a file under a hash is always whole. Files are never changed or removed:
the journal's events say which case and material each belongs to."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from yibao_desk.domain.attachment_rules import SNIFF_BYTES, AttachmentRefused, AttachmentRules, attachment_rules

CHUNK = 1 << 20


@dataclass(frozen=True)
class Stored:
    sha256: str
    size: int
    mime: str
    pages: int


def store_root(db_path: Path) -> Path:
    """Where a journal's attachments live: `journal.sqlite3` → `journal.attachments/` beside it."""
    return db_path.with_name(db_path.stem + ".attachments")


def _pdf_pages(data: bytes, name: str) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        pages = len(PdfReader(io.BytesIO(data)).pages)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as e:
        raise AttachmentRefused(f"{name} 不是完好的 PDF 文件（{type(e).__name__}），未附加") from None
    if pages < 1:
        raise AttachmentRefused(f"{name} 是没有页面的 PDF 文件，未附加")
    return pages


def _image_pages(data: bytes, name: str, mime: str) -> int:
    """An image is one page; a TIFF of several pages (a document scanner's) is refused: PDF keeps them all."""
    if mime != "image/tiff":
        return 1
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as img:
            frames = int(getattr(img, "n_frames", 1))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as e:
        raise AttachmentRefused(f"{name} 不是完好的 TIFF 图片（{type(e).__name__}），未附加") from None
    if frames > 1:
        raise AttachmentRefused(f"{name} 是 {frames} 页的 TIFF 图片：请让扫描仪存为 PDF（多页）后再附加")
    return 1


class AttachmentStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def read(self, sha256: str) -> bytes:
        try:
            return self.path(sha256).read_bytes()
        except OSError as e:
            raise AttachmentRefused(f"附件 {sha256[:12]} 不在附件库中（{e.strerror or type(e).__name__}）") from None

    def put_file(self, source: Path, rules: AttachmentRules | None = None) -> Stored:
        """Check and store a file the clerk chose (or the scanner wrote); `AttachmentRefused` says why not. The size
        and the kind are checked before the file is read whole (a video picked by mistake is not loaded)."""
        rules = rules or attachment_rules()
        try:
            size = source.stat().st_size
            if source.is_file():
                with open(source, "rb") as f:
                    rules.check(source.name, size, f.read(SNIFF_BYTES))
            data = source.read_bytes()
        except IsADirectoryError:
            raise AttachmentRefused(f"{source} 是文件夹，不是文件") from None
        except OSError as e:
            raise AttachmentRefused(f"无法读取 {source}：{e.strerror or type(e).__name__}") from None
        return self.put_bytes(data, source.name, rules)

    def put_bytes(self, data: bytes, name: str, rules: AttachmentRules | None = None) -> Stored:
        rules = rules or attachment_rules()
        mime = rules.check(name, len(data), data[:SNIFF_BYTES])
        pages = _pdf_pages(data, name) if mime == "application/pdf" else _image_pages(data, name, mime)
        sha = hashlib.sha256(data).hexdigest()
        self._write(sha, data)
        return Stored(sha, len(data), mime, pages)

    def put_raw(self, sha256: str, data: bytes) -> None:
        """Store bytes that arrive under their hash (from a backup or the centre), checked against it."""
        if hashlib.sha256(data).hexdigest() != sha256:
            raise AttachmentRefused(f"附件 {sha256[:12]}… 的内容与其哈希不符，未保存")
        self._write(sha256, data)

    def _write(self, sha: str, data: bytes) -> None:
        target = self.path(sha)
        if target.is_file() and self.problem(sha, len(data)) is None:
            return  # the same bytes are already here: content-addressed (a damaged copy is replaced)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as e:
            raise AttachmentRefused(f"无法写入附件库 {self.root}：{e.strerror or type(e).__name__}") from None

    def problem(self, sha256: str, size: int, full: bool = True) -> str | None:
        """Why the stored file is not the one recorded (missing, another size, another hash — the hash only when
        `full`), or None."""
        path = self.path(sha256)
        try:
            actual = path.stat().st_size
        except OSError:
            return f"附件 {sha256[:12]}… 的文件缺失（{path}）"
        if actual != size:
            return f"附件 {sha256[:12]}… 的文件大小不符（记录 {size} 字节，实际 {actual} 字节）"
        if not full:
            return None
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            while chunk := f.read(CHUNK):
                digest.update(chunk)
        if digest.hexdigest() != sha256:
            return f"附件 {sha256[:12]}… 的文件内容已被改动（哈希不符）"
        return None

    def copy_into(self, other: AttachmentStore, hashes: Iterable[str] | None = None) -> int:
        """Copy the files `other` lacks (all, or those of `hashes`); returns how many were copied."""
        wanted = list(hashes) if hashes is not None else self.all_hashes()
        copied = 0
        for sha in wanted:
            if not self.has(sha) or self.problem(sha, self.path(sha).stat().st_size) is not None:
                continue  # nothing good to copy
            if other.has(sha) and other.problem(sha, self.path(sha).stat().st_size) is None:
                continue  # already there, whole
            target = other.path(sha)
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(".incoming-" + sha)
            shutil.copyfile(self.path(sha), tmp)
            with open(tmp, "rb") as f:
                os.fsync(f.fileno())
            os.replace(tmp, target)
            copied += 1
        return copied

    def all_hashes(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.glob("??/*") if len(p.name) == 64 and p.is_file())
