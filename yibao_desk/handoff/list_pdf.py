"""The 移交清单 on A4: per 承办部门 its own pages — the header with the counts, one line per case with its papers, and
the 移交人 / 接收人 / 移交时间 lines the two sign."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from yibao_desk.domain.catalog import Region
from yibao_desk.handoff.handoff_list import HandoffItem
from yibao_desk.printing.documents import with_room, wording
from yibao_desk.printing.fonts import FontSet, markup, resolve_fonts
from yibao_desk.printing.render import Rendered
from yibao_desk.printing.widgets import style

WIDTHS = (0.8, 3.6, 4.2, 1.6, 7.0)


def render_handoff(
    lists: Mapping[str, Sequence[HandoffItem]], day: dt.date, region: Region, window: str, fonts: FontSet | None = None
) -> Rendered:
    """One section per department of `lists` (department → its items), each from a new page."""
    fonts = fonts or resolve_fonts()
    w = wording()["handoff_list"]
    missing: list[str] = []

    def para(text: str, size: float, align: str = "left") -> Paragraph:
        m = markup(text, fonts)
        missing.extend(m.missing)
        return Paragraph(m.text, style(fonts, size, align))

    margin = 15 * mm
    width = A4[0] - 2 * margin
    flow: list[object] = []
    for i, (department, items) in enumerate(lists.items()):
        if i:
            flow.append(PageBreak())
        papers = sum(item.papers for item in items)
        head = w["header"].format(
            date=f"{day:%Y年%m月%d日}", window=window, department=department, cases=len(items), papers=papers
        )
        flow += [
            para(region.profile.agency or region.name, 11, "center"),
            para(w["title"], 16, "center"),
            Spacer(1, 2 * mm),
            para(head, 10),
            Spacer(1, 2 * mm),
        ]
        if items:
            rows = [[para(c, 9, "center") for c in w["columns"]]]
            for n, item in enumerate(items, 1):
                values = (str(n), item.case_number, item.service, item.applicant, item.materials_text())
                rows.append([para(v, 9) for v in values])
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
        flow += [Spacer(1, 10 * mm), para(with_room(w["signature"]), 10)]
    if not flow:
        flow = [para(w["title"], 16, "center"), Spacer(1, 4 * mm), para(w["empty"], 10)]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin, bottomMargin=margin,
        title=f"{w['title']} {day.isoformat()}", author="医保窗口桌面",
    )  # fmt: skip
    doc.build(flow)  # type: ignore[arg-type]
    return Rendered(buf.getvalue(), fonts.describe(), [f"缺字：{c}" for c in dict.fromkeys(missing)], A4)
