"""The SMS outbox (issue 17 §3): where the region's guide promises SMS notices (`sms_notices` in its profile), the
verdict (受理 → 已收件, 补正 → 需补正) and the completion (已办结可领取) write a notice into the outbox as an
`sms.queued` event in the same transaction — a case is never recorded without its notice.

A notice's life is its events: `sms.attempt` (written and committed before the gateway is called), then
`sms.sent` (by the gateway or marked by a clerk who sent it by hand) or `sms.failed` (tried again later, see
domain/sms.next_try); `sms.resend` puts a message back for sending (under a new gateway id: `{id}-r1` …, so a
gateway that drops repeats does not drop it); `sms.retarget` moves a notice not yet sent to the phone the case was
corrected to. An attempt with no outcome (the program stopped while the gateway was called, or the gateway timed
out after it had the request) is 发送结果不明: never sent again by itself — the clerk checks and marks it sent or
sends it again. So no notice is lost, and none goes twice without a person deciding so."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from yibao_desk.domain.catalog import Region
from yibao_desk.domain.sms import mobile_number, next_try, notice_text, sms_rules, template_for
from yibao_desk.journal.events import Clock, append
from yibao_desk.journal.models import Case, Event

STATE_ZH = {
    "pending": "待发送",
    "retry": "发送失败，待重试",
    "failed": "发送失败，已停止自动重试",
    "unknown": "发送结果不明",
    "no_mobile": "没有手机号码",
    "sent": "已发送",
}
SMS_EVENTS = ("sms.queued", "sms.attempt", "sms.sent", "sms.failed", "sms.resend", "sms.retarget")
# an attempt younger than this may still be with the gateway (its timeout, sms/gateway.py, is 10 s): not to be sent
# again yet
IN_FLIGHT_SECONDS = 15


@dataclass
class Notice:
    id: str
    case_number: str
    kind: str
    phone: str  # the mobile number it goes to ("" when the case has none)
    text: str
    queued_local: str
    state: str = "pending"
    attempts: int = 0
    error: str = ""
    next_utc: str = ""  # when a failed message is tried again
    via: str = ""  # gateway / manual, once sent
    ref: str = ""  # the gateway's message id
    sent_local: str = ""
    attempt_utc: str = ""  # when the last attempt was claimed
    resends: int = 0

    @property
    def send_id(self) -> str:
        """The id the gateway gets ({id}): the notice's, and after a 重新发送 a new one, so it is not dropped as a
        repeat."""
        return self.id if not self.resends else f"{self.id}-r{self.resends}"

    def in_flight(self, now: dt.datetime) -> bool:
        """An attempt just claimed: the gateway may still be answering it."""
        if self.state != "unknown" or not self.attempt_utc:
            return False
        return (now - dt.datetime.fromisoformat(self.attempt_utc)).total_seconds() < IN_FLIGHT_SECONDS

    @property
    def kind_zh(self) -> str:
        return sms_rules().kinds.get(self.kind, self.kind)

    @property
    def state_zh(self) -> str:
        return STATE_ZH[self.state]

    def due(self, now: dt.datetime) -> bool:
        """Whether the gateway may send it now."""
        if self.state == "pending":
            return True
        return self.state == "retry" and dt.datetime.fromisoformat(self.next_utc) <= now

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "kind_zh": self.kind_zh, "state_zh": self.state_zh, "send_id": self.send_id}


def _payload(e: Event | Mapping[str, Any]) -> dict[str, Any]:
    raw = e.payload if isinstance(e, Event) else e["payload"]
    data = json.loads(raw) if isinstance(raw, str) else dict(raw)
    return data if isinstance(data, dict) else {}


def fold(events: Iterable[Event]) -> dict[str, Notice]:
    """The outbox from its events, in journal order."""
    out: dict[str, Notice] = {}
    for e in events:
        p = _payload(e)
        nid = str(p.get("id", ""))
        if e.type == "sms.queued":
            n = Notice(
                nid, str(e.case_number or ""), str(p.get("kind")), str(p.get("phone", "")), str(p["text"]), e.local_time
            )
            n.state = "pending" if n.phone else "no_mobile"
            out[nid] = n
            continue
        found = out.get(nid)
        if found is None or found.state == "sent":
            continue
        n = found
        if e.type == "sms.attempt":
            n.state, n.attempts, n.attempt_utc = "unknown", n.attempts + 1, e.utc
        elif e.type == "sms.sent":
            n.state, n.via, n.ref, n.sent_local = "sent", str(p.get("via", "")), str(p.get("ref", "")), e.local_time
        elif e.type == "sms.failed":
            if n.state != "unknown" or p.get("attempt", n.attempts) != n.attempts:
                continue  # the answer to an attempt a 重新发送 or a later attempt has overtaken
            n.error = str(p.get("error", ""))
            retry = next_try(dt.datetime.fromisoformat(e.utc), n.attempts)
            n.state, n.next_utc = ("retry", retry.isoformat()) if retry else ("failed", "")
        elif e.type == "sms.resend":
            n.state, n.attempts, n.error = ("pending" if n.phone else "no_mobile"), 0, ""
            n.resends += 1
        elif e.type == "sms.retarget":
            n.phone = str(p.get("phone", ""))
            if n.state in ("pending", "retry", "failed", "no_mobile"):
                n.state, n.attempts, n.error = ("pending" if n.phone else "no_mobile"), 0, ""
    return out


def outbox(s: Session, case_number: str | None = None) -> dict[str, Notice]:
    q = select(Event).where(Event.type.in_(SMS_EVENTS))
    if case_number:
        q = q.where(Event.case_number == case_number)
    return fold(s.scalars(q.order_by(Event.device_id, Event.seq)))  # journal order, whatever the clock did


def _phone(case: Case) -> str:
    """The applicant's mobile number: the one the 领证短信 hand-over asks the collector to write (§十2(2))."""
    return mobile_number(case.applicant_phone) or ""


