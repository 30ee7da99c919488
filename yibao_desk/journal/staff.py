"""Staff accounts: Argon2id password hashes (memory-hard), failed-login counting and lock-out."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from yibao_desk.journal.models import Staff
from yibao_desk.journal.roles import ROLES

MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 6

_hasher = PasswordHasher()  # Argon2id, 64 MiB, 3 passes: RFC 9106's second recommendation


class AuthError(Exception):
    """Login refused; the message tells the person why in Chinese."""


class StaffError(ValueError):
    """Bad staff data (id, name, role, password)."""


@dataclass(frozen=True)
class Actor:
    staff_id: str
    name: str
    role: str

    @property
    def role_zh(self) -> str:
        return ROLES.get(self.role, self.role)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def check_new_staff(staff_id: str, name: str, role: str, password: str) -> None:
    if not re.fullmatch(r"[A-Za-z0-9_.-]{2,32}", staff_id or ""):
        raise StaffError("工号应为 2-32 位字母、数字、下划线、点或连字符")
    if not (name or "").strip():
        raise StaffError("请填写姓名")
    if role not in ROLES:
        raise StaffError(f"角色应为：{'、'.join(f'{k}（{v}）' for k, v in ROLES.items())}")
    check_password(password)


def check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise StaffError(f"密码至少 {MIN_PASSWORD} 位")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def authenticate(session: Session, staff_id: str, password: str, now: dt.datetime | None = None) -> Actor:
    """Check a password; count failures and lock the account after MAX_FAILED_LOGINS. Caller commits."""
    now = now or utc_now()
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise AuthError("工号或密码错误")
    if not staff.active:
        raise AuthError("该账号已停用，请联系主管")
    if staff.locked_until_utc and dt.datetime.fromisoformat(staff.locked_until_utc) > now:
        minutes = max(1, int((dt.datetime.fromisoformat(staff.locked_until_utc) - now).total_seconds() // 60) + 1)
        raise AuthError(f"密码错误次数过多，账号已锁定，请 {minutes} 分钟后再试或请主管解锁")
    try:
        _hasher.verify(staff.password_hash, password)
    except (VerificationError, InvalidHashError):
        staff.failed_logins += 1
        if staff.failed_logins >= MAX_FAILED_LOGINS:
            staff.locked_until_utc = (now + dt.timedelta(minutes=LOCK_MINUTES)).isoformat()
            staff.failed_logins = 0
            raise AuthError(f"密码连续错误 {MAX_FAILED_LOGINS} 次，账号已锁定 {LOCK_MINUTES} 分钟") from None
        left = MAX_FAILED_LOGINS - staff.failed_logins
        raise AuthError(f"工号或密码错误，还可尝试 {left} 次") from None
    staff.failed_logins = 0
    staff.locked_until_utc = None
    # no silent re-hash: the hash is part of the staff.added event, and the staff table is verified against it
    return Actor(staff.id, staff.name, staff.role)


def check_hash(password_hash: str, password: str) -> bool:
    """Whether `password` matches a stored hash (read-only: counts nothing)."""
    try:
        return bool(_hasher.verify(password_hash, password))
    except (VerificationError, InvalidHashError):
        return False


def active_actor(session: Session, staff_id: str) -> Actor:
    staff = session.get(Staff, staff_id)
    if staff is None:
        raise AuthError(f"没有工号为 {staff_id} 的工作人员")
    if not staff.active:
        raise AuthError(f"工作人员 {staff_id} 已停用")
    return Actor(staff.id, staff.name, staff.role)


def list_staff(session: Session) -> list[Staff]:
    return list(session.scalars(select(Staff).order_by(Staff.id)))
