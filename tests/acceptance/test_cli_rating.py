"""Issue 17 §6 through the CLI: `rate` records the applicant's 好差评 of a case — once after the verdict, once
after the hand-over; a 差评 without the aspect and reason is refused before a password is asked, and so is a level
outside 1..5; a region whose guide does not ask for ratings does not take one; the ledger shows each case's rating
and the rates per service and per clerk."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.acceptance.cli import APPLICANT, Cli, complete_input, in_scope_answers

SERVICE = "002036001001"  # 沅江 单位参保登记


def _intake(pc: Cli, region: str, service: str, staff: str = "c01") -> str:
    materials = pc.json("materials", "--region", region, "--service", service)
    data = {**complete_input(materials, in_scope_answers(materials)), "applicant": APPLICANT}
    case = pc.json("intake", "--service", service, "--input", "-", "--staff", staff,
                   stdin=json.dumps(data, ensure_ascii=False))  # fmt: skip
    assert case["verdict"] == "accept"
    return str(case["case_number"])


def _rating_events(pc: Cli, number: str) -> list[dict[str, Any]]:
    shown = pc.json("case", number, "--staff", "sup1")
    return [json.loads(e["payload"]) for e in shown["events"] if e["type"] == "case.rated"]


@pytest.fixture
def pc(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path / "pc")
    cli.set_up("W01", "yuanjiang", "一号窗口")
    return cli


def test_a_rating_is_recorded_once_per_verdict_and_shows_in_the_ledger(pc: Cli, tmp_path: Path) -> None:
    good, bad = _intake(pc, "yuanjiang", SERVICE), _intake(pc, "yuanjiang", SERVICE, staff="sup1")
    rated = pc.json("rate", good, "--level", "5", "--staff", "c01")
    assert rated["text"] == "非常满意" and rated["moment"] == "verdict" and rated["case_number"] == good
    again = pc.run("rate", good, "--level", "4", "--staff", "c01", ok=False)
    assert again.returncode == 2 and "已对本办件的受理环节作出评价" in again.stderr
    assert [e["level"] for e in _rating_events(pc, good)] == [5]

    # a 差评 names the aspect and the reason; without them nothing is asked or journaled
    for args, said in (
        (["--level", "2"], "差评请选择所涉方面"),
        (["--level", "1", "--aspect", "办事流程"], "差评请填写申请人不满意的理由"),
        (["--level", "7"], "评价等级：应为 5（非常满意）"),
        (["--level", "4", "--reason", "很好"], "不是差评"),
    ):
        r = pc.run("rate", bad, *args, "--staff", "sup1", ok=False)
        assert r.returncode == 2 and said in r.stderr, r.stderr
    assert _rating_events(pc, bad) == []
    pc.run("rate", bad, "--level", "1", "--aspect", "办事流程", "--reason", "排队太久", "--staff", "sup1")
    detail = pc.run("case", bad, "--staff", "sup1").stdout
    assert "服务评价" in detail and "非常不满意" in detail and "差评（办事流程）：排队太久" in detail
    assert pc.run("journal", "verify").returncode == 0

    out = tmp_path / "ledger.xlsx"
    pc.run("ledger", "--from", dt.date.today().isoformat(), "-o", str(out))
    wb = openpyxl.load_workbook(out)
    detail_rows = list(wb["台账明细"].iter_rows(values_only=True))
    head = detail_rows[1]
    by_case = {r[0]: dict(zip(head, r, strict=True)) for r in detail_rows[2:]}
    assert by_case[good]["服务评价"] == "非常满意"
    assert by_case[bad]["服务评价"] == "非常不满意（差评：办事流程，排队太久）"
    summary = [[c for c in r if c is not None] for r in wb["汇总"].iter_rows(values_only=True)]
    flat = [" ".join(map(str, r)) for r in summary]
    assert any(line.startswith("好差评（按事项；本期间收件的办件所得评价）") for line in flat), flat
    service_line = next(r for r in summary if r and str(r[0]).startswith("单位参保登记") and len(r) > 8)
    assert service_line[1:8] == [1, 0, 0, 0, 1, 2, 1], service_line  # 非常满意…非常不满意, 评价数, 差评数
    clerk_lines = {str(r[0]): r for r in summary if r and "（c01）" in str(r[0]) and len(r) > 8}
    assert any(r[1] == 1 and r[6] == 1 and r[7] == 0 for r in clerk_lines.values()), clerk_lines


def test_a_region_whose_guide_asks_no_rating_takes_none(tmp_path: Path) -> None:
    pc = Cli(tmp_path / "daye")
    pc.set_up("W01", "daye", "一号窗口")
    service = pc.json("services", "--region", "daye")[0]["code"]
    number = _intake(pc, "daye", service)
    r = pc.run("rate", number, "--level", "5", "--staff", "c01", ok=False)
    assert r.returncode == 2 and "未要求“好差评”" in r.stderr
    assert _rating_events(pc, number) == []


def test_a_printer_may_record_a_rating_but_an_unknown_case_is_refused(pc: Cli) -> None:
    r = pc.run("rate", "YJ-W01-20260101-9999", "--level", "5", "--staff", "c01", ok=False)
    assert r.returncode == 2 and "没有编号为" in r.stderr
