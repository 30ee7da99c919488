from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.intake import IntakeService

APPLICANT = {"name": "王小明", "id_number": "430981198002290034", "phone": "13800138000"}


class FixedClock:
    """A clock the test moves by hand (local time in UTC+8, like a counter PC in China)."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += dt.timedelta(**kw)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def service(db_path: Path, catalog: Catalog, calendar: Calendar, clock: FixedClock) -> Iterator[IntakeService]:
    journal = open_journal(db_path)
    svc = IntakeService(journal, catalog, calendar, clock)
    svc.setup_device("W03", "yiyang-kuayu", "跨域通办一号窗口")
    svc.add_staff(None, "sup1", "张主管", "supervisor", "secret-sup")
    svc.add_staff("sup1", "c01", "李收件", "clerk", "secret-c01")
    svc.add_staff("sup1", "p01", "赵打印", "printer", "secret-p01")
    yield svc
    journal.close()
