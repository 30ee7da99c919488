"""Power cuts and full disks: what was committed survives, nothing half-written remains."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.journal.conftest import APPLICANT
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal.db import JournalError, open_journal
from yibao_desk.journal.intake import IntakeService
from yibao_desk.journal.verify import verify

CHILD = Path(__file__).with_name("kill_child.py")
ROUNDS = 30


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_nothing_committed(service: IntakeService) -> None:
    path = service.journal.path
    service.journal.close()
    rng = random.Random(20261125)
    reported: list[str] = []
    for _ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, str(CHILD), str(path)], stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[2]
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.4))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        reported += [line for line in out.split() if line.startswith("YYK-")]
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        journal = open_journal(path)
        report = verify(journal)
        assert report.ok, report.problems
        with journal.read() as s:
            present = {r[0] for r in s.execute(__import__("sqlalchemy").text("SELECT case_number FROM cases"))}
        missing = set(reported) - present
        assert not missing, f"reported but lost: {sorted(missing)}"
        journal.close()
    assert len(reported) > ROUNDS, "the child must have recorded cases between kills"


def _mount_tmpfs(folder: Path) -> bool:
    if os.geteuid() != 0:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(folder)], capture_output=True)
    return r.returncode == 0


def test_full_disk_fails_clearly_and_leaves_no_half_event(tmp_path: Path, catalog: Catalog, calendar: Calendar) -> None:
    folder = tmp_path / "small"
    mounted = _mount_tmpfs(folder)
    try:
        folder.mkdir(exist_ok=True)
        journal = open_journal(folder / "journal.sqlite3")
        if not mounted:
            # No tmpfs without root: SQLite's page limit produces the same SQLITE_FULL error a full disk does.
            from sqlalchemy import event

            event.listen(journal.engine, "connect", lambda c, _r: c.execute("PRAGMA max_page_count=60"))
            journal.engine.dispose()
        svc = IntakeService(journal, catalog, calendar)
        svc.setup_device("W03", "yiyang-kuayu", "一号窗口")
        svc.add_staff(None, "c01", "甲", "supervisor", "secret-c01")
        big = {**APPLICANT, "address": "湖南省益阳市" * 30}  # near the 200-character limit
        error = None
        recorded = 0
        for _ in range(2000):
            try:
                svc.open_case("c01", "432036011W01", big)
                recorded += 1
            except JournalError as e:
                error = e
                break
        assert error is not None and "磁盘已满" in str(error)
        assert recorded > 0
        report = verify(journal)
        assert report.ok, report.problems
        assert len(svc.cases()) == recorded  # the failed case left nothing behind
        journal.close()
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)
