"""SQLAlchemy models of the local journal. The schema is created and upgraded by Alembic (db/local)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Device(Base):
    """This PC: one row. The device id is part of every case number and event."""

    __tablename__ = "device"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    region: Mapped[str] = mapped_column(String(32))
    window: Mapped[str] = mapped_column(String(64))
    created_utc: Mapped[str] = mapped_column(String(32))


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))  # clerk / printer / supervisor
    password_hash: Mapped[str] = mapped_column(Text)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_utc: Mapped[str] = mapped_column(String(32))


class Case(Base):
    """The projection of a case's events: rebuilt from them alone by `projection.rebuild`."""

    __tablename__ = "cases"
    case_number: Mapped[str] = mapped_column(String(48), primary_key=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("device.id"))
    region: Mapped[str] = mapped_column(String(32))
    service_code: Mapped[str] = mapped_column(String(32))
    service_name: Mapped[str] = mapped_column(Text)
    applicant_name: Mapped[str] = mapped_column(Text, default="")
    applicant_id_number: Mapped[str] = mapped_column(String(32), default="")
    applicant_phone: Mapped[str] = mapped_column(String(32), default="")
    applicant_json: Mapped[str] = mapped_column(Text, default="{}")
    agent_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    unit_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[str] = mapped_column(String(16))
    clerk_id: Mapped[str] = mapped_column(String(32))
    opened_utc: Mapped[str] = mapped_column(String(32))
    opened_local: Mapped[str] = mapped_column(String(40))
    answers_json: Mapped[str] = mapped_column(Text, default="{}")
    materials_json: Mapped[str] = mapped_column(Text, default="{}")
    verdict_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    decided_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    due_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    completed_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    delivered_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    delivery: Mapped[str] = mapped_column(String(16), default="pickup")  # pickup / mail (revision 0002)
    printed_json: Mapped[str] = mapped_column(Text, default="[]")
    last_seq: Mapped[int] = mapped_column(Integer)
    ratings_json: Mapped[str] = mapped_column(Text, default="[]")  # 好差评, one entry per rating (revision 0005)
    # 邮寄: where the result goes (recipient, phone, address, postcode) and, once posted, its tracking number
    mail_json: Mapped[str | None] = mapped_column(Text, nullable=True)  # revision 0006
    # 归档: the 档案号, when, by whom, the case file's SHA-256 and pages (revision 0007); NULL: not archived
    archive_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    # 纸质材料分发: the 承办部门 its papers go to ("" while not chosen, or where the guide names none; revision 0008)
    department: Mapped[str] = mapped_column(String(64), default="")

    __table_args__ = (
        Index("ix_cases_opened", "opened_local"),
        Index("ix_cases_status", "status"),
        Index("ix_cases_id_number", "applicant_id_number"),
    )


class Event(Base):
    """Append-only (triggers refuse UPDATE and DELETE). One hash chain per device."""

    __tablename__ = "events"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(Integer)
    case_number: Mapped[str | None] = mapped_column(String(48), nullable=True)
    staff_id: Mapped[str] = mapped_column(String(32))
    type: Mapped[str] = mapped_column(String(32))
    payload: Mapped[str] = mapped_column(Text)
    utc: Mapped[str] = mapped_column(String(32))
    local_time: Mapped[str] = mapped_column(String(40))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        UniqueConstraint("device_id", "seq", name="uq_events_device_seq"),
        Index("ix_events_case", "case_number", "seq"),
        Index("ix_events_type", "type"),
    )


class Setting(Base):
    """Supervisor settings (revision 0002): declared in `settings.py`, stored as JSON values."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)


class SyncState(Base):
    """What the centre has acknowledged of this device's chain (revision 0003)."""

    __tablename__ = "sync_state"
    device_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)
    acked_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    last_success_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    last_attempt_utc: Mapped[str | None] = mapped_column(String(32), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    clock_skew_seconds: Mapped[float | None] = mapped_column(nullable=True)
    halt_reason: Mapped[str | None] = mapped_column(Text, nullable=True)  # revision 0004: writes stopped, and why


class SyncRejection(Base):
    """An event the centre refused (a conflict): the supervisor sees the list; it never blocks the others."""

    __tablename__ = "sync_rejections"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    at_utc: Mapped[str] = mapped_column(String(32))


class Checkpoint(Base):
    """The signed head of this device's chain (revision 0004): one row, rewritten in every write transaction."""

    __tablename__ = "checkpoint"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    signature: Mapped[str] = mapped_column(String(128))
