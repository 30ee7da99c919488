"""What a 收件回执 says, in order, independent of the paper: the agency and title, the case's codes, the lines and
the table of materials received. The PDF (A4 or an 80 mm roll through the system driver, printing/documents.py)
and the native ESC/POS receipt (devices/escpos_receipt.py) both print these blocks, so both say the same."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from yibao_desk.domain.catalog_schema import PAPER_ZH
from yibao_desk.domain.mailing import mail_text
from yibao_desk.printing.case_info import CaseInfo, mask_phone

Kind = Literal["agency", "title", "codes", "p", "table"]


@dataclass(frozen=True)
class Block:
    kind: Kind
    text: str = ""
    size: float = 0.0  # against the body size: +0.5 a little larger, -1 the small print
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()  # column shares on A4
    widths_narrow: tuple[float, ...] = ()  # on an 80 mm roll
    space: float = 1.5  # mm after a paragraph


def receipt_blocks(info: CaseInfo) -> list[Block]:
    from yibao_desk.printing.documents import people_lines, phones_line, wording

    w = wording()["receipt"]
    out = [
        Block("agency", info.region.profile.agency or info.region.name),
        Block("title", w["title"]),
        Block("codes", info.case_number),
        Block("p", f"办件编号：{info.case_number}"),
        Block("p", f"事项：{info.service.name}（{info.service.code}）"),
        *(Block("p", line) for line in people_lines(info)),
        Block("p", f"收件时间：{info.opened:%Y年%m月%d日 %H:%M}　窗口：{info.window}　收件人：{info.clerk}"),
    ]
    received = []
    for m in info.service.materials:
        st = info.materials.get(m.id)
        if st and st.get("received"):
            received.append(
                (
                    m.name,
                    "已验" if st.get("original_checked") else ("—" if not m.original else "未验"),
                    # no copy asked for: a dash, not 「0」 (which reads as a copy missing)
                    str(st["copies"]) if st.get("copies") else ("—" if not m.copies else "0"),
                    PAPER_ZH[m.paper] if m.paper else "—",
                )
            )
    if received:
        out.append(Block("p", "已收材料：", space=0.5))
        if any(row[3] != "—" for row in received):
            header = ("材料名称", "原件", "复印件（份）", "纸质材料")
            out.append(
                Block("table", rows=(header, *received), widths=(5, 1.2, 1.6, 1.8), widths_narrow=(4, 1.1, 1.4, 1.8))
            )
        else:
            rows = tuple(r[:3] for r in received)
            out.append(Block("table", rows=(("材料名称", "原件", "复印件（份）"), *rows), widths=(6, 1.4, 1.8),
                             widths_narrow=(5, 1.3, 1.7)))  # fmt: skip
    gaps = info.verdict.get("gaps") or []
    if gaps:
        out.append(Block("p", "容缺受理材料（请按期补交）：", space=0.5))
        owed = tuple((str(g["material"]), str(g.get("deadline") or "按规定")) for g in gaps)
        out.append(Block("table", rows=(("材料名称", "补交期限"), *owed), widths=(6, 2.5), widths_narrow=(6, 2.5)))
    tl = info.verdict.get("time_limit") or {}
    due = info.verdict.get("due_date")
    if due:
        limit = (
            "即办件"
            if tl.get("kind") == "immediate"
            else (f"{tl['working_days']} 个工作日" if tl.get("working_days") else tl.get("text", ""))
        )
        out.append(
            Block("p", f"承诺办结时限：{limit}；承诺办结日期：{dt.date.fromisoformat(due):%Y年%m月%d日}", size=0.5)
        )
        estimated = info.verdict.get("due_date_estimated_years") or []
        if estimated:
            years = "、".join(str(y) for y in estimated)
            out.append(Block("p", w["estimated_due_notice"].format(years=years), size=-1))
    delivery = (
        "邮寄（" + w["mail_notice"] + "）" if info.delivery == "mail" else "窗口领取（" + w["pickup_notice"] + "）"
    )
    out.append(Block("p", "结果交付：" + delivery))
    if info.delivery == "mail" and info.mail:
        # the address in full, so that the applicant checks where the result goes before leaving; the phone masked
        # as the applicant's is
        out.append(Block("p", "寄送：" + mail_text({**info.mail, "phone": mask_phone(info.mail.get("phone", ""))})))
    if info.region.profile.sms_notices:
        out.append(Block("p", w["sms_notice"]))
    phones = phones_line(info)
    if phones:
        out.append(Block("p", phones))
    out.append(Block("p", w["keep_notice"], size=-1))
    return out
