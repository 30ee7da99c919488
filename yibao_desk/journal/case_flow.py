"""The intake service's case-opening part: open a case, journal the checklist draft, record the verdict.

Verdicts come from the domain's checklist engine (`domain.checklist.evaluate`); this part only records them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from yibao_desk.domain import serialize
from yibao_desk.domain.catalog import Region, Service
from yibao_desk.domain.checklist import CheckInputError, MaterialState, Verdict, evaluate
from yibao_desk.domain.contact import phone_required
from yibao_desk.domain.id_card import document_problems
from yibao_desk.journal import applicant as people
from yibao_desk.journal import sms_notices
from yibao_desk.journal.case_number import next_case_number
from yibao_desk.journal.events import append
from yibao_desk.journal.models import Device
from yibao_desk.journal.service_base import DELIVERY, MAILING_OFF, Decision, IntakeError, ServiceBase
from yibao_desk.journal.staff import Actor


def _states_json(states: Mapping[str, MaterialState]) -> dict[str, Any]:
    return {
        k: {
            "received": s.received,
            "original_checked": s.original_checked,
            "copies": s.copies,
            "stamped": s.stamped,
            "mistake": s.mistake,
        }
        for k, s in states.items()
    }


class CaseFlow(ServiceBase):
    if TYPE_CHECKING:  # provided by DeviceSetup

        def region(self) -> Region: ...

        def service(self, code: str) -> Service: ...

    def open_case(
        self,
        staff_id: str,
        service_code: str,
        applicant: Mapping[str, Any],
        agent: Mapping[str, Any] | None = None,
        unit: Mapping[str, Any] | None = None,
        answers: Mapping[str, str] | None = None,
        delivery: str = "pickup",
        mail: Mapping[str, Any] | None = None,
        department: str = "",
    ) -> tuple[str, list[str]]:
        service = self.service(service_code)
        warnings: list[str] = []
        payload = self._opening_payload(
            service, applicant, agent, unit, answers or {}, delivery, warnings, mail, department
        )
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.open")
            number = self._open(s, device, actor, payload)
        return number, warnings

    def save_checklist(
        self, staff_id: str, case_number: str, answers: Mapping[str, str], states: Mapping[str, MaterialState]
    ) -> None:
        """Journal the draft state of the checklist, so that a crash loses nothing the clerk ticked."""
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.checklist")
            case = self._case(s, case_number, {"draft", "supplement"})
            service = self.catalog.region(case.region).service(case.service_code)
            self._evaluate(service, answers, states)  # refuses unknown ids before anything is written
            append(
                s,
                device.id,
                actor.staff_id,
                "case.checklist",
                {"answers": dict(answers), "materials": _states_json(states)},
                case.case_number,
                self.clock,
            )

    def decide(
        self,
        staff_id: str,
        case_number: str,
        answers: Mapping[str, str],
        states: Mapping[str, MaterialState],
        accepted_on: dt.date | None = None,
    ) -> Decision:
        """Record the domain's verdict: accepted (with due date), supplement (every problem) or rejected."""
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.decide")
            case = self._case(s, case_number, {"draft", "supplement"})
            service = self.catalog.region(case.region).service(case.service_code)
            cards = _cards(json.loads(case.applicant_json or "{}"), json.loads(case.agent_json or "null"))
            verdict = self._evaluate(service, answers, states, accepted_on, cards)
            people.require_mail_address(case.delivery, json.loads(case.mail_json) if case.mail_json else None)
            self._record_verdict(s, device, actor, case.case_number, verdict, answers, states, case.delivery)
        return Decision(case_number, verdict, ())

    def reject(self, staff_id: str, case_number: str, reason: str) -> None:
        """不予受理 for a reason the clerk states (e.g. the request is outside this window's scope)."""
        if not reason.strip():
            raise IntakeError("请填写不予受理的理由")
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.decide")
            case = self._case(s, case_number, {"draft", "supplement"})
            append(
                s,
                device.id,
                actor.staff_id,
                "case.rejected",
                {"verdict": {"verdict": "reject", "reject_reasons": [reason.strip()], "by_clerk": True}},
                case.case_number,
                self.clock,
            )

    def intake(
        self, staff_id: str, service_code: str, data: Mapping[str, Any], accepted_on: dt.date | None = None
    ) -> Decision:
        """Open a case and decide it in one transaction (the CLI's `intake`)."""
        service = self.service(service_code)
        if not isinstance(data, Mapping):
            raise IntakeError("输入应为 JSON 对象")
        try:
            answers, states = serialize.check_input({k: v for k, v in data.items() if k in ("answers", "materials")})
        except CheckInputError as e:
            raise IntakeError(str(e)) from None
        if "applicant" not in data:
            raise people.IntakeInputError("applicant", "缺少申请人信息（applicant）")
        warnings: list[str] = []
        payload = self._opening_payload(
            service,
            data["applicant"],
            data.get("agent"),
            data.get("unit"),
            answers,
            data.get("delivery", "pickup"),
            warnings,
            data.get("mail"),
            data.get("department", ""),
        )
        # the GUI keeps the decision keys off until the phone is there; a one-step intake is refused the same way
        # (a draft may be opened without it: the clerk is still typing)
        why = phone_required(self.region().profile.sms_notices)
        if why and not payload["applicant"].get("phone"):
            raise people.IntakeInputError("applicant.phone", why)
        people.require_mail_address(payload["delivery"], payload.get("mail"))
        cards = _cards(payload["applicant"], payload.get("agent"))
        verdict = self._evaluate(service, answers, states, accepted_on, cards)
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.open")
            self._require(s, staff_id, "case.decide")
            number = self._open(s, device, actor, payload)
            self._record_verdict(s, device, actor, number, verdict, answers, states, payload["delivery"])
        return Decision(number, verdict, tuple(warnings))

    def _evaluate(
        self,
        service: Service,
        answers: Mapping[str, str],
        states: Mapping[str, MaterialState],
        accepted_on: dt.date | None = None,
        cards: tuple[Mapping[str, Any] | None, Mapping[str, Any] | None] = (None, None),
    ) -> Verdict:
        day = accepted_on or self.clock().date()
        try:
            return evaluate(service, answers, states, day, self.calendar, document_problems(*cards, day))
        except CheckInputError as e:
            raise IntakeError(str(e)) from None

    def _opening_payload(
        self,
        service: Service,
        applicant: Any,
        agent: Any,
        unit: Any,
        answers: Mapping[str, str],
        delivery: str,
        warnings: list[str],
        mail: Any = None,
        department: Any = "",
    ) -> dict[str, Any]:
        if not isinstance(delivery, str) or delivery not in DELIVERY:
            raise people.IntakeInputError("delivery", "结果交付方式应为 pickup（窗口领取）或 mail（邮寄）")
        if delivery == "mail" and not self.region().profile.mailing:
            raise people.IntakeInputError("delivery", MAILING_OFF)
        address = people.mail_address(mail) if mail is not None and delivery == "mail" else None
        dept = people.department(self.region(), department)
        self._evaluate(service, answers, {})  # unknown scenario or option: refused before anything is written
        region = self.region()
        return {
            "region": region.id,
            "service_code": service.code,
            "service_name": service.name,
            "applicant": people.person(applicant, "applicant", warnings),
            "agent": people.person(agent, "agent", warnings) if agent else None,
            "unit": people.unit(unit) if unit else None,
            "answers": dict(answers),
            "delivery": delivery,
            **({"mail": address} if address else {}),
            **({"department": dept} if dept else {}),
        }

    def _open(self, s: Session, device: Device, actor: Actor, payload: dict[str, Any]) -> str:
        region = self.catalog.region(device.region)
        from yibao_desk.journal.checkpoint import read_stored

        stored, _ = read_stored(s.connection().connection.driver_connection.cursor())  # type: ignore[union-attr]
        from yibao_desk.journal.checkpoint import higher_case, read_anchor

        anchor, _ = read_anchor(self.journal.path)  # the anchor too: it may know a number a restore took away
        floor = higher_case(stored.last_case if stored else "", anchor.last_case if anchor else "")
        number = next_case_number(s, region.profile.case_prefix, device.id, self.clock().date(), floor)
        append(s, device.id, actor.staff_id, "case.opened", payload, number, self.clock)
        return number

    def _record_verdict(
        self,
        s: Session,
        device: Device,
        actor: Actor,
        number: str,
        verdict: Verdict,
        answers: Mapping[str, str],
        states: Mapping[str, MaterialState],
        delivery: str,
    ) -> None:
        kind = {"accept": "case.accepted", "supplement": "case.supplement", "reject": "case.rejected"}[verdict.verdict]
        vd = serialize.verdict_dict(verdict)
        append(
            s,
            device.id,
            actor.staff_id,
            kind,
            {
                "verdict": vd,
                "due_date": vd["due_date"],
                "answers": dict(answers),
                "materials": _states_json(states),
                "delivery": delivery,
            },
            number,
            self.clock,
        )
        notice = {"accept": "received", "supplement": "supplement"}.get(verdict.verdict)
        if notice:  # 已收件 / 需补正 to the applicant's phone, where the guide promises it
            sms_notices.queue(
                s, device.id, actor.staff_id, self.catalog.region(device.region), number, notice, self.clock
            )


def _cards(applicant: Any, agent: Any) -> tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]:
    """The applicant's and the agent's identity data as the verdict reads them (the validity read from a card)."""
    return (applicant if isinstance(applicant, Mapping) else None, agent if isinstance(agent, Mapping) else None)
