"""Address labels for the results to be mailed: an A4 sheet of eight (2 × 4, 105 × 74 mm, the common label stock) or
one 100 × 150 mm thermal label per result, each with the recipient, the address, the postcode in boxes, the case
barcode (Code 128, as on the receipt: scanning it opens the case) and the sender."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from yibao_desk.mailing.mail_list import MailItem
from yibao_desk.printing.documents import wording
from yibao_desk.printing.fonts import FontSet, markup, resolve_fonts
from yibao_desk.printing.render import Rendered
from yibao_desk.printing.widgets import style

LabelSize = Literal["a4", "100x150"]
SIZES_ZH = {"a4": "A4 标签纸（每页 8 张，105×74 mm）", "100x150": "100×150 mm 热敏面单"}


@dataclass(frozen=True)
class Sender:
    name: str  # the agency
    window: str
    phone: str = ""


@dataclass(frozen=True)
class _Box:
    width: float
    height: float
    pad: float
    size: float  # the address's font size
    bar_max: float  # the case barcode's tallest


_BOXES = {
    "a4": _Box(105 * mm, A4[1] / 4, 6 * mm, 11, 12 * mm),
    "100x150": _Box(100 * mm, 150 * mm, 6 * mm, 14, 22 * mm),
}


class _Writer:
    def __init__(self, canvas: Canvas, fonts: FontSet) -> None:
        self.canvas, self.fonts = canvas, fonts
        self.missing: list[str] = []

    def text(self, text: str, x: float, top: float, width: float, size: float, align: str = "left") -> float:
        """Draw `text` wrapped in `width` with its top at `top`; the y of its bottom."""
        m = markup(text, self.fonts)
        self.missing += m.missing
        p = Paragraph(m.text, style(self.fonts, size, align))
        _w, h = p.wrap(width, 1000)
        p.drawOn(self.canvas, x, top - h)
        return top - h

    def height(self, text: str, width: float, size: float) -> float:
        p = Paragraph(markup(text, self.fonts).text, style(self.fonts, size))
        return float(p.wrap(width, 1000)[1])


def _label(wr: _Writer, item: MailItem, sender: Sender, x: float, y: float, box: _Box) -> None:
    """One label with its lower left corner at (x, y)."""
    w = wording()["mail_label"]
    c = wr.canvas
    left, width = x + box.pad, box.width - 2 * box.pad
    top = y + box.height - box.pad
    big = box.size
    top = wr.text(f"{w['to']}：{item.recipient}", left, top, width, big + 2) - 0.5 * mm
    top = wr.text(f"{w['phone']}：{item.phone}", left, top, width, big) - 1.5 * mm
    top = wr.text(item.address, left, top, width, big) - 2 * mm
    # the postcode in six boxes, as on a Chinese envelope
    cell = big * 1.5 * 0.3528 * mm * 1.4
    c.setFont(wr.fonts.name, big - 2)
    c.drawString(left, top - cell * 0.72, w["postcode"])
    start = left + c.stringWidth(w["postcode"], wr.fonts.name, big - 2) + 2 * mm
    cell = min(cell, (left + width - start) / 6 - 1 * mm)
    c.setFont(wr.fonts.name, big + 2)
    for i, digit in enumerate(item.postcode[:6].ljust(6)):
        c.rect(start + i * (cell + 1 * mm), top - cell, cell, cell)
        c.drawCentredString(start + i * (cell + 1 * mm) + cell / 2, top - cell * 0.75, digit)
    top -= cell + 2.5 * mm
    phone = f"　{sender.phone}" if sender.phone else ""
    sender_text = (
        f"{w['sender']}：{sender.name}　{sender.window}{phone}\n{w['contents'].format(service=item.service_name)}"
    )
    sender_top = y + box.pad + wr.height(sender_text, width, big - 4)
    wr.text(sender_text, left, sender_top, width, big - 4)
    code_room = wr.height(item.case_number, width, big - 3)
    bar_height = min(box.bar_max, max(6 * mm, top - sender_top - code_room - 4 * mm))
    modules = Code128(item.case_number, barWidth=1, quiet=True).width
    bar = Code128(
        item.case_number,
        barHeight=bar_height,
        barWidth=min(0.33 * mm, width / modules),
        humanReadable=False,
        quiet=False,
    )
    bar.drawOn(c, left, top - bar_height)
    wr.text(item.case_number, left, top - bar_height - 0.5 * mm, width, big - 3)


def render_labels(
    items: Sequence[MailItem], sender: Sender, size: LabelSize = "a4", fonts: FontSet | None = None
) -> Rendered:
    fonts = fonts or resolve_fonts()
    box = _BOXES[size]
    page = A4 if size == "a4" else (box.width, box.height)
    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=page, pageCompression=1)
    canvas.setTitle("邮寄标签")
    canvas.setAuthor("医保窗口桌面")
    wr = _Writer(canvas, fonts)
    per_page = 8 if size == "a4" else 1
    for start in range(0, max(len(items), 1), per_page):
        for i, item in enumerate(items[start : start + per_page]):
            col, row = (i % 2, i // 2) if size == "a4" else (0, 0)
            x = col * box.width
            y = page[1] - (row + 1) * box.height
            if size == "a4":  # a faint cutting line between labels on plain paper
                canvas.setDash(1, 2)
                canvas.setLineWidth(0.2)
                canvas.rect(x, y, box.width, box.height)
                canvas.setDash()
                canvas.setLineWidth(1)
            _label(wr, item, sender, x, y, box)
        canvas.showPage()
    canvas.save()
    return Rendered(buf.getvalue(), fonts.describe(), [f"缺字：{c}" for c in dict.fromkeys(wr.missing)], page)
