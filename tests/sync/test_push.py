"""Batch push to the real PostgreSQL: exactly once, whatever breaks and whenever."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest

from tests.sync.conftest import ADMIN, central_count, fill, make_device
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.sync import central
from yibao_desk.sync.push import push
from yibao_desk.sync.state import local_status
from yibao_desk.sync.urls import SyncError

pytestmark = pytest.mark.postgres


def chains_ok(url: str, device: str) -> bool:
    return next(r for r in central.status(url) if r["device"] == device)["chain_ok"]


def test_ten_thousand_events_then_nothing_new(
    central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path
) -> None:
    svc = make_device(tmp_path, catalog, calendar, "W01")
    fill(svc, cases=3, bulk=10_000)
    reg = central.add_device(central_url, "W01")
    total = local_status(svc.journal).highest_seq
    first = push(svc.journal, reg.url, batch=2000)
    assert first.inserted == total and first.pending == 0 and first.acked_seq == total
    again = push(svc.journal, reg.url)
    assert again.sent == 0 and again.inserted == 0
    assert central_count(central_url, "W01") == total and chains_ok(central_url, "W01")
    with psycopg.connect(central_url) as conn:
        central.refresh_projection(conn)
        conn.commit()
        assert conn.execute("SELECT count(*) FROM yibao.cases").fetchone()[0] == 3  # type: ignore[index]


def test_terminated_backend_mid_batch(
    central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc = make_device(tmp_path, catalog, calendar, "W02")
    fill(svc, cases=2, bulk=3000)
    reg = central.add_device(central_url, "W02")
    monkeypatch.setenv("YIBAO_DESK_FAULT", "pause_during_send")

    def killer() -> None:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            for _ in range(200):
                killed = conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'yibao-sync' "
                    "AND datname = %s AND state <> 'idle'",
                    (central_url.rsplit("/", 1)[1],),
                ).fetchall()
                if killed:
                    return
                time.sleep(0.05)

    t = threading.Thread(target=killer)
    t.start()
    with pytest.raises(SyncError, match=r"同步失败|同步中断"):
        push(svc.journal, reg.url, batch=3000, retries=1)
    t.join()
    assert local_status(svc.journal).last_error
    monkeypatch.delenv("YIBAO_DESK_FAULT")
    report = push(svc.journal, reg.url)
    total = local_status(svc.journal).highest_seq
    assert report.pending == 0 and central_count(central_url, "W02") == total and chains_ok(central_url, "W02")


@pytest.mark.parametrize("point", ["before_send", "during_send", "after_commit"])
def test_sigkill_at_every_moment(
    point: str, central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path
) -> None:
    svc = make_device(tmp_path, catalog, calendar, "W03")
    fill(svc, cases=3, bulk=400)
    reg = central.add_device(central_url, "W03")
    env = {**os.environ, "YIBAO_DESK_FAULT": point, "YIBAO_DESK_DB": str(svc.journal.path)}
    r = subprocess.run(
        [sys.executable, "-m", "yibao_desk", "sync", "push", "--to", reg.url, "--batch", "100"],
        env=env,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert r.returncode == -9, r.stderr  # killed where we asked
    before = central_count(central_url, "W03")
    assert (before == 0) == (point != "after_commit")
    report = push(svc.journal, reg.url, batch=100)
    total = local_status(svc.journal).highest_seq
    assert report.pending == 0 and report.acked_seq == total
    assert central_count(central_url, "W03") == total and chains_ok(central_url, "W03")


def test_a_foreign_event_at_our_sequence_turns_sync_red_and_stops_writes(
    central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path
) -> None:
    """Issue 13 row 12: an event at the centre under this device's sequence that the device did not write is never
    skipped silently: push is red, nothing is acknowledged past it, and the journal takes no new case."""
    svc = make_device(tmp_path, catalog, calendar, "W04")
    fill(svc, cases=2)
    reg = central.add_device(central_url, "W04")
    from yibao_desk.journal.db import JournalError, open_journal
    from yibao_desk.sync.state import pending_events
    from yibao_desk.sync.urls import SyncError

    victim = pending_events(svc.journal, "W04", 4, 1)[0]
    forged = {**victim, "payload": '{"forged":true}', "hash": "f" * 64}
    with psycopg.connect(central_url) as conn:  # the centre already holds another content under that sequence
        cols = list(central.EVENT_COLUMNS)
        conn.execute(
            f"INSERT INTO yibao.events ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})",
            tuple(forged[c] for c in cols),
        )
        conn.commit()
    with pytest.raises(SyncError, match="不一致"):
        push(svc.journal, reg.url)
    with psycopg.connect(central_url) as conn:
        kept = conn.execute("SELECT payload FROM yibao.events WHERE id = %s", (victim["id"],)).fetchone()
        assert kept is not None and kept[0] == '{"forged":true}'
    status = local_status(svc.journal)
    assert status.acked_seq == 0 and status.pending == status.highest_seq and "不一致" in (status.last_error or "")
    with pytest.raises(JournalError, match="已停止写入"):
        fill(svc, cases=1)
    reopened = open_journal(svc.journal.path)  # the halt is kept in the journal: every later start refuses too
    assert reopened.read_only and "不一致" in reopened.problems[0]


def test_device_roles_are_fenced(
    central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path
) -> None:
    a = make_device(tmp_path, catalog, calendar, "WA")
    b = make_device(tmp_path, catalog, calendar, "WB")
    fill(a, cases=1)
    fill(b, cases=1)
    reg_a = central.add_device(central_url, "WA")
    reg_b = central.add_device(central_url, "WB")
    push(a.journal, reg_a.url)
    push(b.journal, reg_b.url)
    from yibao_desk.sync.urls import psycopg_url

    with psycopg.connect(psycopg_url(reg_a.url)) as conn:
        assert conn.execute("SELECT count(*) FROM yibao.events WHERE device_id = 'WB'").fetchone()[0] == 0  # type: ignore[index]
        assert conn.execute("SELECT count(*) FROM yibao.events").fetchone()[0] == central_count(central_url, "WA")  # type: ignore[index]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM yibao.devices")
    with psycopg.connect(psycopg_url(reg_a.url)) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(
            "INSERT INTO yibao.events (id, device_id, seq, staff_id, type, payload, utc, local_time, "
            "prev_hash, hash) VALUES (gen_random_uuid(), 'WB', 999, 's', 't', '{}', 'u', 'l', 'p', 'h')"
        )
    with psycopg.connect(psycopg_url(reg_a.url)) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("DELETE FROM yibao.events")
    with psycopg.connect(central_url) as conn:
        forced = conn.execute(
            "SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = 'events' "
            "AND relnamespace = 'yibao'::regnamespace"
        ).fetchone()
        assert forced == (True, True)
        role = conn.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = %s", (reg_a.role,)).fetchone()
        assert role == (False, False)
        owner = conn.execute(
            "SELECT tableowner FROM pg_tables WHERE schemaname = 'yibao' AND tablename = 'events'"
        ).fetchone()
        assert owner is not None and owner[0] != reg_a.role


def test_county_ledger_from_the_centre(
    central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path
) -> None:
    import datetime as dt

    import openpyxl

    from yibao_desk.ledger.export import export_ledger
    from yibao_desk.ledger.rows import LedgerQuery

    a = make_device(tmp_path, catalog, calendar, "LA")
    b = make_device(tmp_path, catalog, calendar, "LB")
    fill(a, cases=2)
    fill(b, cases=3)
    a.rate("s1", a.cases()[0]["case_number"], 5)  # 好差评 travel with the events and fold at the centre
    b.rate("s1", b.cases()[0]["case_number"], 1, "办事流程", "材料清单没讲清楚")
    push(a.journal, central.add_device(central_url, "LA", window="一号窗口").url)
    push(b.journal, central.add_device(central_url, "LB", window="二号窗口").url)
    today = dt.date.today()
    path, n = export_ledger(a, "s1", LedgerQuery(today, today, source=central_url), tmp_path / "county.xlsx")
    assert n == 5
    workbook = openpyxl.load_workbook(path)
    rows = list(workbook["台账明细"].iter_rows(values_only=True))[2:]
    assert sorted({r[2] for r in rows}) == ["一号窗口", "二号窗口"]
    assert all(str(r[3]).startswith("张主管") for r in rows)
    assert sorted(r[16] for r in rows if r[16]) == ["非常不满意（差评：办事流程，材料清单没讲清楚）", "非常满意"]
    summary = [[c for c in r if c is not None] for r in workbook["汇总"].iter_rows(values_only=True)]
    assert ["张主管（s1）", 1, 0, 0, 0, 1, 2, 1, 0.5] in summary, summary

    # a program newer than its centre says what to do instead of failing on the centre's missing column
    with psycopg.connect(central_url) as conn:
        conn.execute("UPDATE yibao.alembic_version SET version_num = 'c0002'")
    with pytest.raises(
        SyncError,
        match=f"中心库结构版本为 c0002，本程序需要 {central.CENTRAL_HEAD}：请在中心运行 yibao-desk central init",
    ):
        export_ledger(a, "s1", LedgerQuery(today, today, source=central_url), tmp_path / "again.xlsx")
