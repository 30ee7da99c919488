"""The 寄送清单 on A4 landscape: one line per result (the header repeated on every page), the count, and the lines
where the 发证岗位 hands the results over to the 邮政物流岗位 and both sign (seed 000 §十1)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from yibao_desk.domain.catalog import Region
from yibao_desk.mailing.mail_list import MailItem
from yibao_desk.printing.documents import with_room, wording
from yibao_desk.printing.fonts import FontSet, markup, resolve_fonts
from yibao_desk.printing.render import Rendered
from yibao_desk.printing.widgets import style

WIDTHS = (0.9, 4.2, 4.4, 1.8, 2.6, 7.0, 1.6, 2.1, 3.2)  # relative, as mail_list.columns


def render_mail_list(
    items: Sequence[MailItem], day: dt.date, region: Region, window: str, fonts: FontSet | None = None
) -> Rendered:
    fonts = fonts or resolve_fonts()
    w = wording()["mail_list"]
    missing: list[str] = []

    def para(text: str, size: float, align: str = "left") -> Paragraph:
        m = markup(text, fonts)
        missing.extend(m.missing)
        return Paragraph(m.text, style(fonts, size, align))

    page = landscape(A4)
    margin = 12 * mm
    width = page[0] - 2 * margin
    flow = [
        para(region.profile.agency or region.name, 11, "center"),
        para(w["title"], 16, "center"),
        Spacer(1, 2 * mm),
        para(w["header"].format(date=f"{day:%Y年%m月%d日}", window=window, count=len(items)), 10),
        Spacer(1, 2 * mm),
    ]
    if items:
        rows = [[para(c, 9, "center") for c in w["columns"]]]
        rows += [[para(c, 9) for c in item.row(i)] for i, item in enumerate(items, 1)]
        total = sum(WIDTHS)
        table = Table(rows, colWidths=[width * x / total for x in WIDTHS], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        flow.append(table)
    else:
        flow.append(para(w["empty"], 10))
    flow += [Spacer(1, 8 * mm), para(with_room(w["signature"]), 10)]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=page,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"{w['title']} {day.isoformat()}",
        author="医保窗口桌面",
    )
    doc.build(flow)
    return Rendered(buf.getvalue(), fonts.describe(), [f"缺字：{c}" for c in dict.fromkeys(missing)], page)
