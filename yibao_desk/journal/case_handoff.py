"""The intake service's 移交 part (issue 17 §4): printing a day's 移交清单 for a 承办部门 and the department's
receipt of it are journaled (`handoff.printed`, `handoff.confirmed`, with the cases they cover); where a case's
papers are is read back from them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from yibao_desk.journal.events import append
from yibao_desk.journal.models import Event
from yibao_desk.journal.service_base import IntakeError, ServiceBase


def handed_off(s: Any, case_number: str) -> bool:
    """Whether a 承办部门 signed for this case's papers."""
    for (payload,) in s.execute(select(Event.payload).where(Event.type == "handoff.confirmed")):
        if case_number in json.loads(payload).get("cases", []):
            return True
    return False


class CaseHandoff(ServiceBase):
    def record_handoff_printed(self, staff_id: str, day: dt.date, department: str, cases: Sequence[str]) -> None:
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.print")
            payload = {"date": day.isoformat(), "department": department, "cases": list(cases)}
            append(s, device.id, actor.staff_id, "handoff.printed", payload, clock=self.clock)

    def confirm_handoff(
        self, staff_id: str, day: dt.date, department: str, receiver: str, cases: Sequence[str]
    ) -> list[str]:
        """The 承办部门's 接收人 signed for `cases` of the day's list: those not confirmed before are recorded."""
        if not receiver.strip():
            raise IntakeError("请填写接收人（承办部门签收的工作人员姓名）")
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.deliver")
            done = {c for h in self._handoffs(s, "handoff.confirmed") for c in h["cases"]}
            new = [c for c in cases if c not in done]
            if not new:
                raise IntakeError(f"{day:%Y-%m-%d} {department}的移交清单已全部签收，没有需要确认的办件")
            payload = {"date": day.isoformat(), "department": department, "receiver": receiver.strip(), "cases": new}
            append(s, device.id, actor.staff_id, "handoff.confirmed", payload, clock=self.clock)
        return new

    def _handoffs(self, s: Any, kind: str) -> list[dict[str, Any]]:
        found = []
        for e in s.scalars(select(Event).where(Event.type == kind).order_by(Event.device_id, Event.seq)):
            p = json.loads(e.payload)
            found.append({**p, "utc": e.utc, "staff_id": e.staff_id})
        return found

    def paper_place(self, case_number: str) -> str:
        """Where the case's papers are, as the case detail says it ("" when no 移交 concerns it)."""
        with self.journal.read() as s:
            confirmed = [h for h in self._handoffs(s, "handoff.confirmed") if case_number in h["cases"]]
            printed = [h for h in self._handoffs(s, "handoff.printed") if case_number in h["cases"]]
        if confirmed:
            h = confirmed[-1]
            when = dt.datetime.fromisoformat(h["utc"]).astimezone().strftime("%Y-%m-%d %H:%M")
            return f"纸质材料已于 {when} 移交{h['department']}（接收人：{h['receiver']}）"
        if printed:
            h = printed[-1]
            return f"纸质材料已列入 {h['date']} {h['department']}移交清单，待承办部门签收"
        return ""
