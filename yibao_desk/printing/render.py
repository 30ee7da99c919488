"""One engine for every official table: a template (cells as data) and a record → a one-page PDF.

Modes: `normal` (the whole table with the values), `blank` (the table without values, to fill by hand) and
`overlay` (套打: only the values, at the positions of the table's cells, shifted and scaled by the printer's
calibration, for pre-printed paper).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from reportlab.lib.pagesizes import A4, A5, landscape, portrait
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from yibao_desk.printing.fonts import FontSet, markup, resolve_fonts
from yibao_desk.printing.records import display, other_parts
from yibao_desk.printing.templates import Cell, Line, Template
from yibao_desk.printing.widgets import BoxLabel, CheckGroup, FitReport, LinesBlock, fitted, style

Mode = Literal["normal", "blank", "overlay"]
# {field} or {field:N}: N no-break spaces of room to write by hand where the value is empty (a paragraph would
# collapse ordinary spaces)
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)(?::(\d+))?\}")


def _room(m: re.Match[str]) -> str:
    return "\u00a0" * int(m.group(2)) if m.group(2) else "　" * 4


@dataclass(frozen=True)
class Calibration:
    """套打 calibration of one printer: offsets in millimetres (right, up) and a scale factor."""

    dx_mm: float = 0.0
    dy_mm: float = 0.0
    scale: float = 1.0


@dataclass
class Rendered:
    pdf: bytes
    font: str
    warnings: list[str] = field(default_factory=list)
    page_size: tuple[float, float] = A4


def _page(template: Template) -> tuple[float, float]:
    size = {"A4": A4, "A5": A5}[template.page.size]
    return landscape(size) if template.page.orientation == "landscape" else portrait(size)


class _Renderer:
    def __init__(self, template: Template, record: dict[str, Any], mode: Mode, fonts: FontSet) -> None:
        self.t, self.record, self.mode, self.fonts = template, record, mode, fonts
        self.report = FitReport()

    def value(
        self, name: str, fmt: str | None = None, row: dict[str, Any] | None = None, spec_list: str | None = None
    ) -> str:
        if self.mode == "blank":
            return ""
        if row is not None and spec_list:
            spec = next(f for f in self.t.field(spec_list).items if f.name == name)
            return display(spec, row.get(name), fmt)
        try:
            spec = self.t.field(name)
        except KeyError:
            return ""
        return display(spec, self.record.get(name), fmt)

    def fill(self, text: str) -> str:
        if self.mode == "blank":
            return _PLACEHOLDER.sub(_room, text)
        return _PLACEHOLDER.sub(lambda m: self.value(m.group(1)) or _room(m), text)

    def segments(self, text: str) -> list[tuple[str, bool]]:
        """Printed text and values of a line, in order: (text, is_value)."""
        out: list[tuple[str, bool]] = []
        pos = 0
        for m in _PLACEHOLDER.finditer(text):
            if m.start() > pos:
                out.append((text[pos : m.start()], False))
            value = "" if self.mode == "blank" else self.value(m.group(1))
            out.append((value or _room(m), bool(value)))
            pos = m.end()
        if pos < len(text):
            out.append((text[pos:], False))
        return out

    def marked(self, text: str) -> str | None:
        """Paragraph markup of a line with {field} values. In overlay mode the printed words are kept as white
        text, so every value sits exactly where it sits on the paper form (printers print no white); a line with
        no value gives None (nothing to draw)."""
        if self.mode != "overlay":
            m = markup(self.fill(text), self.fonts)
            self.report.missing += m.missing
            return m.text
        parts = self.segments(text)
        if not any(is_value for _t, is_value in parts):
            return None
        out = []
        for chunk, is_value in parts:
            m = markup(chunk, self.fonts)
            self.report.missing += m.missing
            out.append(m.text if is_value else f'<font color="white">{m.text}</font>')
        return "".join(out)

    def cell(
        self,
        cell: Cell,
        width: float,
        height: float,
        row: dict[str, Any] | None,
        index: int | None,
        list_name: str | None,
    ) -> Flowable | str:
        size = cell.size or self.t.font_size
        show_printed = self.mode != "overlay"
        if cell.label is not None:
            if not show_printed:
                return ""
            return fitted(cell.label, self.fonts, width, height, size, cell.align or "center", self.report, cell.label)
        if cell.text is not None:
            marked = self.marked(cell.text)
            if marked is None:
                return ""
            return fitted(
                self.fill(cell.text),
                self.fonts,
                width,
                height,
                size,
                cell.align or "left",
                self.report,
                cell.text[:12],
                marked=marked,
            )
        if cell.lines:
            lines = [(self.segments(ln.text), ln.box, ln.align) for ln in cell.lines]
            if not show_printed and not any(v for segs, _b, _a in lines for _t, v in segs):
                return ""
            return LinesBlock(lines, self.fonts, size, width, height, overlay=not show_printed)
        if cell.index:
            return (
                fitted(str(index), self.fonts, width, height, size, "center", self.report, "序号")
                if show_printed and index is not None
                else ""
            )
        if cell.field or cell.item:
            name = cell.field or cell.item or ""
            text = self.value(name, cell.format, row if cell.item else None, list_name if cell.item else None)
            if not text:
                return ""
            return fitted(text, self.fonts, width, height, size, cell.align or "left", self.report, name)
        if cell.checks:
            spec = self.t.field(cell.checks)
            options = cell.options or spec.options or (spec.label,)
            current = None if self.mode == "blank" else self.record.get(cell.checks)
            if spec.type == "multi":
                chosen = set(current or [])
            elif spec.type == "bool":
                chosen = set(options) if current else set()
            else:
                chosen = {current} if current is not None else set()
            # what 「其他」 is, inside its box's label — unless the template gives the text a cell of its own
            other, note = spec.other_choice, ""
            if other and spec.other_text and other in chosen and not self.t.places(spec.other_text):
                note = self.value(spec.other_text)
            items: list[tuple[BoxLabel, bool]] = [
                (other_parts(o, note) if note and o == other else o, o in chosen) for o in options
            ]
            return CheckGroup(items, self.fonts, size, width, height, show_labels=show_printed, show_boxes=show_printed)
        return ""

    def table(self, width: float) -> Table:
        total = sum(self.t.columns)
        cols = [width * c / total for c in self.t.columns]
        ncols = len(cols)
        grid: list[list[Any]] = []
        heights: list[float] = []
        spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
        occupied: set[tuple[int, int]] = set()
        for row in self.t.rows:
            repeats = row.count if row.repeat else 1
            items = (self.record.get(row.repeat) or []) if row.repeat and self.mode != "blank" else []
            for k in range(repeats or 1):
                r = len(grid)
                grid.append([""] * ncols)
                heights.append((row.height_mm or self.t.row_height_mm) * mm)
                data = items[k] if row.repeat and k < len(items) else ({} if row.repeat else None)
                c = 0
                for cell in row.cells:
                    while (r, c) in occupied:
                        c += 1
                    if c >= ncols:
                        raise ValueError(f"表格 {self.t.id} 第 {r + 1} 行的单元格超出列数")
                    span = min(cell.span, ncols - c)
                    for dr in range(cell.rowspan):
                        for dc in range(span):
                            occupied.add((r + dr, c + dc))
                    if span > 1 or cell.rowspan > 1:
                        spans.append(((c, r), (c + span - 1, r + cell.rowspan - 1)))
                    grid[r][c] = (cell, data, k + 1 if row.repeat else None, row.repeat)
                    c += span
        # now that every row height is known, build each cell's flowable for the area it spans
        span_of = {(a[1], a[0]): b for a, b in spans}
        for r, row_cells in enumerate(grid):
            for c, entry in enumerate(row_cells):
                if not entry:
                    continue
                cell, data, index, list_name = entry
                end = span_of.get((r, c), (c, r))
                w = sum(cols[c : end[0] + 1])
                h = sum(heights[r : end[1] + 1])
                grid[r][c] = self.cell(cell, w, h, data, index, list_name)
        styles: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
        if self.mode != "overlay":
            styles.append(("GRID", (0, 0), (-1, -1), 0.6, "black"))
        styles += [("SPAN", a, b) for a, b in spans]
        return Table(grid, colWidths=cols, rowHeights=heights, style=TableStyle(styles))

    def line(self, line: Line, width: float, default_size: float) -> Flowable:
        """A line above or below the table; in overlay mode an empty space of the same height when it has no
        value, so that nothing below it moves."""
        size = line.size or default_size
        marked = self.marked(line.text)
        if marked is None:
            plain = Paragraph(markup(self.fill(line.text), self.fonts).text, style(self.fonts, size, line.align))
            return Spacer(width, plain.wrap(width, 10_000)[1])
        return Paragraph(marked, style(self.fonts, size, line.align))


def render_form(
    template: Template,
    title: str,
    record: dict[str, Any],
    mode: Mode = "normal",
    calibration: Calibration | None = None,
    fonts: FontSet | None = None,
    margin_note: str = "",
) -> Rendered:
    """`margin_note` (the case a table was printed for) goes into the bottom margin, outside the official layout;
    never in 套打, whose paper is pre-printed."""
    fonts = fonts or resolve_fonts()
    calibration = calibration or Calibration()
    page_w, page_h = _page(template)
    top, right, bottom, left = (m * mm for m in template.page.margins_mm)
    width = page_w - left - right
    r = _Renderer(template, record, mode, fonts)

    # Every block takes the same room in every mode, so that 套打 values land where the paper's cells are.
    # (flowable, its wrapped height, the room it takes): each is wrapped once
    blocks: list[tuple[Flowable, float, float]] = []
    t = Paragraph(markup(title, fonts).text, style(fonts, template.title_size, "center"))
    title_h = t.wrap(width, 10_000)[1]
    blocks.append((t if mode != "overlay" else Spacer(width, title_h), title_h, title_h + 4 * mm))

    def add(flowable: Flowable, gap: float) -> None:
        h = flowable.wrap(width, 10_000)[1]
        blocks.append((flowable, h, h + gap))

    for line in template.header:
        add(r.line(line, width, template.font_size), 1.5 * mm)
    add(r.table(width), 2 * mm)
    for line in (*template.notes, *template.footer):
        add(r.line(line, width, template.font_size - 1), 1 * mm)

    total = sum(h for _, _, h in blocks)
    avail = page_h - top - bottom
    shrink = min(1.0, avail / total)
    if shrink < 1.0:
        r.report.warnings.append(f"内容超出一页，已整体缩小到 {shrink:.0%} 打印在一页内")

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(page_w, page_h), pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("医保窗口桌面")
    canvas.saveState()
    canvas.translate(calibration.dx_mm * mm, calibration.dy_mm * mm)
    canvas.translate(left, page_h - top)
    canvas.scale(shrink * calibration.scale, shrink * calibration.scale)
    y = 0.0
    for flowable, fh, h in blocks:
        flowable.drawOn(canvas, 0, y - fh)
        y -= h
    canvas.restoreState()
    if margin_note and mode != "overlay":
        note = Paragraph(markup(margin_note, fonts).text, style(fonts, 7, "left"))
        _, nh = note.wrap(width, bottom)
        note.drawOn(canvas, left, max(2 * mm, bottom - nh - 2 * mm))
    canvas.showPage()
    canvas.save()
    warnings = list(r.report.warnings)
    if r.report.missing:
        chars = "、".join(sorted(set(r.report.missing)))
        warnings.append(f"以下生僻字没有可用字体，已以编码〔U+…〕显示，请手工补写：{chars}")
    return Rendered(buf.getvalue(), fonts.describe(), warnings, (page_w, page_h))
