"""What the intake service's parts share: its error, result types and limits, and the base every part extends.

`ServiceBase` declares the attributes `IntakeService.__init__` sets (journal, catalog, calendar, clock) and the
helpers each part uses inside a transaction: the device, the staff member's role, a case in an allowed state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from yibao_desk.domain import serialize
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.checklist import Verdict
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal import staff as staff_mod
from yibao_desk.journal.case_number import normalize
from yibao_desk.journal.db import Journal
from yibao_desk.journal.events import Clock
from yibao_desk.journal.models import Case, Device
from yibao_desk.journal.roles import PermissionDenied, allowed
from yibao_desk.journal.staff import Actor

DELIVERY = {"pickup": "窗口领取", "mail": "邮寄"}
MAILING_OFF = "本地区办事指南未提供办理结果邮寄，请选择窗口领取（地区配置 mailing）"
MAX_COPIES = 20


class IntakeError(Exception):
    """A case operation refused for a reason the clerk must see (wrong state, unknown case …)."""


@dataclass(frozen=True)
class DeviceInfo:
    id: str
    region: str
    window: str


@dataclass(frozen=True)
class Decision:
    case_number: str
    verdict: Verdict
    warnings: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        out = serialize.verdict_dict(self.verdict)
        out["case_number"] = self.case_number
        out["warnings"] = list(dict.fromkeys([*out["warnings"], *self.warnings]))
        return out


class ServiceBase:
    """The state and helpers of `IntakeService` that its parts (mixins) rely on."""

    journal: Journal
    catalog: Catalog
    calendar: Calendar
    clock: Clock

    def _utc(self) -> str:
        return self.clock().astimezone(dt.UTC).isoformat(timespec="seconds")

    def _device(self, s: Session) -> Device:
        device = s.scalars(select(Device)).first()
        if device is None:
            raise IntakeError("本机尚未初始化：请先设置地区、窗口和设备编号（yibao-desk setup）")
        return device

    def _require(self, s: Session, staff_id: str, action: str) -> Actor:
        actor = staff_mod.active_actor(s, staff_id)
        if not allowed(actor.role, action):
            raise PermissionDenied(actor.staff_id, actor.role, action)
        return actor

    def _case(self, s: Session, case_number: str, statuses: Set[str]) -> Case:
        case = s.get(Case, normalize(case_number))
        if case is None:
            raise IntakeError(f"没有编号为 {case_number} 的办件")
        if case.status not in statuses:
            from yibao_desk.journal.projection import STATUS_ZH

            raise IntakeError(
                f"办件 {case.case_number} 当前状态为“{STATUS_ZH.get(case.status, case.status)}”，不能进行此操作"
            )
        return case
