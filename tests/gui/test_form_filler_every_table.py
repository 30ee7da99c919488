"""The form filler (F6) carries every official table (issue 15 §4): for each table variant of tests/printing/tables/,
the dialog built from its template shows the filled record in its editors, and what the clerk would print from it
— the record read back from the editors — passes the table's checks and prints every value."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.printing.conftest import sample
from tests.printing.pdfcheck import text
from tests.printing.test_tables import _tables, _written, table
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.gui.context import AppContext
from yibao_desk.gui.form_filler import FormFillerDialog
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.intake import IntakeService
from yibao_desk.printing.official import render_official
from yibao_desk.printing.records import check_record
from yibao_desk.printing.templates import load_template


@pytest.fixture(scope="module")
def contexts(tmp_path_factory: pytest.TempPathFactory, catalog: Catalog, calendar: Calendar) -> dict[str, AppContext]:
    out = {}
    for region in sorted({table(p)["region"] for p in _tables()}):
        svc = IntakeService(open_journal(tmp_path_factory.mktemp(region) / "j.sqlite3"), catalog, calendar)
        svc.setup_device("F01", region, "一号窗口")
        svc.add_staff(None, "c01", "李收件", "supervisor", "secret-c01")
        ctx = AppContext(svc)
        ctx.sign_in(svc.login("c01", "secret-c01"))
        out[region] = ctx
    return out


@pytest.mark.parametrize("path", _tables(), ids=lambda p: p.stem)
def test_the_filler_carries_the_whole_table(
    path: Path, contexts: dict[str, AppContext], qtbot: QtBot, catalog: Catalog
) -> None:
    t = table(path)
    record = sample(t["sample"])
    dialog = FormFillerDialog(contexts[t["region"]], t["form"], t["region"], record, None)
    qtbot.addWidget(dialog)
    template = load_template(t["form"], t["region"])
    assert set(dialog.editors) == {f.name for f in template.fields}
    back = dialog.record()
    check_record(template, back)  # what the clerk prints from the dialog is a valid record of the table
    printed = text(render_official(catalog, t["region"], t["form"], back).pdf)
    assert [v for v in _written(path) if v.replace(" ", "") not in printed] == []
    dialog.close()
