"""Reading rendered PDFs back, as the printing tests do."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pypdf

A4_PORTRAIT = (595.28, 841.89)


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def text(pdf: bytes) -> str:
    """All text of the PDF with white space removed (labels wrap inside their cells)."""
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in reader(pdf).pages))


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def page_size(pdf: bytes) -> tuple[float, float]:
    box = reader(pdf).pages[0].mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


def to_png(pdf: bytes, dpi: int = 150) -> Path:
    """First page as PNG (pdftoppm, from poppler-utils)."""
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) is needed: scripts/test.sh installs it"
    folder = Path(tempfile.mkdtemp())
    (folder / "doc.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(folder / "doc.pdf"), str(folder / "page")], check=True
    )
    return folder / "page.png"
