"""The daily ledger workbook, opened with openpyxl and compared with the journal."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from tests.journal.conftest import APPLICANT, FixedClock
from yibao_desk.domain.checklist import build_checklist
from yibao_desk.journal.intake import IntakeService
from yibao_desk.journal.roles import PermissionDenied
from yibao_desk.ledger.export import export_ledger
from yibao_desk.ledger.rows import COLUMNS, LedgerQuery

DAY = dt.date(2026, 11, 20)
CLAIM = "432036011W01"


@pytest.fixture
def day_of_cases(service: IntakeService, clock: FixedClock) -> Iterator[IntakeService]:
    svc = service.service(CLAIM)
    complete = {
        i.material.id: {"received": True, "original_checked": True, "copies": i.material.copies or 0, "stamped": True}
        for i in build_checklist(svc, {})
        if i.applies
    }
    for _ in range(3):
        service.intake("c01", CLAIM, {"applicant": APPLICANT, "materials": complete})
        clock.advance(minutes=7)
    for _ in range(2):
        service.intake(
            "c01",
            CLAIM,
            {"applicant": {**APPLICANT, "name": "赵六", "id_number": "110101199003074477"}, "materials": {}},
        )
        clock.advance(minutes=7)
    rejected, _ = service.open_case("sup1", "432036005W0Y", APPLICANT)
    service.reject("sup1", rejected, "不属于本窗口收件范围")
    clock.advance(days=1)
    service.intake("c01", CLAIM, {"applicant": APPLICANT, "materials": {}})  # the next day: not in the ledger
    yield service


def open_sheet(path: Path, name: str) -> list[tuple[object, ...]]:
    return list(openpyxl.load_workbook(path)[name].iter_rows(values_only=True))


def test_one_row_per_case_masked(day_of_cases: IntakeService, tmp_path: Path) -> None:
    path, n = export_ledger(day_of_cases, "sup1", LedgerQuery(DAY, DAY), tmp_path / "l.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["台账明细", "汇总", "说明"]
    rows = open_sheet(path, "台账明细")
    assert rows[1] == tuple(COLUMNS)
    data = rows[2:]
    journal_cases = day_of_cases.cases(DAY)
    assert n == len(data) == len(journal_cases) == 6
    assert {r[0] for r in data} == {c["case_number"] for c in journal_cases}
    ids = {r[7] for r in data}
    assert ids == {"430981********0034", "110101********4477"}
    assert all(isinstance(r[1], dt.datetime) for r in data)
    accepted = [r for r in data if r[9] == "受理"]
    assert len(accepted) == 3 and all(isinstance(r[12], dt.datetime) for r in accepted)  # dates typed as dates
    supplement = [r for r in data if r[9] == "补正"]
    assert len(supplement) == 2 and all("医院收费票据" in str(r[10]) for r in supplement)
    assert [r[10] for r in data if r[9] == "不予受理"] == ["不属于本窗口收件范围"]
    ws = wb["台账明细"]
    assert ws.freeze_panes == "B3" and ws.auto_filter.ref.startswith("A2:")
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$2"


def test_summary_counts_equal_the_journal(day_of_cases: IntakeService, tmp_path: Path) -> None:
    path, _ = export_ledger(day_of_cases, "sup1", LedgerQuery(DAY, DAY), tmp_path / "l.xlsx")
    summary = open_sheet(path, "汇总")
    header = summary[1]
    assert header[:4] == ("事项", "受理", "补正", "不予受理")
    by_service = {row[0]: row for row in summary[2:] if row[0] and "（" in str(row[0])}
    claim = next(v for k, v in by_service.items() if CLAIM in k)
    assert claim[1:4] == (3, 2, 0)
    totals = next(r for r in summary if r[0] == "合计")
    assert totals[1:4] == (3, 2, 1) and totals[6] == 6
    rate = next(r for r in summary if r[0] and str(r[0]).startswith("补正率"))
    assert rate[1] == pytest.approx(2 / 6)
    assert openpyxl.load_workbook(path)["汇总"]._charts  # the chart of cases per service


def test_full_id_only_for_a_supervisor_and_journaled(day_of_cases: IntakeService, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        export_ledger(day_of_cases, "c01", LedgerQuery(DAY, DAY, full_id=True), tmp_path / "clerk.xlsx")
    assert not (tmp_path / "clerk.xlsx").exists()
    path, _ = export_ledger(day_of_cases, "sup1", LedgerQuery(DAY, DAY, full_id=True), tmp_path / "full.xlsx")
    assert "430981198002290034" in {r[7] for r in open_sheet(path, "台账明细")[2:]}
    with day_of_cases.journal.read() as s:
        import sqlalchemy as sa

        payloads = [
            json.loads(p) for (p,) in s.execute(sa.text("SELECT payload FROM events WHERE type = 'ledger.exported'"))
        ]
    assert payloads[-1]["full_id"] is True and payloads[-1]["from"] == DAY.isoformat()


def test_empty_day_gives_a_valid_workbook_that_says_so(service: IntakeService, tmp_path: Path) -> None:
    path, n = export_ledger(service, "sup1", LedgerQuery(DAY, DAY), tmp_path / "empty.xlsx")
    assert n == 0
    rows = open_sheet(path, "台账明细")
    assert rows[2][0] == "本期间没有办件。"
    notes = dict((r[0], r[1]) for r in open_sheet(path, "说明")[1:])
    assert notes["办件数"] == "本期间没有办件"


def test_cli_refuses_a_clerks_full_id(
    day_of_cases: IntakeService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from yibao_desk.cli import main

    monkeypatch.setattr(sys, "stdin", io.StringIO("secret-c01\n"))
    out = tmp_path / "x.xlsx"
    code = main(
        [
            "--db",
            str(day_of_cases.journal.path),
            "ledger",
            "--from",
            DAY.isoformat(),
            "--staff",
            "c01",
            "--full-id",
            "--password-stdin",
            "-o",
            str(out),
        ]
    )
    assert code == 2 and not out.exists()
    assert "无权" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("secret-sup\n"))
    code = main(
        [
            "--db",
            str(day_of_cases.journal.path),
            "ledger",
            "--from",
            DAY.isoformat(),
            "--staff",
            "sup1",
            "--full-id",
            "--password-stdin",
            "-o",
            str(out),
            "--json",
        ]
    )
    assert code == 0 and json.loads(capsys.readouterr().out)["rows"] == 6
