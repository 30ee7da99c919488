"""What the printed documents say, read back from the PDFs `intake --print` writes (the CLI as a subprocess)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from tests.acceptance.cli import Cli, complete_input, in_scope_answers
from tests.printing.pdfcheck import text, ticked


def _case(pc: Cli, region: str, code: str, out: Path, drop: str | None = None, **answers: str) -> dict[str, Any]:
    materials = pc.json("materials", "--region", region, "--service", code)
    data = complete_input(materials, {**in_scope_answers(materials), **answers})
    if drop:
        data["materials"][drop] = {"received": False}
    return pc.json(  # type: ignore[no-any-return]
        "intake", "--service", code, "--input", "-", "--staff", "c01", "--print", str(out),
        stdin=json.dumps(data, ensure_ascii=False),
    )  # fmt: skip


def _pdf(result: dict[str, Any], document: str) -> str:
    (path,) = [p for p in result["documents"] if p.endswith(f"-{document}.pdf")]
    return text(Path(path).read_bytes())


@pytest.fixture(scope="module")
def yuanjiang(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    pc = Cli(tmp_path_factory.mktemp("yj") / "pc")
    pc.set_up("W01", "yuanjiang", "医保服务专区一号窗口")
    return pc


def test_the_remote_care_table_is_filled_with_what_the_program_knows(yuanjiang: Cli, tmp_path: Path) -> None:
    r = _case(yuanjiang, "yuanjiang", "002036004001", tmp_path)
    t = _pdf(r, "remote-care")
    today = dt.date.today()
    for value in ("沅江市医疗保障事务中心", "0737-2817102", "李收件", f"{today.year}年{today.month}月{today.day}日"):
        assert value in t, value
    assert f"办件编号：{r['case_number']}" in t


def test_the_receipt_prints_a_dash_where_no_copy_is_asked_for(yuanjiang: Cli, tmp_path: Path) -> None:
    t = _pdf(_case(yuanjiang, "yuanjiang", "002036004001", tmp_path), "receipt")
    assert "复印件（份）" in t
    # 医保电子凭证或有效身份证件或社保卡: no copy asked → —, never 0
    assert "医保电子凭证或有效身份证件或社保卡—" in t or "医保电子凭证或有效身份证件或社保卡已验—" in t
    assert "0" not in t.split("已收材料")[1].split("承诺")[0].replace("0737", "")


def test_sms_is_promised_only_where_the_guide_promises_it(yuanjiang: Cli, tmp_path: Path) -> None:
    assert "短信" not in _pdf(_case(yuanjiang, "yuanjiang", "002036004001", tmp_path), "receipt")
    yy = Cli(tmp_path / "yy")
    yy.set_up("W02", "yiyang-kuayu", "跨域通办一号窗口")
    receipt = _pdf(_case(yy, "yiyang-kuayu", "432036005W0Y", tmp_path / "out"), "receipt")
    assert "以短信方式通知" in receipt
    # seed 000: what happens to the paper of each material
    assert "纸质材料" in receipt and "无需纸质档" in receipt


def test_shangluo_prints_its_county_numbers_as_supervision_lines(tmp_path: Path) -> None:
    sl = Cli(tmp_path / "sl")
    sl.set_up("W03", "shangluo", "政务服务中心医保窗口")
    t = _pdf(_case(sl, "shangluo", "SL-L01", tmp_path / "out"), "receipt")
    assert "监督电话" in t and "商州区0914-2323781" in t
    assert "咨询电话：商州区" not in t


def test_notices_the_supplement_deadline_as_the_offices_rule_and_the_agencys_phone(
    yuanjiang: Cli, tmp_path: Path
) -> None:
    r = _case(yuanjiang, "yuanjiang", "002036004001", tmp_path / "s", drop="insurance-credential")
    assert r["verdict"] == "supplement"
    assert "按本窗口规定，请于" in _pdf(r, "supplement-notice")
    r = _case(yuanjiang, "yuanjiang", "002036002003", tmp_path / "r", insurance_stopped="否")
    notice = _pdf(r, "rejection-notice")
    assert "0737-2817103" in notice and "见窗口公示" not in notice.split("咨询电话")[1][:10]


def test_a_table_the_region_does_not_use_is_refused(tmp_path: Path) -> None:
    pc = Cli(tmp_path / "pc")
    r = pc.run("print", "unit-enroll", "--region", "yiyang-kuayu", "--blank", "-o", str(tmp_path / "x.pdf"), ok=False)
    assert r.returncode == 2 and "没有使用表格 unit-enroll" in r.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_an_intake_that_cannot_work_writes_nothing(yuanjiang: Cli, tmp_path: Path) -> None:
    before = len(yuanjiang.json("cases"))
    data = json.dumps({"applicant": {"name": "王五", "id_number": "430981198002290034"}, "materials": {}})
    r = yuanjiang.run(
        "intake", "--service", "002036004001", "--input", "-", "--staff", "c01", "--region", "daye", stdin=data,
        ok=False,
    )  # fmt: skip
    assert r.returncode == 2 and "未记录任何办件" in r.stderr
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    r = yuanjiang.run(
        "intake", "--service", "002036004001", "--input", "-", "--staff", "c01", "--print", str(blocked / "out"),
        stdin=data, ok=False,
    )  # fmt: skip
    assert r.returncode == 2 and "未记录任何办件" in r.stderr
    assert len(yuanjiang.json("cases")) == before


def test_regions_lists_each_regions_phone_book() -> None:
    pc = Cli(Path("/nonexistent-home-not-needed"))
    rows = {r["id"]: r for r in pc.json("regions")}
    yiyang = rows["yiyang-kuayu"]["phone_book"]
    assert len([p for p in yiyang if p["kind"] == "consultation"]) >= 9, "益阳跨域's county consultation numbers"
    assert {p["kind"] for p in rows["shangluo"]["phone_book"]} == {"supervision"}


@pytest.mark.parametrize(("answer", "ticked_label"), [("是", "关键信息"), ("否", "非关键信息")])
def test_the_change_table_ticks_the_kind_of_change_the_clerk_answered(
    yuanjiang: Cli, tmp_path: Path, answer: str, ticked_label: str
) -> None:
    """□关键信息 / □非关键信息 above 沅江's 职工参保信息变更登记表: ticked from the scenario answer at the counter."""
    r = _case(yuanjiang, "yuanjiang", "002036001005", tmp_path, key_info_change=answer)
    (path,) = [p for p in r["documents"] if p.endswith("-employee-change.pdf")]
    pdf = Path(path).read_bytes()
    other = ({"关键信息", "非关键信息"} - {ticked_label}).pop()
    assert ticked(pdf, ticked_label) and not ticked(pdf, other)


def test_the_enroll_table_ticks_a_flexible_worker(yuanjiang: Cli, tmp_path: Path) -> None:
    """□灵活就业人员 above 沅江's 职工基本医疗保险参保登记表: ticked when the clerk answers 灵活就业人员, not
    otherwise."""
    for answer, expected in (("灵活就业人员", True), ("在职职工", False)):
        r = _case(yuanjiang, "yuanjiang", "002036001002", tmp_path / answer, applicant_type=answer)
        (path,) = [p for p in r["documents"] if p.endswith("-employee-enroll.pdf")]
        assert ticked(Path(path).read_bytes(), "灵活就业人员") is expected, answer
