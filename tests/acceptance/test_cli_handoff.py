"""Issue 17 §4 through the CLI: at 益阳跨域 (seed 000 §九) the intake names the 承办部门 (the insured's county centre,
refused when not in the region's list); `handoff --date D -o FILE.pdf` writes the day's 纸质材料移交清单 with a
section per department (the papers that go on, counted; the signature lines), journaled when a staff member prints
it; `handoff confirm` records the department's 接收人 and the case then says where its papers are. The four guides
that name no hand-off refuse it with the reason."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.acceptance.cli import APPLICANT, Cli, complete_input, in_scope_answers

HESHAN = "赫山区医疗保障事务中心"
NANXIAN = "南县医疗保障事务中心"


def _text(path: Path) -> list[str]:
    return ["".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def _set_up(tmp_path: Path, region: str) -> tuple[Cli, str, dict[str, object]]:
    pc = Cli(tmp_path / "pc")
    pc.set_up("W01", region, "一号窗口")
    services = pc.json("services", "--region", region)
    code = str((services if isinstance(services, list) else services["services"])[0]["code"])
    return pc, code, pc.json("materials", "--region", region, "--service", code)


def _intake(pc: Cli, code: str, materials: dict[str, object], **extra: object) -> dict[str, object]:
    data = {**complete_input(materials, in_scope_answers(materials)), "applicant": APPLICANT, **extra}
    return pc.json("intake", "--service", code, "--input", "-", "--staff", "c01",
                   stdin=json.dumps(data, ensure_ascii=False))  # fmt: skip


def test_the_day_handed_to_each_department(tmp_path: Path) -> None:
    pc, _first, _m = _set_up(tmp_path, "yiyang-kuayu")
    code = "432036011W01"  # 城镇职工医疗费用手工报销: its 票据 and 清单 go on to the 承办部门 (seed 000's table)
    materials = pc.json("materials", "--region", "yiyang-kuayu", "--service", code)
    data = {**complete_input(materials, in_scope_answers(materials)), "applicant": APPLICANT, "department": "长沙市"}
    refused = pc.run("intake", "--service", code, "--input", "-", "--staff", "c01",
                     stdin=json.dumps(data, ensure_ascii=False), ok=False)  # fmt: skip
    assert refused.returncode == 2 and "不在本地区的名录中" in refused.stderr
    a = str(_intake(pc, code, materials, department=HESHAN)["case_number"])
    b = str(_intake(pc, code, materials, department=NANXIAN)["case_number"])
    today = dt.date.today().isoformat()
    out = tmp_path / "移交清单.pdf"
    made = pc.json("handoff", "--date", today, "-o", str(out))
    assert made["departments"][HESHAN]["cases"] == 1 and made["departments"][NANXIAN]["cases"] == 1
    pages = _text(out)
    assert len(pages) == 2 and f"承办部门：{HESHAN}" in pages[0] + pages[1]
    assert any(a in p and HESHAN in p for p in pages) and any(b in p and NANXIAN in p for p in pages)
    assert all("移交人（签字）" in p and "接收人（签字）" in p for p in pages)

    one = tmp_path / "赫山.pdf"
    pc.run("handoff", "--date", today, "--dept", HESHAN, "-o", str(one), "--staff", "c01")
    assert "待承办部门签收" in pc.run("case", a, "--staff", "c01").stdout
    assert pc.json("case", b, "--staff", "c01")["papers"] == ""  # 南县's list was not printed by anyone
    confirm = ("handoff", "confirm", "--date", today, "--dept", HESHAN, "--receiver", "刘接收", "--by", "c01",
               "--password-stdin")  # fmt: skip
    confirmed = pc.json(*confirm, stdin="secret-c01\n")
    assert confirmed["cases"] == [a]
    again = pc.run(*confirm, stdin="secret-c01\n", ok=False)
    assert again.returncode == 2 and "已全部签收" in again.stderr
    shown = pc.json("case", a, "--staff", "c01")
    assert shown["papers"].endswith(f"移交{HESHAN}（接收人：刘接收）")
    bad = pc.run("handoff", "--dept", "长沙市", "-o", str(one), ok=False)
    assert bad.returncode == 2 and "不在本地区的名录中" in bad.stderr


@pytest.mark.parametrize("region", ["yuanjiang", "daye", "puyang", "shangluo"])
def test_where_the_guide_names_no_hand_off_it_is_refused(region: str, tmp_path: Path) -> None:
    pc, _code, _materials = _set_up(tmp_path, region)
    r = pc.run("handoff", "-o", str(tmp_path / "x.pdf"), ok=False)
    assert r.returncode == 2 and "未规定纸质材料移交承办部门" in r.stderr
