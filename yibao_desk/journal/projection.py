"""Case state as a projection of events: `apply(state, event)` folds one event into a case's row.

The same fold keeps the `cases` table current on every append, rebuilds it from the events alone, and checks
it in `journal verify`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from yibao_desk.journal.chain import canonical_json

CASE_EVENTS = {
    "case.opened",
    "case.checklist",
    "case.accepted",
    "case.supplement",
    "case.rejected",
    "case.printed",
    "case.completed",
    "case.delivered",
    "case.voided",
    "case.amended",
    "case.rated",
    "case.archived",
}

STATUS_ZH = {
    "draft": "草稿",
    "accepted": "已受理",
    "supplement": "待补正",
    "rejected": "不予受理",
    "completed": "已办结",
    "delivered": "已交付",
    "voided": "已作废",
}

# what each event of a case is called on screen and on paper
EVENT_ZH = {
    "case.opened": "收件",
    "case.checklist": "登记材料",
    "case.accepted": "受理",
    "case.supplement": "一次性告知补正",
    "case.rejected": "不予受理",
    "case.printed": "打印文书",
    "case.completed": "办结",
    "case.delivered": "交付办理结果",
    "case.voided": "作废",
    "case.amended": "更正办件信息",
    "case.rated": "服务评价",
    "case.archived": "归档",
    "handoff.printed": "打印纸质材料移交清单",
    "handoff.confirmed": "承办部门签收纸质材料",
    # the SMS outbox's events (journal/sms_notices.py): on the case, not folded into it
    "sms.queued": "写入短信通知",
    "sms.attempt": "交短信网关发送",
    "sms.sent": "短信已发送",
    "sms.failed": "短信发送失败",
    "sms.resend": "短信重新发送",
    "attachment.added": "附加扫描件",
    "attachment.removed": "移除扫描件",
    "attachment.lost": "登记扫描件遗失",
}


def _applicant_columns(applicant: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "applicant_name": str(applicant.get("name", "")),
        "applicant_id_number": str(applicant.get("id_number", "")),
        "applicant_phone": str(applicant.get("phone", "")),
        "applicant_json": canonical_json(dict(applicant)),
    }


def _dump_optional(value: Any) -> str | None:
    return canonical_json(value) if value else None


def _loaded(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        value = {}
    return value if isinstance(value, dict) else {}


def apply(state: dict[str, Any] | None, event: Mapping[str, Any]) -> dict[str, Any] | None:
    """The case row after `event` (None when the event concerns no case)."""
    kind = event["type"]
    if kind not in CASE_EVENTS or not event.get("case_number"):
        return state
    p = json.loads(event["payload"])
    if kind == "case.opened":
        if state is not None:
            raise ValueError(f"事件 #{event['seq']} 再次开立了已有的办件 {event['case_number']}（一个编号两个办件）")
        row: dict[str, Any] = {
            "case_number": event["case_number"],
            "device_id": event["device_id"],
            "region": p["region"],
            "service_code": p["service_code"],
            "service_name": p["service_name"],
            **_applicant_columns(p.get("applicant") or {}),
            "agent_json": _dump_optional(p.get("agent")),
            "unit_json": _dump_optional(p.get("unit")),
            "status": "draft",
            "clerk_id": event["staff_id"],
            "opened_utc": event["utc"],
            "opened_local": event["local_time"],
            "answers_json": canonical_json(p.get("answers") or {}),
            "materials_json": canonical_json(p.get("materials") or {}),
            "verdict_json": None,
            "decided_utc": None,
            "due_date": None,
            "completed_utc": None,
            "delivered_utc": None,
            "delivery": p.get("delivery", "pickup"),
            "printed_json": "[]",
            "last_seq": event["seq"],
            "ratings_json": "[]",
            "mail_json": _dump_optional(p.get("mail")),
            "archive_json": None,
            "department": str(p.get("department", "")),
        }
        return row
    if state is None:
        raise ValueError(f"事件 #{event['seq']} 属于尚未开立的办件 {event['case_number']}")
    row = dict(state)
    row["last_seq"] = event["seq"]
    if kind == "case.checklist":
        row["answers_json"] = canonical_json(p.get("answers") or {})
        row["materials_json"] = canonical_json(p.get("materials") or {})
    elif kind in ("case.accepted", "case.supplement", "case.rejected"):
        row["status"] = {"case.accepted": "accepted", "case.supplement": "supplement", "case.rejected": "rejected"}[
            kind
        ]
        row["verdict_json"] = canonical_json(p.get("verdict") or {})
        row["decided_utc"] = event["utc"]
        row["due_date"] = p.get("due_date")
        if "answers" in p:
            row["answers_json"] = canonical_json(p["answers"])
        if "materials" in p:
            row["materials_json"] = canonical_json(p["materials"])
        if kind == "case.accepted":
            row["delivery"] = p.get("delivery", row["delivery"])
    elif kind == "case.printed":
        printed = json.loads(row["printed_json"])
        printed.append(
            {
                "document": p["document"],
                "copies": p.get("copies", 1),
                "printer": p.get("printer", ""),
                "utc": event["utc"],
            }
        )
        row["printed_json"] = canonical_json(printed)
    elif kind == "case.completed":
        row["status"] = "completed"
        row["completed_utc"] = event["utc"]
    elif kind == "case.delivered":
        row["status"] = "delivered"
        row["delivered_utc"] = event["utc"]
        if p.get("way") == "mail" and p.get("tracking"):
            row["mail_json"] = canonical_json({**_loaded(row.get("mail_json")), "tracking": p["tracking"]})
    elif kind == "case.voided":
        row["status"] = "voided"
    elif kind == "case.amended":
        if "applicant" in p:
            row.update(_applicant_columns(p["applicant"]))
        if "agent" in p:
            row["agent_json"] = _dump_optional(p["agent"])
        if "unit" in p:
            row["unit_json"] = _dump_optional(p["unit"])
        if "delivery" in p:
            row["delivery"] = p["delivery"]
        if "mail" in p:
            row["mail_json"] = _dump_optional(p["mail"])
        if "department" in p:
            row["department"] = str(p["department"])
    elif kind == "case.archived":
        row["archive_json"] = canonical_json({**p, "staff_id": event["staff_id"], "utc": event["utc"]})
    elif kind == "case.rated":
        try:
            ratings = json.loads(row.get("ratings_json") or "[]")
        except ValueError:
            ratings = []
        ratings = ratings if isinstance(ratings, list) else []  # only this fold writes it; never fail a case on it
        ratings.append({**p, "staff_id": event["staff_id"], "utc": event["utc"]})
        row["ratings_json"] = canonical_json(ratings)
    return row


def fold(events: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Every case's row from the events alone (given in each device's sequence order)."""
    cases: dict[str, dict[str, Any]] = {}
    for e in events:
        number = e.get("case_number")
        if not number or e["type"] not in CASE_EVENTS:
            continue
        row = apply(cases.get(number), e)
        if row is not None:
            cases[number] = row
    return cases