def _missing(case: Case) -> str:
    verdict = json.loads(case.verdict_json) if case.verdict_json else {}
    names = [str(p.get("material", "")) for p in verdict.get("problems", [])]
    return "、".join(dict.fromkeys(n for n in names if n))


def queue(
    s: Session, device_id: str, staff_id: str, region: Region, case_number: str, kind: str, clock: Clock
) -> Notice | None:
    """Write the case's notice of `kind` into the outbox (nothing where the region promises no SMS)."""
    if not region.profile.sms_notices:
        return None
    case = s.get(Case, case_number)
    if case is None:
        return None
    existing = outbox(s, case_number)
    if kind == "ready" and case.delivery == "mail":
        kind = "ready_mail"  # says the result is posted: no 领证短信
    template = template_for(kind, region.profile.sms_templates)
    values = {
        "agency": region.profile.agency or region.name,
        "service": case.service_name,
        "case_number": case.case_number,
        "due_date": case.due_date or "即办",
        "missing": _missing(case),
        "applicant": case.applicant_name,
    }
    payload = {"id": f"{case.case_number}.{len(existing) + 1}", "kind": kind, "phone": _phone(case)}
    payload["text"] = notice_text(template, values)
    e = append(s, device_id, staff_id, "sms.queued", payload, case.case_number, clock)
    return fold([_as_event(e)])[payload["id"]]


def _as_event(e: Mapping[str, Any]) -> Event:
    return Event(
        **{k: e[k] for k in ("id", "device_id", "seq", "case_number", "staff_id", "type", "payload", "utc")},
        local_time=e["local_time"],
        prev_hash=e["prev_hash"],
        hash=e["hash"],
    )


def after_amend(s: Session, device_id: str, staff_id: str, region: Region, case_number: str, clock: Clock) -> None:
    """The case was corrected: its notices not yet sent go to the phone it now has; a completed case to be collected
    with no 领证短信 for that phone (the phone changed after it was sent, or the result is no longer mailed) gets
    one written (the hand-over by SMS asks for the number the case now has)."""
    case = s.get(Case, case_number)
    if case is None or not region.profile.sms_notices:
        return
    phone = _phone(case)
    notices = outbox(s, case_number).values()
    for n in notices:
        if n.phone != phone and n.state != "sent":
            append(s, device_id, staff_id, "sms.retarget", {"id": n.id, "phone": phone}, case_number, clock)
    collect = case.status == "completed" and case.delivery == "pickup" and phone
    if collect and not any(n.kind == "ready" and (n.phone == phone or n.state != "sent") for n in notices):
        queue(s, device_id, staff_id, region, case_number, "ready", clock)


def ready_sent_to(s: Session, case_number: str, phone: str) -> bool:
    """Whether the 已办结可领取 notice of this case went to this mobile number (the 领证短信 of §十2(2))."""
    wanted = mobile_number(phone)
    return any(n.kind == "ready" and n.state == "sent" and n.phone == wanted for n in outbox(s, case_number).values())
