"""The documents the program composes: 收件回执 (A4 or 80 mm roll), 补正材料告知单 (申请人联 and 存根联) and
不予受理告知书. Wording comes from `printing/documents.yaml`; every page is kept to one sheet."""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import lru_cache
from typing import Any, Literal

import yaml
from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from yibao_desk.domain.paths import project_root
from yibao_desk.printing.case_info import CaseInfo, mask_id, mask_phone
from yibao_desk.printing.fonts import FontSet, markup, resolve_fonts
from yibao_desk.printing.render import Rendered
from yibao_desk.printing.widgets import style

Width = Literal["a4", "80mm"]


@lru_cache(maxsize=1)
def wording() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((project_root() / "printing" / "documents.yaml").read_text("utf-8"))
    return data


class _Doc:
    def __init__(self, fonts: FontSet, width: float, size: float) -> None:
        self.fonts, self.width, self.size = fonts, width, size
        self.flow: list[Flowable] = []
        self.missing: list[str] = []

    def p(self, text: str, size: float | None = None, align: str = "left", space: float = 1.5) -> None:
        m = markup(text, self.fonts)
        self.missing += m.missing
        self.flow.append(Paragraph(m.text, style(self.fonts, size or self.size, align)))
        self.flow.append(Spacer(1, space * mm))

    def cell(self, text: str, size: float | None = None, align: str = "left") -> Paragraph:
        m = markup(text, self.fonts)
        self.missing += m.missing
        return Paragraph(m.text, style(self.fonts, size or self.size - 1, align))

    def table(self, rows: list[list[str]], widths: list[float], header: bool = True) -> None:
        total = sum(widths)
        data = [
            [self.cell(c, align="center" if header and i == 0 else "left") for c in row] for i, row in enumerate(rows)
        ]
        t = Table(data, colWidths=[self.width * w / total for w in widths], repeatRows=1)
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        self.flow.append(t)
        self.flow.append(Spacer(1, 2 * mm))


