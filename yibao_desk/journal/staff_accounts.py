"""The intake service's staff part: accounts (the first supervisor, adding, enabling, unlocking), login and roles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from yibao_desk.journal import staff as staff_mod
from yibao_desk.journal.events import append
from yibao_desk.journal.models import Device, Staff
from yibao_desk.journal.service_base import IntakeError, ServiceBase
from yibao_desk.journal.staff import Actor, AuthError


class StaffAccounts(ServiceBase):
    def has_supervisor(self) -> bool:
        with self.journal.read() as s:
            return bool(
                s.scalar(
                    select(func.count()).select_from(Staff).where(Staff.role == "supervisor", Staff.active.is_(True))
                )
            )

    def add_staff(self, by: str | None, staff_id: str, name: str, role: str, password: str) -> Actor:
        """Add an account. `by` must be an active supervisor, except for the very first supervisor."""
        staff_mod.check_new_staff(staff_id, name, role, password)
        pw_hash = staff_mod.hash_password(password)  # slow on purpose: outside the write transaction
        with self.journal.write() as s:
            device = self._device(s)
            first = not s.scalar(select(func.count()).select_from(Staff).where(Staff.role == "supervisor"))
            if by is None:
                if not first:
                    raise IntakeError("已有主管账号：新增工作人员需由主管操作（--by 主管工号）")
                if role != "supervisor":
                    raise IntakeError("第一个账号必须是主管（supervisor）")
                actor_id = staff_id
            else:
                actor_id = self._require(s, by, "staff.manage").staff_id
            if s.get(Staff, staff_id) is not None:
                raise IntakeError(f"工号 {staff_id} 已存在")
            s.add(
                Staff(
                    id=staff_id,
                    name=name.strip(),
                    role=role,
                    password_hash=pw_hash,
                    failed_logins=0,
                    active=True,
                    created_utc=self._utc(),
                )
            )
            s.flush()
            append(
                s,
                device.id,
                actor_id,
                "staff.added",
                {"staff_id": staff_id, "name": name.strip(), "role": role, "password_hash": pw_hash},
                clock=self.clock,
            )
        return Actor(staff_id, name.strip(), role)

    def _managing(self, s: Session, by: str, staff_id: str) -> tuple[Device, Actor, Staff]:
        """This device, the supervisor `by` (who may manage staff) and the staff member `staff_id`."""
        device = self._device(s)
        actor = self._require(s, by, "staff.manage")
        target = s.get(Staff, staff_id)
        if target is None:
            raise IntakeError(f"没有工号为 {staff_id} 的工作人员")
        return device, actor, target

    def set_staff_active(self, by: str, staff_id: str, active: bool) -> None:
        with self.journal.write() as s:
            device, actor, target = self._managing(s, by, staff_id)
            if not active and target.id == actor.staff_id:
                raise IntakeError("不能停用自己的账号")
            target.active = active
            append(
                s,
                device.id,
                actor.staff_id,
                "staff.enabled" if active else "staff.disabled",
                {"staff_id": staff_id},
                clock=self.clock,
            )

    def unlock_staff(self, by: str, staff_id: str) -> None:
        with self.journal.write() as s:
            device, actor, target = self._managing(s, by, staff_id)
            target.locked_until_utc, target.failed_logins = None, 0
            append(s, device.id, actor.staff_id, "staff.unlocked", {"staff_id": staff_id}, clock=self.clock)

    def login(self, staff_id: str, password: str) -> Actor:
        """Check the password. Failures are counted (and committed) even though the login is refused."""
        error: AuthError | None = None
        with self.journal.write(even_if_damaged=True) as s:  # a supervisor logs in to recover a damaged journal
            try:
                actor = staff_mod.authenticate(s, staff_id, password, self.clock().astimezone(dt.UTC))
            except AuthError as e:
                error = e
                staff = s.get(Staff, staff_id)
                device = s.scalars(select(Device)).first()
                just_locked = staff is not None and staff.failed_logins == 0 and bool(staff.locked_until_utc)
                if just_locked and device is not None and "已锁定" in str(e) and not self.journal.read_only:
                    until = staff.locked_until_utc if staff else None
                    append(
                        s, device.id, staff_id, "staff.locked", {"staff_id": staff_id, "until": until}, clock=self.clock
                    )
        if error is not None:
            raise error
        return actor

    def staff_list(self) -> list[dict[str, Any]]:
        with self.journal.read() as s:
            return [
                {
                    "id": st.id,
                    "name": st.name,
                    "role": st.role,
                    "active": st.active,
                    "locked_until": st.locked_until_utc,
                    "failed_logins": st.failed_logins,
                }
                for st in staff_mod.list_staff(s)
            ]

    def require_role(self, staff_id: str, action: str) -> Actor:
        with self.journal.read() as s:
            return self._require(s, staff_id, action)
