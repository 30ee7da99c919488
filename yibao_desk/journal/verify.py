"""`journal verify` and `journal rebuild`: the hash chains hold and every case row equals its events' fold."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select, text

from yibao_desk.journal import projection, records
from yibao_desk.journal.chain import verify_chain
from yibao_desk.journal.db import Journal
from yibao_desk.journal.events import case_dict, event_dict
from yibao_desk.journal.models import Case, Event


@dataclass
class VerifyReport:
    ok: bool
    events: int = 0
    cases: int = 0
    devices: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    first_bad_event: str | None = None
    attachments: int = 0
    attachment_problems: list[str] = field(default_factory=list)  # scans missing or changed: reported, never a halt

    @property
    def files_ok(self) -> bool:
        return not self.attachment_problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "events": self.events,
            "cases": self.cases,
            "devices": self.devices,
            "problems": self.problems,
            "first_bad_event": self.first_bad_event,
            "attachments": self.attachments,
            "attachment_problems": self.attachment_problems,
        }


def _snapshot(journal: Journal) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """Every event and every case row, read in one transaction: a case the clerk opens while the start-up check
    runs is in both or in neither (read apart, it was 「在办件表中但没有任何事件」 and the journal went read-only)."""
    with journal.read() as s:
        events = [event_dict(e) for e in s.scalars(select(Event).order_by(Event.device_id, Event.seq))]
        cases = {c.case_number: case_dict(c) for c in s.scalars(select(Case))}
    return events, cases


def verify(journal: Journal, hash_files: bool = True) -> VerifyReport:
    """The journal's chains, checkpoints and tables (`ok`), and the attachment files its events name (hashed, or
    only their sizes when not `hash_files`: the start-up check)."""
    report = VerifyReport(ok=True)
    _journal_checks(journal, report)
    if report.ok and str(journal.path) != ":memory:":  # the files the events name, once the events are sound
        from yibao_desk.journal.case_attachments import attachment_problems

        report.attachments, report.attachment_problems = attachment_problems(journal, hash_files)
    return report


def _journal_checks(journal: Journal, report: VerifyReport) -> None:
    with journal.engine.connect() as conn:
        integrity = conn.execute(text("PRAGMA integrity_check")).scalar()
        if integrity != "ok":
            report.ok = False
            report.problems.append(f"SQLite 完整性检查失败：{integrity}")
    for problem in journal.recheck():  # head against the signed checkpoints, gaps, staff, settings, sync halt
        report.ok = False
        report.problems.append(problem)
    events, actual = _snapshot(journal)
    report.events = len(events)
    by_device: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        by_device.setdefault(e["device_id"], []).append(e)
    report.devices = sorted(by_device)
    for device, chain in by_device.items():
        brk = verify_chain(chain)
        if brk is not None:
            report.ok = False
            report.first_bad_event = report.first_bad_event or brk.event_id
            report.problems.append(f"设备 {device} 的哈希链断裂：{brk}")
    try:
        expected = projection.fold(events)
    except (ValueError, KeyError) as e:
        report.ok = False
        report.problems.append(f"无法由事件重建办件：{e}")
        return
    report.cases = len(actual)
    for number in sorted(set(expected) | set(actual)):
        if number not in actual:
            report.ok = False
            report.problems.append(f"办件 {number} 有事件但办件表中缺失")
        elif number not in expected:
            report.ok = False
            report.problems.append(f"办件 {number} 在办件表中但没有任何事件")
        elif expected[number] != actual[number]:
            diff = sorted(k for k in expected[number] if expected[number][k] != actual[number].get(k))
            report.ok = False
            report.problems.append(f"办件 {number} 与其事件不符（字段：{'、'.join(diff)}）")


FAILED_PREFIX = "日志校验失败："


def remember_failure(journal: Journal, report: VerifyReport) -> None:
    """A failed verify makes the journal read-only from now on (kept in the journal: every later start refuses
    too) until `journal rebuild` or `journal recover` mends it."""
    reason = FAILED_PREFIX + "；".join(report.problems[:3])
    with journal.engine.connect() as conn:
        device = conn.exec_driver_sql("SELECT id FROM device LIMIT 1").scalar()
    if device is None:
        return
    with journal.write(even_if_damaged=True) as s:
        s.execute(
            text(
                "INSERT INTO sync_state (device_id, acked_seq, halt_reason) VALUES (:d, 0, :r) "
                "ON CONFLICT (device_id) DO UPDATE SET halt_reason = :r"
            ),
            {"d": device, "r": reason},
        )
    journal.refuse_writes(reason)


def _rekey(s: Any, events: list[dict[str, Any]], device: str | None) -> None:
    """A lost or replaced device key (a journal moved to a new user profile): sign the head again with the key
    this PC has — only when the whole chain holds and its head is the one the journal's checkpoint signed, so
    nothing dropped or rewritten is ever signed over."""
    from yibao_desk.journal import checkpoint
    from yibao_desk.journal.device_key import device_key, key_path, public_hex

    cur = s.connection().connection.driver_connection.cursor()
    stored, _ = checkpoint.read_stored(cur)
    own = [e for e in events if e["device_id"] == device]
    if device is None or stored is None or not own or verify_chain(own) is not None:
        return
    if (own[-1]["seq"], own[-1]["hash"]) != (stored.seq, stored.hash):
        return
    if key_path(device).exists() and public_hex(device_key(device)) == stored.public_key:
        return
    s.info[f"chain:{device}"] = (stored.seq, stored.hash)  # Journal.write signs this head on commit


def rebuild(journal: Journal) -> int:
    """Replace every case row, and the device, staff and settings rows, by the fold of the events. Returns the
    number of cases."""
    events, _cases = _snapshot(journal)
    rows = projection.fold(events)
    device = next((e["device_id"] for e in events if e["type"] == "device.setup"), None)
    others = records.fold(events, device)
    with journal.write(even_if_damaged=True) as s:  # appends nothing: the fix for damaged projection tables
        s.execute(delete(Case))
        for row in rows.values():
            s.execute(insert(Case).values(**row))
        records.restore(s.connection().connection.driver_connection.cursor(), others)  # type: ignore[union-attr]
        s.execute(
            text("UPDATE sync_state SET halt_reason = NULL WHERE halt_reason LIKE :p"), {"p": FAILED_PREFIX + "%"}
        )
        _rekey(s, events, device)
    journal.recheck()
    if not journal.problems:
        report = verify(journal)
        if not report.ok:
            remember_failure(journal, report)
    return len(rows)