def _codes(case_number: str, width: float, compact: bool) -> Flowable:
    qr_size = (24 if compact else 26) * mm
    room = width if compact else width - qr_size - 8 * mm
    modules = Code128(case_number, barWidth=1, quiet=True).width  # width in modules at 1 pt per module
    bar_width = min(0.36 * mm, room / modules)  # ~0.26 mm on an 80 mm roll: still within scanners' reach
    bar = Code128(
        case_number, barHeight=(10 if compact else 12) * mm, barWidth=bar_width, humanReadable=False, quiet=True
    )
    widget = QrCodeWidget(case_number, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    qr = Drawing(qr_size, qr_size, transform=[qr_size / (x1 - x0), 0, 0, qr_size / (y1 - y0), 0, 0])
    qr.add(widget)
    if compact:
        t = Table([[bar], [qr]], colWidths=[width])
        t.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER")]))
        return t
    t = Table([[bar, qr]], colWidths=[width - qr_size - 4 * mm, qr_size + 4 * mm])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
    return t


def _draw(pages: list[list[Flowable]], page_w: float, page_h: float | None, margin: float, title: str) -> bytes:
    """Each list of flowables on one page; a page taller than the sheet is shrunk to fit. page_h None: roll paper,
    the page is as long as its content."""
    buf = io.BytesIO()
    width = page_w - 2 * margin
    canvas: Canvas | None = None
    for flow in pages:
        sizes = [f.wrap(width, 100_000) for f in flow]
        total = sum(h for _, h in sizes)
        height = page_h if page_h is not None else total + 2 * margin
        if canvas is None:
            canvas = Canvas(buf, pagesize=(page_w, height), pageCompression=1)
            canvas.setTitle(title)
            canvas.setAuthor("医保窗口桌面")
        else:
            canvas.setPageSize((page_w, height))
        scale = min(1.0, (height - 2 * margin) / total) if total else 1.0
        canvas.saveState()
        canvas.translate(margin, height - margin)
        canvas.scale(scale, scale)
        y = 0.0
        for f, (_w, h) in zip(flow, sizes, strict=True):
            f.drawOn(canvas, 0, y - h)
            y -= h
        canvas.restoreState()
        canvas.showPage()
    assert canvas is not None
    canvas.save()
    return buf.getvalue()


def _header(d: _Doc, info: CaseInfo, title: str, size: float) -> None:
    d.p(info.region.profile.agency or info.region.name, size=d.size, align="center", space=1)
    d.p(title, size=size, align="center", space=2)


def people_lines(info: CaseInfo) -> list[str]:
    a = info.applicant
    lines = [
        f"申请人：{a.get('name', '')}　证件号码：{mask_id(a.get('id_number', ''))}"
        + (f"　电话：{mask_phone(a['phone'])}" if a.get("phone") else "")
    ]
    if info.agent:
        lines.append(f"代办人：{info.agent.get('name', '')}　证件号码：{mask_id(info.agent.get('id_number', ''))}")
    if info.unit:
        lines.append(
            f"单位：{info.unit.get('name', '')}"
            + (f"　统一社会信用代码：{info.unit['credit_code']}" if info.unit.get("credit_code") else "")
        )
    return lines


def consultation_phones(info: CaseInfo) -> str:
    """Where the applicant asks: the region's 咨询电话, the service's own number, or the county directory when it
    lists 咨询电话 (a directory of 监督电话 is never printed as 咨询电话)."""
    ph = info.region.profile.phones
    directory = "；".join(f"{d.name} {d.phone}" for d in ph.directory) if ph.directory_kind == "consultation" else ""
    return "、".join(ph.consultation) or (info.service.contact_phone or "") or directory


def phones_line(info: CaseInfo) -> str:
    ph = info.region.profile.phones
    parts = []
    consult = consultation_phones(info)
    if consult:
        parts.append(f"咨询电话：{consult}")
    supervision = [*ph.supervision]
    if ph.directory_kind == "supervision":
        supervision += [f"{d.name} {d.phone}" for d in ph.directory]
    if supervision:
        parts.append(f"监督电话：{'、'.join(supervision)}")
    return "　".join(parts)


_ROOM = re.compile(r"\{room:(\d+)\}")


def with_room(text: str) -> str:
    """{room:N} in the wording: N no-break spaces, room to sign or write a date by hand."""
    return _ROOM.sub(lambda m: "\u00a0" * int(m.group(1)), text)


def render_receipt(info: CaseInfo, width: Width = "a4", fonts: FontSet | None = None) -> Rendered:
    from yibao_desk.printing.receipt_content import receipt_blocks

    fonts = fonts or resolve_fonts()
    w = wording()["receipt"]
    compact = width == "80mm"
    page_w = 80 * mm if compact else A4[0]
    margin = 3 * mm if compact else 18 * mm
    d = _Doc(fonts, page_w - 2 * margin, 8.5 if compact else 10.5)
    for b in receipt_blocks(info):
        if b.kind == "agency":
            d.p(b.text, size=d.size, align="center", space=1)
        elif b.kind == "title":
            d.p(b.text, size=12 if compact else 18, align="center", space=2)
        elif b.kind == "codes":
            d.flow.append(_codes(b.text, d.width, compact))
            d.flow.append(Spacer(1, 2 * mm))
        elif b.kind == "table":
            d.table([list(r) for r in b.rows], list(b.widths_narrow if compact else b.widths))
        else:
            d.p(b.text, size=d.size + b.size if b.size else None, space=b.space)
    pdf = _draw([d.flow], page_w, None if compact else A4[1], margin, f"{w['title']} {info.case_number}")
    return Rendered(pdf, fonts.describe(), _missing(d), (page_w, A4[1]))


def render_supplement_notice(info: CaseInfo, deadline: dt.date | None, fonts: FontSet | None = None) -> Rendered:
    fonts = fonts or resolve_fonts()
    w = wording()["supplement_notice"]
    pages = []
    d = _Doc(fonts, A4[0] - 36 * mm, 10.5)
    for copy in w["copies"]:
        d.flow = []
        _header(d, info, w["title"], 18)
        d.p(f"（{copy}）　办件编号：{info.case_number}", align="right")
        d.p(w["intro"].format(applicant=info.applicant.get("name", ""), service=info.service.name))
        rows = [["序号", "材料", "存在问题", "收件要求", "常见错误（请避免）"]]
        for i, p in enumerate(info.verdict.get("problems") or [], 1):
            rows.append(
                [
                    str(i),
                    p.get("material") or "—",
                    p["reason"],
                    p.get("requirement", ""),
                    "；".join(p.get("common_mistakes") or []),
                ]
            )
        d.table(rows, [0.7, 3, 3, 3.5, 3])
        d.p(w["deadline"].format(deadline=f"{deadline:%Y年%m月%d日}") if deadline else w["no_deadline"])
        for line in people_lines(info):
            d.p(line)
        d.p(f"窗口：{info.window}　经办人：{info.clerk}　告知日期：{info.opened:%Y年%m月%d日}")
        phones = phones_line(info)
        if phones:
            d.p(phones)
        d.flow.append(Spacer(1, 6 * mm))
        d.p(with_room(w["signature"]), align="right")
        pages.append(d.flow)
    pdf = _draw(pages, A4[0], A4[1], 18 * mm, f"{w['title']} {info.case_number}")
    return Rendered(pdf, fonts.describe(), _missing(d))


def render_rejection_notice(info: CaseInfo, reasons: list[str] | None = None, fonts: FontSet | None = None) -> Rendered:
    fonts = fonts or resolve_fonts()
    w = wording()["rejection_notice"]
    d = _Doc(fonts, A4[0] - 36 * mm, 11)
    _header(d, info, w["title"], 18)
    d.p(f"办件编号：{info.case_number}", align="right")
    d.p(
        w["intro"].format(
            applicant=info.applicant.get("name", ""), date=f"{info.opened:%Y年%m月%d日}", service=info.service.name
        )
    )
    for i, reason in enumerate(reasons or info.verdict.get("reject_reasons") or [], 1):
        d.p(f"{i}. {reason}")
    profile = info.region.profile
    phone = consultation_phones(info) or "见窗口公示"
    agency = profile.agency or info.region.name
    d.p(w["where_instead"].format(agency=agency, address=profile.hall_address or "见窗口公示", phone=phone))
    d.p(w["remedy"])
    d.flow.append(Spacer(1, 8 * mm))
    d.p(f"{profile.agency or info.region.name}　{info.window}", align="right")
    d.p(f"经办人：{info.clerk}　{info.opened:%Y年%m月%d日}", align="right")
    if phone == "见窗口公示" and phones_line(info):
        d.p(phones_line(info))
    d.flow.append(Spacer(1, 8 * mm))
    d.p(with_room(w["signature"]), align="right")
    pdf = _draw([d.flow], A4[0], A4[1], 18 * mm, f"{w['title']} {info.case_number}")
    return Rendered(pdf, fonts.describe(), _missing(d))


def _missing(d: _Doc) -> list[str]:
    if not d.missing:
        return []
    return [f"以下生僻字没有可用字体，已以编码〔U+…〕显示，请手工补写：{'、'.join(sorted(set(d.missing)))}"]
