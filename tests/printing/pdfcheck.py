"""Reading rendered PDFs back, as the printing tests do."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


@dataclass(frozen=True)
class Drawn:
    text: str
    x: float
    y: float
    size: float


def drawn(pdf: bytes) -> tuple[list[Drawn], list[tuple[float, float]]]:
    """The strings drawn on the page and the starting points of the ticks (a move and two lines), in page space."""
    strings, ticks, _boxes = _page_marks(pdf)
    return strings, ticks


def _page_marks(pdf: bytes) -> tuple[list[Drawn], list[tuple[float, float]], list[tuple[float, float, float]]]:
    """Strings, tick starts, and small squares (x, y, side) — the check boxes — in page space."""
    strings: list[Drawn] = []
    ops: list[tuple[bytes, tuple[float, float]]] = []
    squares: list[tuple[float, float, float]] = []

    def on_text(s: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if s.strip():
            strings.append(Drawn(s.strip(), cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3], size * cm[0] * tm[0]))

    def on_op(op: bytes, args: list[Any], cm: list[float], _tm: list[float]) -> None:
        if op == b"re" and abs(float(args[2]) - float(args[3])) < 0.01 and 0 < float(args[2]) * cm[0] < 15:
            squares.append((cm[4] + float(args[0]) * cm[0], cm[5] + float(args[1]) * cm[3], float(args[2]) * cm[0]))
        point = (cm[4] + float(args[0]) * cm[0], cm[5] + float(args[1]) * cm[3]) if op in (b"m", b"l") else (0, 0)
        ops.append((op, point))

    reader(pdf).pages[0].extract_text(visitor_text=on_text, visitor_operand_before=on_op)
    ticks = [ops[i][1] for i in range(len(ops) - 3) if [op for op, _p in ops[i : i + 4]] == [b"m", b"l", b"l", b"S"]]
    return strings, ticks, squares


def boxed(pdf: bytes, label: str) -> bool:
    """Whether a box is drawn just left of where the label `label`'s text begins."""
    strings, _ticks, squares = _page_marks(pdf)
    found = [d for d in strings if squash(d.text) == squash(label)]
    assert found, f"{label} not drawn"
    return any(
        d.x - 1.3 * d.size < bx < d.x - 0.2 * d.size and d.y - 0.3 * d.size < by < d.y + 0.3 * d.size
        for d in found
        for bx, by, _side in squares
    )


def ticked(pdf: bytes, label: str) -> bool:
    """Whether a box labelled `label` has a tick: the tick starts just left of where the label's text begins."""
    strings, ticks = drawn(pdf)
    found = [d for d in strings if squash(d.text) == squash(label)]
    assert found, f"{label} not drawn"
    return any(
        d.x - 1.3 * d.size < tx < d.x - 0.7 * d.size and d.y < ty < d.y + 0.8 * d.size
        for d in found
        for tx, ty in ticks
    )
