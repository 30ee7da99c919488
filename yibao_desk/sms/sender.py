"""The sender: every due notice of the outbox claimed (`sms.attempt` committed first), given to the gateway, and its
outcome journaled. Used by the GUI's background timer and by `yibao-desk sms send`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol

from yibao_desk.journal.intake import IntakeService
from yibao_desk.journal.sms_notices import Notice
from yibao_desk.sms.gateway import GatewayError


class Gateway(Protocol):
    def send(self, notice_id: str, case_number: str, phone: str, text: str) -> str: ...


@dataclass
class SendReport:
    sent: list[Notice] = field(default_factory=list)
    failed: list[tuple[Notice, str]] = field(default_factory=list)
    unknown: list[tuple[Notice, str]] = field(default_factory=list)  # the gateway had it and did not answer
    due: list[Notice] = field(default_factory=list)  # with dry_run: what would be sent

    def summary(self) -> str:
        if self.due:
            return f"将发送 {len(self.due)} 条短信"
        text = f"已发送 {len(self.sent)} 条短信"
        text += f"，{len(self.failed)} 条失败（将自动重试）" if self.failed else ""
        return text + (f"，{len(self.unknown)} 条结果不明（请核实后标记或重新发送）" if self.unknown else "")


def due_notices(svc: IntakeService) -> list[Notice]:
    now = svc.clock().astimezone(dt.UTC)
    return [n for n in reversed(svc.sms_outbox()) if n.due(now)]  # oldest first


def send_due(svc: IntakeService, gateway: Gateway, staff_id: str, dry_run: bool = False) -> SendReport:
    report = SendReport()
    for n in due_notices(svc):
        if dry_run:
            report.due.append(n)
            continue
        claimed = svc.claim_sms(staff_id, n.id)
        if claimed is None:  # another sender took it meanwhile
            continue
        try:
            ref = gateway.send(claimed.send_id, claimed.case_number, claimed.phone, claimed.text)
        except GatewayError as e:
            if e.unknown:  # left 发送结果不明: a person decides
                report.unknown.append((claimed, str(e)))
                continue
            svc.sms_result(staff_id, claimed.id, claimed.attempts, None, str(e))
            report.failed.append((claimed, str(e)))
            continue
        svc.sms_result(staff_id, claimed.id, claimed.attempts, ref)
        report.sent.append(claimed)
    return report
