"""The intake service's SMS part: the outbox as the clerk and the sender see it, and the steps that change a notice
(claim for the gateway, its outcome, 手工发送 marked, 重新发送). See journal/sms_notices.py for the life of a notice."""

from __future__ import annotations

import datetime as dt

from yibao_desk.journal.events import append
from yibao_desk.journal.service_base import IntakeError, ServiceBase
from yibao_desk.journal.sms_notices import Notice, outbox


class SmsOutbox(ServiceBase):
    def sms_outbox(self, case_number: str | None = None) -> list[Notice]:
        """Every notice, newest first (journal order reversed)."""
        with self.journal.read() as s:
            return list(reversed(outbox(s, case_number).values()))

    def sms_waiting(self) -> tuple[int, int]:
        """(to send, needing a person): what the status bar shows."""
        found = self.sms_outbox()
        waiting = sum(n.state in ("pending", "retry") for n in found)
        return waiting, sum(n.state in ("failed", "unknown", "no_mobile") for n in found)

    def _notice(self, s: object, notice_id: str) -> Notice:
        found = outbox(s, None).get(notice_id.strip())  # type: ignore[arg-type]
        if found is None:
            raise IntakeError(f"发件箱中没有编号为 {notice_id} 的短信")
        return found

    def claim_sms(self, staff_id: str, notice_id: str) -> Notice | None:
        """Take a due notice for the gateway: `sms.attempt` is committed before anything is sent, so a notice is never
        sent twice by two senders or after a crash. None when it is not due (sent meanwhile, or waiting)."""
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "sms.send")
            n = self._notice(s, notice_id)
            if not n.due(self.clock().astimezone(dt.UTC)):
                return None
            n.attempts += 1
            payload = {"id": n.id, "attempt": n.attempts}
            append(s, device.id, actor.staff_id, "sms.attempt", payload, n.case_number, self.clock)
        n.state = "unknown"
        return n

    def sms_result(self, staff_id: str, notice_id: str, attempt: int, ref: str | None, error: str = "") -> None:
        """The gateway's answer to attempt `attempt` of a notice: sent (with its message id) — recorded whatever
        happened meanwhile, unless it is marked sent already — or failed (with the reason), which counts only while
        that attempt is still the notice's last (a 重新发送 meanwhile has put it back for a new try)."""
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "sms.send")
            n = self._notice(s, notice_id)
            if n.state == "sent":  # marked sent by hand while the gateway was at it
                return
            if ref is not None:
                payload: dict[str, object] = {"id": n.id, "via": "gateway", "ref": ref, "attempt": attempt}
                append(s, device.id, actor.staff_id, "sms.sent", payload, n.case_number, self.clock)
            elif n.state == "unknown" and n.attempts == attempt:
                payload = {"id": n.id, "error": error[:200] or "短信网关未说明原因", "attempt": attempt}
                append(s, device.id, actor.staff_id, "sms.failed", payload, n.case_number, self.clock)

    def mark_sms_sent(self, staff_id: str, notice_id: str, note: str = "") -> Notice:
        """手工发送: the clerk sent it by hand (or, for a 发送结果不明, saw that it arrived) and says so."""
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "sms.send")
            n = self._notice(s, notice_id)
            if n.state == "sent":
                raise IntakeError(f"短信 {n.id} 已于 {n.sent_local[:16].replace('T', ' ')} 发送，不用再标记")
            payload = {"id": n.id, "via": "manual", "ref": note.strip()[:50]}
            append(s, device.id, actor.staff_id, "sms.sent", payload, n.case_number, self.clock)
        n.state, n.via = "sent", "manual"
        return n

    def resend_sms(self, staff_id: str, notice_id: str) -> Notice:
        """重新发送: put a failed notice, or one whose result is unknown (checked: it did not arrive), back for the
        gateway."""
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "sms.send")
            n = self._notice(s, notice_id)
            if n.in_flight(self.clock().astimezone(dt.UTC)):
                raise IntakeError(f"短信 {n.id} 正在交短信网关发送，请稍候再看结果（十几秒）")
            if n.state not in ("failed", "retry", "unknown"):
                why = "没有手机号码，请电话告知后标记已发送" if n.state == "no_mobile" else f"当前为“{n.state_zh}”"
                raise IntakeError(f"短信 {n.id} {why}，不能重新发送")
            append(s, device.id, actor.staff_id, "sms.resend", {"id": n.id}, n.case_number, self.clock)
        n.state, n.attempts = "pending", 0
        return n
