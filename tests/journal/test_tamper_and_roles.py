from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.journal.conftest import APPLICANT, FixedClock
from yibao_desk.journal.intake import IntakeService
from yibao_desk.journal.roles import PermissionDenied
from yibao_desk.journal.staff import AuthError
from yibao_desk.journal.verify import verify

CLAIM = "432036011W01"


@pytest.fixture
def filled(service: IntakeService) -> IntakeService:
    for _ in range(3):
        service.intake("c01", CLAIM, {"applicant": APPLICANT, "answers": {}, "materials": {}})
    service.journal.close()
    return service


def raw(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TRIGGER IF EXISTS events_no_update")
    conn.execute("DROP TRIGGER IF EXISTS events_no_delete")
    return conn


def event_at(conn: sqlite3.Connection, seq: int) -> str:
    return str(conn.execute("SELECT id FROM events WHERE seq = ?", (seq,)).fetchone()[0])


def test_one_changed_byte_in_a_payload_is_found(filled: IntakeService) -> None:
    conn = raw(filled.journal.path)
    victim = event_at(conn, 7)  # a case.opened event: it holds the applicant
    payload = conn.execute("SELECT payload FROM events WHERE id = ?", (victim,)).fetchone()[0]
    changed = payload.replace("王小明", "王小朋", 1)
    assert changed != payload
    conn.execute("UPDATE events SET payload = ? WHERE id = ?", (changed, victim))
    conn.close()
    report = verify(filled.journal)
    assert not report.ok and report.first_bad_event == victim


def test_a_deleted_event_is_found(filled: IntakeService) -> None:
    conn = raw(filled.journal.path)
    gone, after = event_at(conn, 7), event_at(conn, 8)
    conn.execute("DELETE FROM events WHERE id = ?", (gone,))
    conn.close()
    report = verify(filled.journal)
    assert not report.ok and report.first_bad_event == after
    assert any("缺失" in p for p in report.problems)


def test_two_swapped_events_are_found(filled: IntakeService) -> None:
    conn = raw(filled.journal.path)
    a, b = event_at(conn, 8), event_at(conn, 9)
    conn.execute("UPDATE events SET seq = -1 WHERE id = ?", (a,))
    conn.execute("UPDATE events SET seq = 8 WHERE id = ?", (b,))
    conn.execute("UPDATE events SET seq = 9 WHERE id = ?", (a,))
    conn.close()
    report = verify(filled.journal)
    assert not report.ok and report.first_bad_event == b


def test_an_edited_case_row_is_found(filled: IntakeService) -> None:
    conn = raw(filled.journal.path)
    conn.execute("UPDATE cases SET status = 'accepted' WHERE rowid = 1")
    conn.close()
    report = verify(filled.journal)
    assert not report.ok and any("status" in p for p in report.problems)


def test_clerk_cannot_manage_staff_or_void(service: IntakeService) -> None:
    with pytest.raises(PermissionDenied, match="无权管理工作人员"):
        service.set_staff_active("c01", "p01", False)
    with pytest.raises(PermissionDenied):
        service.add_staff("c01", "c02", "新人", "clerk", "secret-c02")
    with pytest.raises(PermissionDenied):
        service.require_role("c01", "ledger.full_id")
    number, _ = service.open_case("c01", CLAIM, APPLICANT)
    with pytest.raises(PermissionDenied):
        service.open_case("p01", CLAIM, APPLICANT)  # a printer does not take cases in
    with pytest.raises(PermissionDenied):
        service.void("p01", number, "x")


def test_lock_out_after_five_failures(service: IntakeService, clock: FixedClock) -> None:
    for i in range(4):
        with pytest.raises(AuthError, match=f"还可尝试 {4 - i} 次"):
            service.login("c01", "wrong")
    with pytest.raises(AuthError, match="已锁定"):
        service.login("c01", "wrong")
    with pytest.raises(AuthError, match="已锁定"):
        service.login("c01", "secret-c01")  # even the right password
    assert any(e["type"] == "staff.locked" for e in _staff_events(service))
    clock.advance(minutes=16)
    assert service.login("c01", "secret-c01").role == "clerk"


def test_supervisor_unlocks_and_disables(service: IntakeService) -> None:
    for _ in range(5):
        with pytest.raises(AuthError):
            service.login("c01", "wrong")
    service.unlock_staff("sup1", "c01")
    assert service.login("c01", "secret-c01").staff_id == "c01"
    service.set_staff_active("sup1", "c01", False)
    with pytest.raises(AuthError, match="停用"):
        service.login("c01", "secret-c01")
    with pytest.raises(AuthError, match="停用"):
        service.open_case("c01", CLAIM, APPLICANT)


def test_only_the_first_account_needs_no_supervisor(service: IntakeService) -> None:
    from yibao_desk.journal.intake import IntakeError

    with pytest.raises(IntakeError, match="主管"):
        service.add_staff(None, "x1", "某人", "supervisor", "secret-x1")


def _staff_events(service: IntakeService) -> list[dict[str, str]]:
    import sqlalchemy as sa

    with service.journal.read() as s:
        return [dict(r._mapping) for r in s.execute(sa.text("SELECT type FROM events WHERE case_number IS NULL"))]
