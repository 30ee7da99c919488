"""Flowables for table cells: text that shrinks to fit its cell, and check boxes drawn as vectors (CJK fonts
often lack ☑/☐)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from yibao_desk.printing.fonts import FontSet, markup
from yibao_desk.printing.lines import LEADING, draw_box

ALIGN: dict[str, Literal[0, 1, 2]] = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
MIN_SIZE = 5.0
PAD = 2.0


@dataclass
class FitReport:
    warnings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def style(fonts: FontSet, size: float, align: str = "left") -> ParagraphStyle:
    return _style(fonts.name, size, align)


@lru_cache(maxsize=512)
def _style(font: str, size: float, align: str) -> ParagraphStyle:
    return ParagraphStyle(
        "cell",
        fontName=font,
        fontSize=size,
        leading=size * LEADING,
        alignment=ALIGN[align],
        wordWrap="CJK",
        splitLongWords=True,
    )


def _overflows(p: Paragraph) -> bool:
    """True when a wrapped line is wider than the paragraph (CJK line-break rules can push a line over)."""
    bl_para = getattr(p, "blPara", None)
    for line in bl_para.lines if bl_para else ():
        extra = line[0] if isinstance(line, tuple) else getattr(line, "extraSpace", 0)
        if extra < -0.01:
            return True
    return False


def fitted(
    text: str,
    fonts: FontSet,
    width: float,
    height: float,
    size: float,
    align: str,
    report: FitReport,
    what: str,
) -> Flowable:
    """A paragraph that fits `width` x `height`: the font shrinks down to MIN_SIZE, then the text is cut with …
    and a warning names the cell. Never spills out of its cell."""
    m = markup(text, fonts)
    report.missing += m.missing
    marked = m.text
    w, h = max(width - 2 * PAD, 4), max(height - 2 * PAD, 4)
    if "<" not in marked and "\n" not in text and size * LEADING <= h + 0.01:
        # one line of plain text: its width decides the size at once, and it is drawn without a paragraph
        natural = stringWidth(text, fonts.name, size)
        s = size if natural <= w else size * w / natural
        if s >= MIN_SIZE:
            return OneLine(text, fonts.name, max(MIN_SIZE, int(s * 2) / 2), w, align)
    s = size
    while True:
        p = Paragraph(marked, style(fonts, s, align))
        _, ph = p.wrap(w, 10_000)
        if ph <= h + 0.01 and not _overflows(p):
            return p
        if s <= MIN_SIZE:
            break
        s = max(MIN_SIZE, s - 0.5)
    shown = text
    while len(shown) > 1:
        shown = shown[: max(1, int(len(shown) * 0.9))]
        p = Paragraph(markup(shown + "…", fonts).text, style(fonts, MIN_SIZE, align))
        _, ph = p.wrap(w, 10_000)
        if ph <= h + 0.01 and not _overflows(p):
            report.warnings.append(f"“{what}”内容过长，已截断显示：{text[:20]}…")
            return p
    return Paragraph("…", style(fonts, MIN_SIZE, align))


class OneLine(Flowable):
    """A cell's text that fits on one line at `size`: drawn as a string (a Paragraph would break lines that do not
    need breaking, twice — once to fit, once for the table)."""

    def __init__(self, text: str, font: str, size: float, width: float, align: str) -> None:
        super().__init__()
        self.text, self.font, self.size, self.avail_w, self.align = text, font, size, width, align

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.avail_w, self.size * LEADING

    def draw(self) -> None:
        c: Any = self.canv
        c.setFont(self.font, self.size)
        y = self.size * 0.25
        if self.align == "center":
            c.drawCentredString(self.avail_w / 2, y, self.text)
        elif self.align == "right":
            c.drawRightString(self.avail_w, y, self.text)
        else:
            c.drawString(0, y, self.text)


class Tick(Flowable):
    """A tick in a cell the table leaves empty for one (商洛 表2's 变更类别 sub-columns)."""

    def __init__(self, size: float, width: float, height: float, align: str) -> None:
        super().__init__()
        self.size, self.align = size, align
        self.avail_w = max(width - 2 * PAD, 4)

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.avail_w, self.size

    def draw(self) -> None:
        box = self.size * 0.8
        x = {"left": 0.0, "right": self.avail_w - box}.get(self.align, (self.avail_w - box) / 2)
        draw_box(self.canv, x, (self.size - box) / 2, self.size, True, outline=False)


# A box's label: its printed text, or (text, is_value) segments when a value sits inside it (其他（…）)
BoxLabel = str | Sequence[tuple[str, bool]]


class CheckGroup(Flowable):
    """□ option … boxes with ticks, laid out in lines within the cell, shrinking to fit. With `show_labels=False`
    (套打) only the value segments of the labels are drawn, at the places they have in the full label."""

    def __init__(
        self,
        items: Sequence[tuple[BoxLabel, bool]],
        fonts: FontSet,
        size: float,
        width: float,
        height: float,
        show_labels: bool = True,
        show_boxes: bool = True,
        column: bool = False,
    ) -> None:
        super().__init__()
        self.items: list[tuple[list[tuple[str, bool]], bool]] = [
            ([(label, False)] if isinstance(label, str) else list(label), ticked) for label, ticked in items
        ]
        self.fonts = fonts
        self.show_labels, self.show_boxes, self.column = show_labels, show_boxes, column
        self.avail_w, self.avail_h = max(width - 2 * PAD, 4), max(height - 2 * PAD, 4)
        self.size = size
        while self._layout(self.size)[1] > self.avail_h and self.size > MIN_SIZE:
            self.size -= 0.5
        self.lines, self.height_used = self._layout(self.size)

    def _item_width(self, label: str, size: float) -> float:
        return size * 1.1 + stringWidth(label, self.fonts.name, size) + size * 0.9

    def _layout(self, size: float) -> tuple[list[list[tuple[list[tuple[str, bool]], bool]]], float]:
        lines: list[list[tuple[list[tuple[str, bool]], bool]]] = [[]]
        used = 0.0
        for segs, ticked in self.items:
            w = self._item_width("".join(t for t, _v in segs), size)
            if lines[-1] and (self.column or used + w > self.avail_w):
                lines.append([])
                used = 0.0
            lines[-1].append((segs, ticked))
            used += w
        return lines, len(lines) * size * 1.4

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.avail_w, min(self.height_used, self.avail_h)

    def draw(self) -> None:
        c: Any = self.canv
        s = self.size
        y = min(self.height_used, self.avail_h) - s * 1.1
        for line in self.lines:
            x = 0.0
            for segs, ticked in line:
                label = "".join(t for t, _v in segs)
                box = s * 0.8
                draw_box(c, x, y, s, ticked, outline=self.show_boxes)
                c.setFont(self.fonts.name, s)
                if self.show_labels:
                    c.drawString(x + s * 1.1, y + box * 0.1, label)
                else:
                    tx = x + s * 1.1
                    for text, is_value in segs:
                        if is_value:
                            c.drawString(tx, y + box * 0.1, text)
                        tx += stringWidth(text, self.fonts.name, s)
                x += self._item_width(label, s)
            y -= s * 1.4


class LinesBlock(Flowable):
    """Printed lines inside a cell, some behind an empty box; shrinks to fit the cell. Each line is a list of
    (text, is_value) segments; in overlay mode only the values are drawn, at their places."""

    def __init__(
        self,
        lines: Sequence[tuple[list[tuple[str, bool]], bool, str]],
        fonts: FontSet,
        size: float,
        width: float,
        height: float,
        overlay: bool = False,
    ) -> None:
        super().__init__()
        self.lines, self.fonts, self.overlay = lines, fonts, overlay
        self.avail_w, self.avail_h = max(width - 2 * PAD, 4), max(height - 2 * PAD, 4)
        self.size = size
        while (
            len(lines) * self.size * 1.45 > self.avail_h or self._widest(self.size) > self.avail_w
        ) and self.size > MIN_SIZE:
            self.size -= 0.5

    def _width(self, segs: list[tuple[str, bool]], box: bool, size: float) -> float:
        return sum(stringWidth(t, self.fonts.name, size) for t, _v in segs) + (size * 1.1 if box else 0)

    def _widest(self, size: float) -> float:
        return max((self._width(segs, box, size) for segs, box, _ in self.lines), default=0)

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.avail_w, min(len(self.lines) * self.size * 1.45, self.avail_h)

    def draw(self) -> None:
        c: Any = self.canv
        s = self.size
        y = min(len(self.lines) * s * 1.45, self.avail_h) - s * 1.1
        for segs, box, align in self.lines:
            w = self._width(segs, box, s)
            x = {"left": 0.0, "center": (self.avail_w - w) / 2, "right": self.avail_w - w}[align]
            if box:
                draw_box(c, x, y, s, False, outline=not self.overlay)
                x += s * 1.1
            c.setFont(self.fonts.name, s)
            for text, is_value in segs:
                if is_value or not self.overlay:
                    c.drawString(x, y + s * 0.08, text)
                x += stringWidth(text, self.fonts.name, s)
            y -= s * 1.45
