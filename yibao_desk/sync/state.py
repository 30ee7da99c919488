"""This device's sync state in the local journal: acknowledged sequence, last success and error, rejections."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from yibao_desk.journal.chain import EVENT_COLUMNS
from yibao_desk.journal.db import Journal
from yibao_desk.journal.models import Device, Event, SyncRejection, SyncState


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


@dataclass
class LocalStatus:
    device: str
    highest_seq: int
    acked_seq: int
    pending: int
    oldest_pending_local: str | None
    last_success: str | None
    last_error: str | None
    clock_skew_seconds: float | None
    rejected: int

    @property
    def in_sync(self) -> bool:
        return self.acked_seq == self.highest_seq

    def as_dict(self) -> dict[str, Any]:
        return {
            "device": self.device,
            "pending": self.pending,
            "last_success": self.last_success,
            "last_error": self.last_error,
            "highest_seq": self.highest_seq,
            "acked_seq": self.acked_seq,
            "oldest_pending": self.oldest_pending_local,
            "clock_skew_seconds": self.clock_skew_seconds,
            "rejected": self.rejected,
            "in_sync": self.in_sync,
        }


def device_id(journal: Journal) -> str:
    with journal.read() as s:
        device = s.scalars(select(Device)).first()
    if device is None:
        from yibao_desk.sync.urls import SyncError

        raise SyncError("本机尚未初始化（yibao-desk setup），没有可同步的日志")
    return device.id


def local_status(journal: Journal) -> LocalStatus:
    device = device_id(journal)
    with journal.read() as s:
        state = s.get(SyncState, device)
        acked = state.acked_seq if state else 0
        highest = s.scalar(select(func.max(Event.seq)).where(Event.device_id == device)) or 0
        oldest = s.scalar(select(Event.local_time).where(Event.device_id == device, Event.seq == acked + 1))
        rejected = s.scalar(select(func.count()).select_from(SyncRejection)) or 0
        return LocalStatus(
            device,
            highest,
            acked,
            highest - acked,
            oldest if highest > acked else None,
            state.last_success_utc if state else None,
            state.last_error if state else None,
            state.clock_skew_seconds if state else None,
            rejected,
        )


def save_ack(journal: Journal, device: str, acked_seq: int, skew: float | None = None) -> None:
    """Advance (never move back) the acknowledged sequence, recording the hash of our event at that sequence."""
    with journal.write(even_if_damaged=True) as s:
        state = s.get(SyncState, device) or SyncState(device_id=device, acked_seq=0)
        if state.acked_seq is None:
            state.acked_seq = 0
        if acked_seq > state.acked_seq:
            state.acked_seq = acked_seq
            state.acked_hash = s.scalar(select(Event.hash).where(Event.device_id == device, Event.seq == acked_seq))
        state.last_success_utc = utc_now()
        state.last_attempt_utc = state.last_success_utc
        state.last_error = None
        if skew is not None:
            state.clock_skew_seconds = skew
        s.add(state)


def save_error(journal: Journal, device: str, message: str) -> None:
    with journal.write(even_if_damaged=True) as s:
        state = s.get(SyncState, device) or SyncState(device_id=device, acked_seq=0)
        if state.acked_seq is None:
            state.acked_seq = 0
        state.last_attempt_utc = utc_now()
        state.last_error = message
        s.add(state)


def save_rejections(journal: Journal, rejections: list[tuple[str, int, str]]) -> None:
    if not rejections:
        return
    with journal.write() as s:
        for event_id, seq, reason in rejections:
            if s.get(SyncRejection, event_id) is None:
                s.add(SyncRejection(event_id=event_id, seq=seq, reason=reason, at_utc=utc_now()))


def pending_events(journal: Journal, device: str, after: int, limit: int) -> list[dict[str, Any]]:
    """Events after `after` in sequence order, as plain dicts (plain SQL: a push reads 100,000 of them)."""
    with journal.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE device_id = ? AND seq > ? ORDER BY seq LIMIT ?",
            (device, after, limit),
        ).fetchall()
    return [dict(zip(EVENT_COLUMNS, r, strict=True)) for r in rows]


def event_hash(journal: Journal, device: str, seq: int) -> str | None:
    with journal.engine.connect() as conn:
        row = conn.exec_driver_sql("SELECT hash FROM events WHERE device_id = ? AND seq = ?", (device, seq)).fetchone()
    return str(row[0]) if row else None


def halt(journal: Journal, device: str, reason: str) -> None:
    """Stop new writes until a recover clears it: kept in the journal, so every later start is read-only too."""
    with journal.write(even_if_damaged=True) as s:
        state = s.get(SyncState, device) or SyncState(device_id=device, acked_seq=0)
        if state.acked_seq is None:
            state.acked_seq = 0
        state.halt_reason = reason
        state.last_error = reason
        state.last_attempt_utc = utc_now()
        s.add(state)
    journal.refuse_writes(reason)
