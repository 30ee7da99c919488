"""Issue 17 §7 through the CLI: a supervisor enters next year's 放假安排 from a file; a wrong file is refused with
every problem and nothing journaled; a clerk may not; once entered, `due-date`, `check` and intake count it at
once, `holidays list` shows where each year came from, and the journal still verifies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.acceptance.cli import Cli, complete_input, in_scope_answers

SERVICE = "002036001001"  # 沅江 单位参保登记: 5 working days
YEAR_2027 = """# 国务院办公厅关于2027年部分节假日安排的通知（测试数据）
year: 2027
source: 测试数据
holidays:
  - {name: 元旦, from: 2027-01-01, to: 2027-01-03}
  - {name: 春节, from: 2027-02-05, to: 2027-02-13}
makeup_workdays: [2027-02-14]
"""


@pytest.fixture
def pc(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path / "pc")
    cli.set_up("W01", "yuanjiang", "一号窗口")
    return cli


def _due(pc: Cli, start: str) -> str:
    due = pc.json("due-date", "--from", start, "--working-days", "1")
    return str(due["due_date"])


def test_a_supervisor_enters_2027_and_every_due_date_counts_it(pc: Cli, tmp_path: Path) -> None:
    assert _due(pc, "2026-12-31") == "2027-01-01"  # no data yet: Monday–Friday, with a warning
    file = tmp_path / "2027.yaml"
    file.write_text(YEAR_2027, encoding="utf-8")
    r = pc.run("holidays", "add-year", "--file", str(file), "--staff", "c01", ok=False)
    assert r.returncode == 2 and "无权录入节假日安排" in r.stderr

    added = pc.json("holidays", "add-year", "--file", str(file), "--staff", "sup1")
    assert added["year"] == 2027 and added["entered_here"] and added["makeup_workdays"] == ["2027-02-14"]
    assert _due(pc, "2026-12-31") == "2027-01-04"  # 元旦 counted, no warning
    assert _due(pc, "2027-02-04") == "2027-02-14"  # the make-up Sunday is a working day

    materials = pc.json("materials", "--region", "yuanjiang", "--service", SERVICE)
    data = json.dumps(complete_input(materials, in_scope_answers(materials)), ensure_ascii=False)
    check = pc.json("check", "--region", "yuanjiang", "--service", SERVICE, "--input", "-", "--accepted-on",
                    "2026-12-28", stdin=data)  # fmt: skip
    assert check["due_date"] == "2027-01-05"  # 29, 30, 31 Dec, 4, 5 Jan
    case = pc.json("intake", "--service", SERVICE, "--input", "-", "--staff", "c01", "--accepted-on", "2026-12-28",
                   stdin=data)  # fmt: skip
    assert case["verdict"] == "accept" and case["due_date"] == "2027-01-05" and not case["warnings"]

    years = {y["year"]: y for y in pc.json("holidays", "list")}
    assert years[2027]["entered_here"] and not years[2026]["entered_here"]
    assert "2027年（本窗口录入）：元旦 2027-01-01至2027-01-03" in pc.run("holidays", "list").stdout
    assert pc.run("journal", "verify").returncode == 0


def test_a_wrong_file_is_refused_with_every_problem_and_nothing_journaled(pc: Cli, tmp_path: Path) -> None:
    file = tmp_path / "2027.yaml"
    file.write_text(YEAR_2027.replace("to: 2027-02-13", "to: 2027-03-13").replace("[2027-02-14]", "[2027-02-15]"),
                    encoding="utf-8")  # fmt: skip
    r = pc.run("holidays", "add-year", "--file", str(file), "--staff", "sup1", ok=False)
    assert r.returncode == 2 and "超过 15 天" in r.stderr and "是星期一，本来就上班" in r.stderr
    for broken, said in (("year: [", "格式错误"), ("year: 2027\n", "至少一项")):
        file.write_text(broken, encoding="utf-8")
        r = pc.run("holidays", "add-year", "--file", str(file), "--staff", "sup1", ok=False)
        assert r.returncode == 2 and said in r.stderr, r.stderr
    r = pc.run("holidays", "add-year", "--file", str(tmp_path / "none.yaml"), "--staff", "sup1", ok=False)
    assert r.returncode == 2 and "无法读取" in r.stderr
    assert 2027 not in {y["year"] for y in pc.json("holidays", "list")}
    assert _due(pc, "2026-12-31") == "2027-01-01"
