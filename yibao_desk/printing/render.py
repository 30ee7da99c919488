"""One engine for every official table: a template (cells as data) and a record → a one-page PDF.

Modes: `normal` (the whole table with the values), `blank` (the table without values, to fill by hand) and
`overlay` (套打: only the values, at the positions of the table's cells, shifted and scaled by the printer's
calibration, for pre-printed paper).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, Literal

from reportlab.lib.pagesizes import A4, A5, landscape, portrait
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from yibao_desk.printing.fonts import FontSet, markup, resolve_fonts
from yibao_desk.printing.grid import place
from yibao_desk.printing.lines import DATE_ROOM, BoxRef, Placeholder, RichLine, Run, tokens
from yibao_desk.printing.records import display, other_parts
from yibao_desk.printing.templates import Cell, FieldSpec, Line, Template
from yibao_desk.printing.widgets import MIN_SIZE, PAD, BoxLabel, CheckGroup, FitReport, LinesBlock, Tick, fitted, style

Mode = Literal["normal", "blank", "overlay"]


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
    def __init__(
        self, template: Template, record: dict[str, Any], mode: Mode, fonts: FontSet, texts: dict[str, str]
    ) -> None:
        self.t, self.record, self.mode, self.fonts, self.texts = template, record, mode, fonts, texts
        self.report = FitReport()

    def spec(self, name: str, list_name: str | None = None) -> FieldSpec | None:
        try:
            if list_name:
                return next((f for f in self.t.field(list_name).items if f.name == name), None)
            return self.t.field(name)
        except KeyError:
            return None

    def value(
        self, name: str, fmt: str | None = None, row: dict[str, Any] | None = None, spec_list: str | None = None
    ) -> str:
        if self.mode == "blank":
            return ""
        spec = self.spec(name, spec_list if row is not None else None)
        if spec is None:
            return ""
        return display(spec, (row if row is not None and spec_list else self.record).get(name), fmt)

    def room(self, placeholder: Placeholder) -> str:
        """What stands where a value is empty: the template's text for it (`$name`: the region's, e.g.
        $number_pattern), 「年　月　日」 for a date, or room to write (N no-break spaces, or four ideographic
        spaces)."""
        blank = placeholder.blank
        if blank is not None and blank.startswith("$"):
            blank = self.texts.get(blank[1:])
        if blank is not None:
            return blank
        spec = self.spec(placeholder.name)
        if spec is not None and spec.type == "date":
            return DATE_ROOM
        return "\u00a0" * placeholder.room if placeholder.room else "\u3000" * 4

    def ticked(self, ref: BoxRef) -> bool:
        if self.mode == "blank":
            return False
        value = self.record.get(ref.name)
        if ref.option is None:
            return bool(value)
        return ref.option in value if isinstance(value, list) else value == ref.option

    def runs(self, text: str) -> list[Run]:
        """The runs of a line of text ({field} values, {box:…} boxes, **bold**; lines.py gives the syntax)."""
        out: list[Run] = []
        for token, bold in tokens(text):
            if isinstance(token, str):
                out.append(Run(token, "printed", bold))
            elif isinstance(token, BoxRef):
                out.append(Run("", "box", bold, self.ticked(token)))
            else:
                value = self.value(token.name)
                out.append(Run(value, "value", bold) if value else Run(self.room(token), "room", bold))
        return out

    def segments(self, text: str) -> list[tuple[str, bool]]:
        """Printed text and values of a line, in order: (text, is_value)."""
        return [(run.text, run.kind == "value") for run in self.runs(text)]

    def text_block(self, text: str, width: float, height: float, size: float, align: str) -> Flowable | str:
        """A cell of text with values, shrunk to fit; a value too long even at the smallest size is cut with …"""
        runs = self.runs(text)
        overlay = self.mode == "overlay"
        if overlay and not any(r.kind == "value" or r.ticked for r in runs):
            return ""
        fit = (max(width - 2 * PAD, 4), max(height - 2 * PAD, 4))
        while True:
            block = RichLine(runs, self.fonts, size, align, overlay=overlay, fit=fit, min_size=MIN_SIZE)
            longest = max((r for r in runs if r.kind == "value"), key=lambda r: len(r.text), default=None)
            if not block.overflow or longest is None or len(longest.text) <= 2:
                break
            cut = Run(longest.text[: max(1, int(len(longest.text) * 0.9) - 1)] + "…", "value", longest.bold)
            runs = [cut if r is longest else r for r in runs]
        self.report.missing += block.missing
        if block.overflow or any(r.text.endswith("…") and r.kind == "value" for r in runs):
            self.report.warnings.append(f"“{text[:12]}”内容过长，已截断显示")
        return block

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
            return self.text_block(cell.text, width, height, size, cell.align or "left")
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
            spec = self.spec(name, list_name if cell.item else None)
            if spec is not None and spec.type == "bool":  # a tick where the table has an empty cell to tick
                source = (row or {}) if cell.item else self.record
                ticked = self.mode != "blank" and bool(source.get(name))
                return Tick(size, width, height, cell.align or "center") if ticked else ""
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
        layout = place(self.t)
        scale = width / sum(layout.columns_mm)
        cols = [c * scale for c in layout.columns_mm]
        heights = [h * mm for h in layout.heights_mm]
        grid: list[list[Any]] = [[""] * len(cols) for _ in heights]
        spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
        for p in layout.cells:
            if p.span > 1 or p.rowspan > 1:
                spans.append(((p.col, p.row), (p.col + p.span - 1, p.row + p.rowspan - 1)))
            repeat = p.source.repeat
            data: dict[str, Any] | None = None
            if repeat:
                items = (self.record.get(repeat) or []) if self.mode != "blank" else []
                data = items[p.index - 1] if p.index is not None and p.index <= len(items) else {}
            w = sum(cols[p.col : p.col + p.span])
            h = sum(heights[p.row : p.row + p.rowspan])
            grid[p.row][p.col] = self.cell(p.cell, w, h, data, p.index, repeat)
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
        """A line above or below the table: the same height in every mode, so that nothing below it moves in 套打."""
        block = RichLine(
            self.runs(line.text), self.fonts, line.size or default_size, line.align, self.mode == "overlay"
        )
        self.report.missing += block.missing
        return block


def render_form(
    template: Template,
    title: str,
    record: dict[str, Any],
    mode: Mode = "normal",
    calibration: Calibration | None = None,
    fonts: FontSet | None = None,
    margin_note: str = "",
    texts: dict[str, str] | None = None,
) -> Rendered:
    """`margin_note` (the case a table was printed for) goes into the bottom margin, outside the official layout;
    never in 套打, whose paper is pre-printed. `texts`: the region's texts a template names as `{field|$name}`."""
    fonts = fonts or resolve_fonts()
    calibration = calibration or Calibration()
    page_w, page_h = _page(template)
    top, right, bottom, left = (m * mm for m in template.page.margins_mm)
    width = page_w - left - right
    r = _Renderer(template, record, mode, fonts, texts or {})

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
