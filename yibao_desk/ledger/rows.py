"""Ledger rows from case records: one row per case, with result, what was missing, gaps, due date, overdue."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from yibao_desk.domain.rating import is_bad, rating_text
from yibao_desk.printing.case_info import mask_id, mask_phone
from yibao_desk.printing.official import COMPOSED

RESULT = {
    "accepted": "受理",
    "completed": "受理",
    "delivered": "受理",
    "supplement": "补正",
    "rejected": "不予受理",
    "draft": "未决定",
    "voided": "已作废",
}


@dataclass(frozen=True)
class Rated:
    """One 好差评 of a case: its level and the staff member who served the applicant at the moment rated (the verdict's
    or the hand-over's; as the ledger names them)."""

    level: int
    clerk: str
    aspect: str = ""
    reason: str = ""

    @property
    def bad(self) -> bool:
        return is_bad(self.level)


@dataclass
class LedgerRow:
    case_number: str
    received: dt.datetime
    window: str
    clerk: str
    service_code: str
    service_name: str
    applicant: str
    id_number: str
    phone: str
    result: str
    missing: str
    gaps: str
    due_date: dt.date | None
    completed_on: dt.date | None
    overdue: bool
    documents: str
    rating: str = ""
    ratings: list[Rated] = field(default_factory=list)
    delivery: str = ""  # 窗口领取 / 邮寄 (with the 邮件号 once posted)
    archive: str = ""  # 归档: the 档案号 once archived

    def values(self) -> list[Any]:
        return [
            self.case_number,
            self.received,
            self.window,
            self.clerk,
            self.service_code,
            self.service_name,
            self.applicant,
            self.id_number,
            self.phone,
            self.result,
            self.missing,
            self.gaps,
            self.due_date,
            self.completed_on,
            "是" if self.overdue else "否",
            self.documents,
            self.rating,
            self.delivery,
            self.archive,
        ]


COLUMNS = [
    "办件编号",
    "收件时间",
    "窗口",
    "收件人",
    "事项编码",
    "事项名称",
    "申请人",
    "证件号码",
    "联系电话",
    "结果",
    "缺少或不符合要求的材料",
    "容缺受理材料",
    "承诺办结日期",
    "办结日期",
    "是否逾期",
    "已打印文书",
    "服务评价",
    "结果交付",
    "归档",
]


@dataclass
class LedgerQuery:
    start: dt.date
    end: dt.date
    window: str | None = None
    full_id: bool = False
    source: str = "local"
    today: dt.date = field(default_factory=dt.date.today)


def _local_date(utc_text: str | None) -> dt.date | None:
    if not utc_text:
        return None
    return dt.datetime.fromisoformat(utc_text).astimezone().date()


def _ratings(case: Mapping[str, Any]) -> list[dict[str, Any]]:
    try:
        found = json.loads(case.get("ratings_json") or "[]")
    except ValueError:
        return []
    return (
        [r for r in found if isinstance(r, dict) and isinstance(r.get("level"), int)] if isinstance(found, list) else []
    )


def ledger_row(
    case: Mapping[str, Any],
    window: str,
    clerk: str,
    doc_titles: Mapping[str, str],
    full_id: bool,
    today: dt.date,
    clerks: Mapping[str, str] | None = None,
) -> LedgerRow:
    verdict = json.loads(case["verdict_json"]) if case.get("verdict_json") else {}
    problems = verdict.get("problems") or []
    missing = "；".join(
        f"{p.get('material') or '—'}（{p.get('reason', '')}）"
        for p in problems
        if case["status"] == "supplement" or p.get("material")
    )
    if case["status"] == "rejected":
        missing = "；".join(verdict.get("reject_reasons") or [])
    gaps = "；".join(f"{g['material']}（{g.get('deadline') or '按规定'}前补交）" for g in verdict.get("gaps") or [])
    due = dt.date.fromisoformat(case["due_date"]) if case.get("due_date") else None
    completed = _local_date(case.get("completed_utc"))
    overdue = bool(due and case["status"] != "voided" and ((completed or today) > due))
    printed = json.loads(case.get("printed_json") or "[]")
    documents = "、".join(
        dict.fromkeys(doc_titles.get(p["document"], COMPOSED.get(p["document"], p["document"])) for p in printed)
    )
    id_number = case.get("applicant_id_number") or ""
    phone = case.get("applicant_phone") or ""
    ratings = _ratings(case)
    return LedgerRow(
        delivery=delivery_text(case),
        archive=archive_text(case),
        case_number=case["case_number"],
        received=dt.datetime.fromisoformat(case["opened_local"]).replace(tzinfo=None),
        window=window,
        clerk=clerk,
        service_code=case["service_code"],
        service_name=case["service_name"],
        applicant=case.get("applicant_name") or "",
        id_number=id_number if full_id else mask_id(id_number),
        phone=phone if full_id else mask_phone(phone),
        result=RESULT.get(case["status"], case["status"]),
        missing=missing,
        gaps=gaps,
        due_date=due,
        completed_on=completed,
        overdue=overdue,
        documents=documents,
        rating=rating_text(ratings),
        ratings=[
            Rated(
                r["level"],
                staff_name(str(r.get("served_by") or r.get("staff_id", "")), clerks or {}),
                r.get("aspect", ""),
                r.get("reason", ""),
            )
            for r in ratings
        ],
    )


def delivery_text(case: Mapping[str, Any]) -> str:
    """窗口领取, 邮寄, or 邮寄（邮件号 EA123456785CN） once posted."""
    if case.get("delivery") != "mail":
        return "窗口领取"
    try:
        mail = json.loads(case.get("mail_json") or "{}")
    except ValueError:
        mail = {}
    tracking = mail.get("tracking") if isinstance(mail, dict) else None
    return f"邮寄（邮件号 {tracking}）" if tracking else "邮寄"


def archive_text(case: Mapping[str, Any]) -> str:
    """归档: 已归档（档案号 …）, 待归档 for a result handed over, else empty."""
    try:
        archived = json.loads(case.get("archive_json") or "{}")
    except ValueError:
        archived = {}
    if isinstance(archived, dict) and archived.get("number"):
        return f"已归档（{archived['number']}）"
    return "待归档" if case.get("status") == "delivered" else ""


def staff_name(staff_id: str, clerks: Mapping[str, str]) -> str:
    return f"{clerks[staff_id]}（{staff_id}）" if staff_id in clerks else staff_id


def build_rows(
    cases: Iterable[Mapping[str, Any]],
    windows: Mapping[str, str],
    clerks: Mapping[str, str],
    doc_titles: Mapping[str, str],
    query: LedgerQuery,
) -> list[LedgerRow]:
    rows = []
    for case in cases:
        window = windows.get(case["device_id"], case["device_id"])
        if query.window and query.window not in (window, case["device_id"]):
            continue
        clerk = staff_name(case["clerk_id"], clerks)
        rows.append(ledger_row(case, window, clerk, doc_titles, query.full_id, query.today, clerks))
    rows.sort(key=lambda r: (r.received, r.case_number))
    return rows
