from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.gui.context import AppContext
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.intake import IntakeService


@pytest.fixture
def ctx(tmp_path: Path, catalog: Catalog, calendar: Calendar, qapp) -> Iterator[AppContext]:  # type: ignore[no-untyped-def]
    from yibao_desk.gui.app import make_app

    make_app([])
    service = IntakeService(open_journal(tmp_path / "journal.sqlite3"), catalog, calendar)
    service.setup_device("W03", "yiyang-kuayu", "跨域通办一号窗口")
    service.add_staff(None, "sup1", "张主管", "supervisor", "secret-sup")
    service.add_staff("sup1", "c01", "李收件", "clerk", "secret-c01")
    context = AppContext(service)
    context.sign_in(service.login("c01", "secret-c01"))
    yield context
    service.journal.close()
