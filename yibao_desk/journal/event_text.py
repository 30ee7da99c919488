"""A case's events as a clerk reads them in the case detail: when, who (by name, with the id), what (EVENT_ZH), and
what the step recorded that matters at the counter (how the result was handed over and to whom, why it was voided,
which document was printed)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from yibao_desk.journal.projection import EVENT_ZH, STATUS_ZH

MOMENT_ZH = {"verdict": "受理环节", "handover": "交付环节"}  # what a 好差评 (case.rated) is about


def staff_label(staff_id: str, names: Mapping[str, str]) -> str:
    name = names.get(staff_id)
    return f"{name}（{staff_id}）" if name else staff_id


def _payload(event: Mapping[str, Any]) -> dict[str, Any]:
    raw = event.get("payload")
    if isinstance(raw, str):
        try:
            data = json.loads(raw)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}
    return dict(raw) if isinstance(raw, Mapping) else {}


def event_line(event: Mapping[str, Any], names: Mapping[str, str], documents: Mapping[str, str] | None = None) -> str:
    """`names`: staff id → name; `documents`: document id → its title (收件回执, a table's title …)."""
    kind = str(event.get("type", ""))
    p = _payload(event)
    when = str(event.get("local_time", ""))[:19].replace("T", " ")
    parts = [when, staff_label(str(event.get("staff_id", "")), names), EVENT_ZH.get(kind, kind)]
    if kind == "case.delivered":
        parts.append(str(p.get("text", "")))
        if p.get("collector"):
            parts.append(f"领取人：{p['collector']}")
        if p.get("guarantor"):
            parts.append(f"担保人：{p['guarantor']}")
    elif kind == "case.voided" and p.get("reason"):
        parts.append(f"理由：{p['reason']}")
    elif kind == "case.printed" and p.get("document"):
        document = str(p["document"])
        parts.append(f"{(documents or {}).get(document, document)} × {p.get('copies', 1)}")
    elif kind == "case.rated":
        moment = MOMENT_ZH.get(str(p.get("moment")), "")
        parts.append(f"{moment}：{p.get('text', '')}" if moment else str(p.get("text", "")))
        if p.get("reason"):
            parts.append(f"差评（{p.get('aspect', '')}）：{p['reason']}")
    elif kind == "sms.queued":
        phone = str(p.get("phone", ""))
        parts.append(
            f"{p.get('id', '')} → {phone[:3]}****{phone[-4:]}" if phone else f"{p.get('id', '')}（没有手机号码）"
        )
    elif kind == "sms.sent":
        parts.append(f"{p.get('id', '')}（{'手工发送' if p.get('via') == 'manual' else '短信网关'}）")
    elif kind == "sms.failed":
        parts.append(f"{p.get('id', '')}：{p.get('error', '')}")
    elif kind.startswith("sms."):
        parts.append(str(p.get("id", "")))
    elif kind == "attachment.lost":
        parts.append(f"{p.get('material', '')}：{str(p.get('sha256', ''))[:12]}…　原因：{p.get('reason', '')}")
    elif kind in ("attachment.added", "attachment.removed"):
        what = f"{p.get('material', '')}：{p.get('name', '') or str(p.get('sha256', ''))[:12]}"
        if p.get("pages", 1) != 1:
            what += f"（{p['pages']} 页）"
        if p.get("from_case"):
            what += f"（利用办件 {p['from_case']} 的历史资料）"
        parts.append(what)
    elif kind == "case.completed" and p.get("note"):
        parts.append(str(p["note"]))
    elif kind in ("case.accepted", "case.supplement", "case.rejected"):
        status = {"case.accepted": "accepted", "case.supplement": "supplement", "case.rejected": "rejected"}[kind]
        parts.append(f"→ {STATUS_ZH[status]}")
    return "　".join(x for x in parts if x)
