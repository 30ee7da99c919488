from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.conftest import central_url  # noqa: F401  (PostgreSQL for the GUI sync test)
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


@pytest.fixture(autouse=True)
def _message_box_guard(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """A message box would block an offscreen test forever: record it instead. A test that expects one takes the
    `message_boxes` fixture and checks it; a message no test expected fails the test (a clerk would see it)."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def record(*args: object, **_kw: object) -> QMessageBox.StandardButton:
        shown.append(str(args[2]) if len(args) > 2 else "")
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    yield shown
    if "message_boxes" not in request.fixturenames:
        assert shown == [], f"unexpected message box: {shown}"


@pytest.fixture
def message_boxes(_message_box_guard: list[str]) -> list[str]:
    return _message_box_guard
