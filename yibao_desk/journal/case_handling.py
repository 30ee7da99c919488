"""The intake service's later case steps: print records, completion, hand-over of the result, voiding, amending."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from yibao_desk.domain.handover import FIELDS_ZH, handover_problems, handover_ways
from yibao_desk.domain.mailing import tracking_value
from yibao_desk.journal import applicant as people
from yibao_desk.journal import sms_notices
from yibao_desk.journal.case_actions import STEPS
from yibao_desk.journal.case_handoff import handed_off
from yibao_desk.journal.events import append
from yibao_desk.journal.service_base import DELIVERY, MAILING_OFF, MAX_COPIES, IntakeError, ServiceBase

SMS_NOT_SENT = (
    "发件箱中没有发往该手机号码的本办件领证短信（已办结可领取）已发送的记录，不能凭领证短信交付；"
    "请核对手机号码，或请领取人提供身份证、收文清单"
)


class CaseHandling(ServiceBase):
    def record_print(self, staff_id: str, case_number: str, document: str, copies: int = 1, printer: str = "") -> None:
        if not 1 <= copies <= MAX_COPIES:
            raise IntakeError(f"打印份数应为 1 到 {MAX_COPIES}")
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.print")
            case = self._case(s, case_number, STEPS["reprint"].statuses)
            append(
                s,
                device.id,
                actor.staff_id,
                "case.printed",
                {"document": document, "copies": copies, "printer": printer},
                case.case_number,
                self.clock,
            )

    def complete(self, staff_id: str, case_number: str, note: str = "") -> None:
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.complete")
            case = self._case(s, case_number, STEPS["complete"].statuses)
            append(s, device.id, actor.staff_id, "case.completed", {"note": note}, case.case_number, self.clock)
            region = self.catalog.region(case.region)
            sms_notices.queue(s, device.id, actor.staff_id, region, case.case_number, "ready", self.clock)

    def hand_over(self, staff_id: str, case_number: str, way: str, detail: Mapping[str, str] | None = None) -> None:
        """办理结果交付: record how the collector proved identity (seed 000 section 十)."""
        from yibao_desk.domain.serialize import text_problem

        detail = dict(detail or {})
        for key, value in detail.items():
            problem = text_problem(value, 50) if isinstance(value, str) else "应为文字"
            if problem or len(detail) > 8:
                raise IntakeError(f"交付信息 {key} {problem or '项目过多'}")
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.deliver")
            case = self._case(s, case_number, STEPS["deliver"].statuses)
            ways = {w.id: w for w in handover_ways(self.catalog.region(case.region))}
            if way not in ways:
                raise IntakeError(f"交付方式应为：{'、'.join(f'{k}（{w.text}）' for k, w in ways.items())}")
            problems = handover_problems(
                ways[way], detail, case.applicant_id_number, case.applicant_phone, case.delivery
            )
            if problems:
                raise IntakeError("；".join(f"{FIELDS_ZH.get(k, '交付方式')}：{v}" for k, v in problems.items()))
            by_sms = way == "sms-id-phone" and self.catalog.region(case.region).profile.sms_notices
            if by_sms and not sms_notices.ready_sent_to(s, case.case_number, detail.get("phone", "")):
                raise IntakeError(SMS_NOT_SENT)
            if "tracking" in detail:
                detail["tracking"] = tracking_value(detail["tracking"])
            append(
                s,
                device.id,
                actor.staff_id,
                "case.delivered",
                {"way": way, "text": ways[way].text, **detail},
                case.case_number,
                self.clock,
            )

    def void(self, staff_id: str, case_number: str, reason: str) -> None:
        if not reason.strip():
            raise IntakeError("请填写作废理由")
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.void")
            case = self._case(s, case_number, STEPS["void"].statuses)
            append(
                s, device.id, actor.staff_id, "case.voided", {"reason": reason.strip()}, case.case_number, self.clock
            )

    def amend(
        self,
        staff_id: str,
        case_number: str,
        applicant: Mapping[str, Any] | None = None,
        delivery: str | None = None,
        mail: Mapping[str, Any] | None = None,
        department: str | None = None,
        agent: Mapping[str, Any] | None = None,
    ) -> list[str]:
        """`agent`: the agent as now on screen ({} when the case is no longer 委托办理)."""
        warnings: list[str] = []
        payload: dict[str, Any] = {}
        if agent is not None:
            payload["agent"] = people.person(agent, "agent", warnings) if agent else {}
        if department is not None:
            payload["department"] = department  # checked against the case's region below
        if applicant is not None:
            payload["applicant"] = people.person(applicant, "applicant", warnings)
        if mail is not None:
            payload["mail"] = people.mail_address(mail)
        if delivery is not None:
            if not isinstance(delivery, str) or delivery not in DELIVERY:
                raise IntakeError("结果交付方式应为 pickup（窗口领取）或 mail（邮寄）")
            payload["delivery"] = delivery
            if delivery == "pickup":  # an address is kept only while the result is to be mailed
                payload["mail"] = {}
        if not payload:
            raise IntakeError("没有需要更正的内容")
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.amend")
            case = self._case(s, case_number, STEPS["amend"].statuses)
            if department is not None:
                payload["department"] = people.department(self.catalog.region(case.region), department)
                if payload["department"] != case.department and handed_off(s, case.case_number):
                    raise IntakeError(f"办件 {case.case_number} 的纸质材料已由{case.department}签收，不能更改承办部门")
            if delivery == "mail" and case.delivery != "mail" and not self.catalog.region(case.region).profile.mailing:
                raise IntakeError(MAILING_OFF)
            if case.status not in ("draft", "supplement"):  # decided: a mailed result keeps a whole address
                recorded = json.loads(case.mail_json) if case.mail_json else None
                people.require_mail_address(payload.get("delivery", case.delivery), payload.get("mail", recorded))
            append(s, device.id, actor.staff_id, "case.amended", payload, case.case_number, self.clock)
            region = self.catalog.region(case.region)
            sms_notices.after_amend(s, device.id, actor.staff_id, region, case.case_number, self.clock)
        return warnings
