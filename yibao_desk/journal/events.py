"""Appending events: the next sequence number and hash of this device's chain, and the case projection, in the
caller's write transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from yibao_desk.journal import projection
from yibao_desk.journal.chain import GENESIS, canonical_json, event_hash
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


def append(
    session: Session,
    device_id: str,
    staff_id: str,
    kind: str,
    payload: Mapping[str, Any],
    case_number: str | None = None,
    clock: Clock = system_clock,
) -> dict[str, Any]:
    last = session.execute(
        select(Event.seq, Event.hash).where(Event.device_id == device_id).order_by(Event.seq.desc()).limit(1)
    ).first()
    now = clock()
    if now.tzinfo is None:
        now = now.astimezone()
    event: dict[str, Any] = {
        "id": str(uuid.uuid4()),
        "device_id": device_id,
        "seq": (last.seq + 1) if last else 1,
        "case_number": case_number,
        "staff_id": staff_id,
        "type": kind,
        "payload": canonical_json(dict(payload)),
        "utc": now.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "local_time": now.isoformat(timespec="seconds"),
        "prev_hash": last.hash if last else GENESIS,
    }
    event["hash"] = event_hash(event)
    session.execute(insert(Event).values(**event))
    if case_number and kind in projection.CASE_EVENTS:
        current = session.get(Case, case_number)
        row = projection.apply(case_dict(current) if current else None, event)
        if row is not None:
            if current is None:
                session.execute(insert(Case).values(**row))
            else:
                session.execute(update(Case).where(Case.case_number == case_number).values(**row))
            session.expire_all()
    return event
