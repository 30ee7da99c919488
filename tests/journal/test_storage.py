from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.journal.conftest import APPLICANT
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal import backup
from yibao_desk.journal.db import LOCAL_HEAD, JournalError, create_journal_engine, migrate, open_journal
from yibao_desk.journal.intake import IntakeService
from yibao_desk.journal.verify import verify

CLAIM = "432036011W01"


def test_pragmas(service: IntakeService) -> None:
    with service.journal.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_head_revision_matches_alembic() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from yibao_desk.domain.paths import project_root

    cfg = Config()
    cfg.set_main_option("script_location", str(project_root() / "db" / "local"))
    assert ScriptDirectory.from_config(cfg).get_current_head() == LOCAL_HEAD


def test_journal_from_first_revision_upgrades_without_loss(
    tmp_path: Path, catalog: Catalog, calendar: Calendar
) -> None:
    path = tmp_path / "old.sqlite3"
    engine = create_journal_engine(path)
    migrate(engine, "0001")
    # what a 0001 program wrote, by hand: a device, a staff member, a case and its event
    from yibao_desk.journal.chain import GENESIS, canonical_json, event_hash

    event = {
        "id": "11111111-1111-1111-1111-111111111111",
        "device_id": "W01",
        "seq": 1,
        "case_number": "YJ-W01-20261101-0001",
        "staff_id": "c01",
        "type": "case.opened",
        "payload": canonical_json(
            {
                "region": "yuanjiang",
                "service_code": "002036001001",
                "service_name": "单位参保登记",
                "applicant": {"name": "甲"},
                "answers": {},
            }
        ),
        "utc": "2026-11-01T01:00:00.000000+00:00",
        "local_time": "2026-11-01T09:00:00+08:00",
        "prev_hash": GENESIS,
    }
    event["hash"] = event_hash(event)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO device VALUES ('W01', 'yuanjiang', '一号窗口', '2026-11-01T00:00:00')"))
        conn.execute(
            sa.text(
                "INSERT INTO cases (case_number, device_id, region, service_code, service_name, applicant_name, "
                "applicant_json, agent_json, unit_json, status, clerk_id, opened_utc, opened_local, answers_json, "
                "materials_json, printed_json, last_seq) VALUES (:n, 'W01', 'yuanjiang', '002036001001', "
                "'单位参保登记', '甲', :aj, NULL, NULL, 'draft', 'c01', :u, :l, '{}', '{}', '[]', 1)"
            ),
            {
                "n": event["case_number"],
                "aj": canonical_json({"name": "甲"}),
                "u": event["utc"],
                "l": event["local_time"],
            },
        )
        conn.execute(
            sa.text(
                "INSERT INTO events VALUES (:id, :device_id, :seq, :case_number, :staff_id, :type, "
                ":payload, :utc, :local_time, :prev_hash, :hash)"
            ),
            event,
        )
    engine.dispose()

    journal = open_journal(path)
    with journal.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == LOCAL_HEAD
        assert conn.exec_driver_sql("SELECT delivery FROM cases").scalar() == "pickup"
        assert conn.exec_driver_sql("SELECT ratings_json FROM cases").scalar() == "[]"  # revision 0005
        assert conn.exec_driver_sql("SELECT count(*) FROM settings").scalar() == 0
    svc = IntakeService(journal, catalog, calendar)
    assert svc.case("YJ-W01-20261101-0001")["applicant_name"] == "甲"
    assert verify(journal).ok
    svc.add_staff(None, "s01", "主管", "supervisor", "secret-s01")
    svc.add_staff("s01", "c01", "甲", "clerk", "secret-c01")
    svc.open_case("c01", "002036001001", APPLICANT)  # and it keeps working
    assert verify(journal).ok


def test_foreign_file_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE something (x)")
    with pytest.raises(JournalError, match="不是医保窗口桌面的办件日志"):
        open_journal(other)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(JournalError, match="不是有效的办件日志"):
        open_journal(garbage)


def test_online_backup_and_restore(service: IntakeService, tmp_path: Path) -> None:
    service.open_case("c01", CLAIM, APPLICANT)
    made = backup.backup_to(service.journal.path, tmp_path / "backups")
    service.open_case("c01", CLAIM, APPLICANT)
    assert len(service.cases()) == 2
    service.journal.close()
    with pytest.raises(JournalError, match="少 1 个事件"):  # the second case's opening
        backup.restore(made, service.journal.path)
    assert len(IntakeService(open_journal(service.journal.path), service.catalog, service.calendar).cases()) == 2
    kept = backup.restore(made, service.journal.path, accept_loss=True)
    assert kept.exists()
    journal = open_journal(service.journal.path)
    with journal.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM cases").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert verify(journal).ok
    restored = IntakeService(journal, service.catalog, service.calendar, service.clock)
    number, _ = restored.open_case("c01", CLAIM, APPLICANT)
    assert number.endswith("-0003")  # the dropped case's number -0002 is never handed out again


def test_daily_backup_rotates(service: IntakeService, tmp_path: Path) -> None:
    import datetime as dt

    folder = tmp_path / "daily"
    for day in range(1, 6):
        assert backup.daily_backup(service.journal.path, folder, dt.date(2026, 11, day), keep=3) is not None
    assert backup.daily_backup(service.journal.path, folder, dt.date(2026, 11, 5), keep=3) is None
    assert [p.name for p in sorted(folder.glob("daily-*"))] == [
        "daily-20261103.sqlite3",
        "daily-20261104.sqlite3",
        "daily-20261105.sqlite3",
    ]


def test_two_programs_on_one_journal_are_safe(service: IntakeService, catalog: Catalog, calendar: Calendar) -> None:
    other = IntakeService(open_journal(service.journal.path), catalog, calendar, service.clock)
    errors: list[BaseException] = []

    def work(svc: IntakeService) -> None:
        try:
            for _ in range(15):
                svc.open_case("c01", CLAIM, APPLICANT)
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=work, args=(s,)) for s in (service, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = [c["case_number"] for c in service.cases()]
    assert len(numbers) == 30 == len(set(numbers))
    assert verify(service.journal).ok
    other.journal.close()


def test_storage_warning_for_network_share(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from yibao_desk.journal import location

    monkeypatch.setattr(location, "_linux_mount", lambda _p: ("//server/share", str(tmp_path), "cifs"))
    assert "网络共享" in (location.storage_warning(tmp_path / "j.sqlite3") or "")
    monkeypatch.setattr(location, "_linux_mount", lambda _p: ("/dev/sdb1", "/media/usb", "vfat"))
    assert "可移动磁盘" in (location.storage_warning(tmp_path / "j.sqlite3") or "")
    monkeypatch.setattr(location, "_linux_mount", lambda _p: ("/dev/sda1", "/", "ext4"))
    monkeypatch.setattr(location, "_linux_removable", lambda _d: False)
    assert location.storage_warning(tmp_path / "j.sqlite3") is None
