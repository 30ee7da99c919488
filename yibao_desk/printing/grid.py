"""Where each cell of a template's table stands: the placement the renderer draws and the checks measure.

A cell takes the next free column of its row (cells spanning rows from above keep theirs); a repeated row is
placed `count` times. Widths are the template's column proportions of the page's printable width.
"""

from __future__ import annotations

from dataclasses import dataclass

from yibao_desk.printing.templates import Cell, Row, Template

A_SIZES_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0)}


@dataclass(frozen=True)
class Placed:
    row: int  # the grid row, counting every repetition of a repeated row
    col: int
    span: int
    rowspan: int
    cell: Cell
    source: Row
    index: int | None  # 1-based repetition of a repeated row, else None


@dataclass(frozen=True)
class Grid:
    cells: tuple[Placed, ...]
    heights_mm: tuple[float, ...]
    columns_mm: tuple[float, ...]

    def size_mm(self, placed: Placed) -> tuple[float, float]:
        """The width and height a cell covers on paper, before any shrinking to fit the page."""
        width = sum(self.columns_mm[placed.col : placed.col + placed.span])
        return width, sum(self.heights_mm[placed.row : placed.row + placed.rowspan])


def printable_width_mm(template: Template) -> float:
    w, h = A_SIZES_MM[template.page.size]
    if template.page.orientation == "landscape":
        w, h = h, w
    _, right, _, left = template.page.margins_mm
    return w - left - right


def place(template: Template) -> Grid:
    ncols = len(template.columns)
    cells: list[Placed] = []
    heights: list[float] = []
    occupied: set[tuple[int, int]] = set()
    for row in template.rows:
        for k in range((row.count or 1) if row.repeat else 1):
            r = len(heights)
            heights.append(row.height_mm or template.row_height_mm)
            c = 0
            for cell in row.cells:
                while (r, c) in occupied:
                    c += 1
                if c >= ncols:
                    raise ValueError(f"表格 {template.id} 第 {r + 1} 行的单元格超出列数")
                span = min(cell.span, ncols - c)
                occupied.update((r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(span))
                cells.append(Placed(r, c, span, cell.rowspan, cell, row, k + 1 if row.repeat else None))
                c += span
    total = sum(template.columns)
    width = printable_width_mm(template)
    return Grid(tuple(cells), tuple(heights), tuple(width * c / total for c in template.columns))
