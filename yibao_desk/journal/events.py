"""Appending events: the next sequence number and hash of this device's chain, and the case projection, in the
caller's write transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from yibao_desk.journal import projection
from yibao_desk.journal.chain import EVENT_COLUMNS, GENESIS, canonical_json, event_hash
from yibao_desk.journal.checkpoint import higher_case
from yibao_desk.journal.db import JournalError
from yibao_desk.journal.models import Case, Event

Clock = Callable[[], dt.datetime]


def system_clock() -> dt.datetime:
    return dt.datetime.now(dt.UTC).astimezone()


def event_dict(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "device_id": e.device_id,
        "seq": e.seq,
        "case_number": e.case_number,
        "staff_id": e.staff_id,
        "type": e.type,
        "payload": e.payload,
        "utc": e.utc,
        "local_time": e.local_time,
        "prev_hash": e.prev_hash,
        "hash": e.hash,
    }


def case_dict(c: Case) -> dict[str, Any]:
    return {col.name: getattr(c, col.key) for col in Case.__table__.columns}


_EVENT_COLUMNS = EVENT_COLUMNS
_INSERT_EVENT = f"INSERT INTO events ({', '.join(_EVENT_COLUMNS)}) VALUES ({', '.join('?' * len(_EVENT_COLUMNS))})"
_CASE_COLUMNS = tuple(c.name for c in Case.__table__.columns)
_SELECT_CASE = f"SELECT {', '.join(_CASE_COLUMNS)} FROM cases WHERE case_number = ?"
_INSERT_CASE = f"INSERT INTO cases ({', '.join(_CASE_COLUMNS)}) VALUES ({', '.join('?' * len(_CASE_COLUMNS))})"
_UPDATE_CASE = (
    f"UPDATE cases SET {', '.join(f'{c} = ?' for c in _CASE_COLUMNS if c != 'case_number')} WHERE case_number = ?"
)


def _cursor(session: Session) -> Any:
    """The DB-API cursor of the session's connection, inside its open transaction (cached for the transaction)."""
    cur = session.info.get("cursor")
    if cur is None:
        cur = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
        session.info["cursor"] = cur
    return cur


def append(
    session: Session,
    device_id: str,
    staff_id: str,
    kind: str,
    payload: Mapping[str, Any],
    case_number: str | None = None,
    clock: Clock = system_clock,
) -> dict[str, Any]:
    """Append one event to this device's chain (and fold it into its case) in the caller's write transaction.

    Plain SQL on the session's own DB-API connection: this is the hot path of every click and of bulk imports.
    The chain's head is remembered for the rest of the transaction, which holds SQLite's write lock
    (BEGIN IMMEDIATE).
    """
    if session.info.get("read_only"):
        raise JournalError(f"办件日志未通过校验，已停止写入：{session.info['read_only']}")
    cur = _cursor(session)
    if kind == "case.opened":
        taken = cur.execute(
            "SELECT 1 FROM events WHERE case_number = ? AND +type = 'case.opened' LIMIT 1", (case_number,)
        ).fetchone()
        if taken:
            raise JournalError(f"办件编号 {case_number} 已开立过，不能再开立一次（日志的办件表可能被改动）")
        session.info["opened"] = higher_case(session.info.get("opened", ""), case_number or "")
    key = f"chain:{device_id}"
    head = session.info.get(key)
    if head is None:
        row = cur.execute(
            "SELECT seq, hash FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1", (device_id,)
        ).fetchone()
        head = (row[0], row[1]) if row else (0, GENESIS)
    now = clock()
    if now.tzinfo is None:
        now = now.astimezone()
    event: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "device_id": device_id,
        "seq": head[0] + 1,
        "case_number": case_number,
        "staff_id": staff_id,
        "type": kind,
        "payload": canonical_json(dict(payload)),
        "utc": now.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "local_time": now.isoformat(timespec="seconds"),
        "prev_hash": head[1],
    }
    event["hash"] = event_hash(event)
    cur.execute(_INSERT_EVENT, tuple(event[c] for c in _EVENT_COLUMNS))
    session.info[key] = (event["seq"], event["hash"])
    if case_number and kind in projection.CASE_EVENTS:
        found = cur.execute(_SELECT_CASE, (case_number,)).fetchone()
        current = dict(zip(_CASE_COLUMNS, found, strict=True)) if found else None
        new = projection.apply(current, event)
        if new is not None:
            if current is None:
                cur.execute(_INSERT_CASE, tuple(new[c] for c in _CASE_COLUMNS))
            else:
                values = (*(new[c] for c in _CASE_COLUMNS if c != "case_number"), case_number)
                cur.execute(_UPDATE_CASE, values)
        session.expire_all()
    return event
