"""What the table-driven test_tables.py does not check, for the tables that had a test file each (issue 15):
account-withdraw, employee-enroll, insurance-cert, remote-care, resident-enroll, unit-enroll, as seed 001 (沅江市)
and seed 004 (商洛市) lay them out. Labels and titles are read from tests/printing/tables/<name>.yaml (one copy).

Seed lines: account-withdraw 001 1555-1614 / 004 表 7 362-383; employee-enroll 001 227-357 / 004 表 2 179-208;
insurance-cert 001 1671-1719 / 004 表 8 418-445; remote-care 001 2082-2140 / 004 表 12 643-662;
resident-enroll 001 404-449 / 004 表 3 280-290; unit-enroll 001 64-160 / 004 表 1 69-90."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.printing.conftest import sample
from tests.printing.pdfcheck import drawn, squash, text
from yibao_desk.domain.catalog import Catalog, default_catalog
from yibao_desk.domain.paths import project_root
from yibao_desk.printing.numerals import yuan_capital
from yibao_desk.printing.official import form_title, render_official
from yibao_desk.printing.records import RecordError, check_record
from yibao_desk.printing.templates import load_template, template_path

TABLES = Path(__file__).with_name("tables")
FORMS = ["account-withdraw", "employee-enroll", "insurance-cert", "remote-care", "resident-enroll", "unit-enroll"]
REGIONS = ["yuanjiang", "shangluo"]
VARIANTS = [(form, region) for form in FORMS for region in REGIONS]
# Titles of regions that print 沅江's table under their own title (no table file of their own).
OTHER_TITLES = {
    ("employee-enroll", "daye"): "大冶市参保单位增加减少登记表",
    ("employee-enroll", "puyang"): "职工基本医疗保险参保登记表",
    ("resident-enroll", "daye"): "城乡居民基本医疗保险参保登记表",
    ("resident-enroll", "puyang"): "城乡居民基本医疗保险参保登记表",
}
# What the program prints beyond its seed: 商洛 表 3 only suggests its boxes "等", the template adds □其他
# (docs/seed-notes/notes-templates-1.md, "deviation: 其他 is not in the seed"), which 沅江's table also has.
ADDED = {"resident-enroll@shangluo": ["其他"]}


def stem(form: str, region: str) -> str:
    return form if region == "yuanjiang" else f"{form}@{region}"


@cache
def table(form: str, region: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((TABLES / f"{stem(form, region)}.yaml").read_text(encoding="utf-8"))
    return data


@cache
def render(form: str, region: str, mode: str = "normal") -> str:
    """The page's text, through the program's own path (as test_tables.py renders it)."""
    record = {} if mode == "blank" else sample(table(form, region)["sample"])
    return text(render_official(default_catalog(), region, form, record, mode=mode).pdf)  # type: ignore[arg-type]


def wording(s: str) -> str:
    """Text as a table prints it; a □ is a drawn box, not wording."""
    return squash(s).replace("□", "")


# --- every table ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("form", "region"), VARIANTS, ids=lambda v: v)
def test_title_per_region_and_a_file_per_variant(catalog: Catalog, form: str, region: str) -> None:
    """The title each region prints (the table file's `title`, from its seed: 001 沅江 / 004 商洛), via form_title;
    seed 004's (商洛) table is a template file of its own (form@shangluo.yaml), seed 001's (沅江) the plain one."""
    assert form_title(catalog, region, form, load_template(form, region)) == table(form, region)["title"]
    assert template_path(form, region).name == f"{stem(form, region)}.yaml"  # type: ignore[union-attr]


@pytest.mark.parametrize(("form", "region"), list(OTHER_TITLES))
def test_titles_of_regions_printing_yuanjiangs_table(catalog: Catalog, form: str, region: str) -> None:
    """大冶 and 濮阳 print seed 001's (沅江) table under their own title."""
    assert form_title(catalog, region, form, load_template(form, region)) == OTHER_TITLES[form, region]
    assert template_path(form, region) == template_path(form, "yuanjiang")


def test_puyang_prints_yuanjiangs_certificate() -> None:
    """濮阳 has no 参保凭证 of its own: it prints seed 001's (沅江) insurance-cert.yaml."""
    assert template_path("insurance-cert", "puyang").name == "insurance-cert.yaml"  # type: ignore[union-attr]


@pytest.mark.parametrize(("form", "region"), VARIANTS, ids=lambda v: v)
def test_wording_of_the_other_region_is_absent(form: str, region: str) -> None:
    """Labels of one seed's table (001 沅江 / 004 商洛) that the other seed's table does not have are not printed
    on this one's page, blank or filled: e.g. 由指定的, 人员身份, 档案记载, 请妥善保存/保管, 异地转诊（急诊）人员,
    中小学及幼儿园儿童, 特困供养人员, 单位编码, 上级主管部门, 隶属关系, 职工基本医疗（生育）保险, 单位（单位公章）."""
    other = next(r for r in REGIONS if r != region)
    own = table(form, region)
    own_wording = "".join(wording(s) for s in [own["title"], *own["labels"], *ADDED.get(stem(form, region), [])])
    foreign = [label for label in table(form, other)["labels"] if wording(label) not in own_wording]
    for mode in ("normal", "blank"):
        content = render(form, region, mode)
        assert [label for label in foreign if wording(label) in content] == [], mode


# --- account-withdraw -------------------------------------------------------------------------------------------


def test_account_withdraw_names_the_representative_inside_the_declaration() -> None:
    """The heirs' declaration with the representative's name written into the sentence: seed 001 (沅江) reads
    经协商，由指定的…代表, seed 004 (商洛, 表 7) 经协商，由…代表."""
    heir = sample("account-withdraw")["heir_name"]
    assert f"由指定的{heir}代表" in render("account-withdraw", "yuanjiang")
    assert f"由{heir}代表" in render("account-withdraw", "shangluo")


@pytest.mark.parametrize("region", REGIONS)
def test_account_withdraw_bad_data_names_every_field(region: str) -> None:
    """Seed 001 (沅江) / seed 004 (商洛, 表 7): every bad or missing field is named."""
    t = load_template("account-withdraw", region)
    with pytest.raises(RecordError) as e:
        check_record(
            t,
            {
                "withdraw_reason": "退休",
                "heir_id_number": "430981198002290035",
                "heir_phone": "123",
                "agent_id_number": "12345",
                "agent_phone": "0737",
            },
        )
    fields = {name for name, _ in e.value.problems}
    assert fields >= {
        "withdraw_reason",
        "heir_id_number",
        "heir_phone",
        "agent_id_number",
        "agent_phone",
        "insured_name",
        "insured_id_number",
    }


# --- employee-enroll --------------------------------------------------------------------------------------------


def row_values(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, printed text) of every text value of the list rows (test_tables.py checks the record's own)."""
    out: list[tuple[str, str]] = []
    for i, row in enumerate(record.get("people", [])):
        out += [(f"people[{i + 1}].{k}", v) for k, v in row.items() if isinstance(v, str) and v]
    return out


@pytest.mark.parametrize("region", REGIONS)
def test_employee_enroll_rows_are_numbered(region: str) -> None:
    """Seed 001 (沅江) numbers 8 rows, seed 004 (商洛, 表 2) 7."""
    content = render("employee-enroll", region, "blank")
    rows = {"yuanjiang": 8, "shangluo": 7}[region]
    assert "".join(str(n) for n in range(1, rows + 1)) in content
    assert "".join(str(n) for n in range(1, rows + 2)) not in content


@pytest.mark.parametrize("mode", ["normal", "overlay"])
@pytest.mark.parametrize("region", REGIONS)
def test_employee_enroll_every_row_value_lands(region: str, mode: str) -> None:
    """Each person's values in their row, seed 001 (沅江) / seed 004 (商洛, 表 2); 商洛's change columns take a tick
    (a person ticks the empty sub-column), not the word 是."""
    record = sample(table("employee-enroll", region)["sample"])
    content = render("employee-enroll", region, mode)
    assert [key for key, value in row_values(record) if squash(value) not in content] == []
    if region == "shangluo":  # 增加 for 张三, 在职转退休 for 王芳
        pdf = render_official(default_catalog(), region, "employee-enroll", record, mode=mode).pdf  # type: ignore[arg-type]
        full = render_official(default_catalog(), region, "employee-enroll", record).pdf
        expected = [(i, k) for i, row in enumerate(record["people"]) for k, v in row.items() if v is True]
        assert len(expected) >= 2 and "是" not in content
        _strings, ticks = drawn(pdf)
        ticks = [t for t in ticks if t[1] < 450]  # the table's rows, not the header's box
        assert len(ticks) == len(expected)
        labels = {d.text: d.x + d.size for d in drawn(full)[0] if d.text in ("增加", "中断", "终止", "恢复")}
        zhang = max(ticks, key=lambda t: t[1])  # the first row is the highest
        assert abs(zhang[0] - labels["增加"]) < abs(zhang[0] - labels["中断"])


def test_employee_enroll_bad_data_names_every_field() -> None:
    """Seed 001 (沅江): every bad or missing field, list rows by number; no more rows than the table has."""
    t = load_template("employee-enroll")
    with pytest.raises(RecordError) as e:
        check_record(t, {})
    assert {name for name, _ in e.value.problems} == {"people"}
    with pytest.raises(RecordError) as e:
        check_record(
            t,
            {
                "filler_phone": "123",
                "people": [
                    {"name": "张三", "id_number": "430981198002290035", "change_type": "新增", "mobile": "1380013800"},
                    {"id_number": "110101199003074477", "status": "职员", "wage": "四千"},
                ],
            },
        )
    fields = {name for name, _ in e.value.problems}
    assert fields >= {
        "filler_phone",
        "people[1].id_number",
        "people[1].change_type",
        "people[1].mobile",
        "people[2].name",
        "people[2].status",
        "people[2].wage",
    }
    with pytest.raises(RecordError) as e:
        check_record(t, {"people": [{"name": "张三", "id_number": "430981198002290034"}] * 9})
    assert "people" in {name for name, _ in e.value.problems}


def test_employee_enroll_shangluo_bad_data() -> None:
    """Seed 004 (商洛, 表 2): 7 rows only, and a change column takes a tick, not text."""
    t = load_template("employee-enroll", "shangluo")
    with pytest.raises(RecordError) as e:
        check_record(t, {"people": [{"name": "张三", "id_number": "430981198002290034", "change_increase": "是"}] * 8})
    fields = {name for name, _ in e.value.problems}
    assert fields >= {"people", "people[1].change_increase"}


# --- insurance-cert ---------------------------------------------------------------------------------------------

# The time and the balance as the paper reads them: 起/止 year and month, months paid, money in capitals and figures.
ON_PAPER = {
    "yuanjiang": ["起：2005年7月", "止：2026年2月", "248月", "叁仟肆佰伍拾陆元柒角捌分", "3456.78"],
    "shangluo": ["起：2012年1月", "止：2025年12月", "156月", "壹佰贰拾叁元肆角伍分", "123.45"],
}


@pytest.mark.parametrize("region", REGIONS)
def test_insurance_cert_time_and_balance_read_as_on_paper(region: str) -> None:
    """Seed 001 (沅江, lines 1671-1719) / seed 004 (商洛, 表 8, lines 418-445): 参保时间 as 起：Y年M月 / 止：Y年M月,
    months paid, the balance in capitals (大写) and in figures (小写) — in the filled page and in the overlay."""
    content = render("insurance-cert", region)
    assert [s for s in ON_PAPER[region] if s not in content] == []
    balance = sample(table("insurance-cert", region)["sample"])["account_balance"]
    for mode in ("normal", "overlay"):
        content = render("insurance-cert", region, mode)
        assert yuan_capital(balance) in content and f"{Decimal(balance):.2f}" in content, mode


@pytest.mark.parametrize("region", REGIONS)
def test_insurance_cert_blank_leaves_time_and_balance_for_the_hand(region: str) -> None:
    """Seed 001 (沅江) / seed 004 (商洛, 表 8): the blank prints 起：　年　月 / 止：　年　月 for the hand, no money."""
    content = render("insurance-cert", region, "blank")
    assert "起：年月" in content and "止：年月" in content
    assert "元" not in content


@pytest.mark.parametrize("region", REGIONS)
def test_insurance_cert_certificate_number_in_the_profile_format(region: str) -> None:
    """凭证号 of seed 001 (沅江) / seed 004 (商洛, 表 8) in the region profile's certificate_number_format."""
    profile = yaml.safe_load((project_root() / "resources" / "regions" / region / "profile.yaml").read_text("utf-8"))
    number = profile["certificate_number_format"].format(year=2026, serial=1)
    assert sample(table("insurance-cert", region)["sample"])["certificate_number"] == number
    assert squash(f"凭证号：{number}") in render("insurance-cert", region)


@pytest.mark.parametrize("region", REGIONS)
def test_insurance_cert_bad_data_names_every_field(region: str) -> None:
    """Seed 001 (沅江) / seed 004 (商洛, 表 8): every bad or missing field is named."""
    t = load_template("insurance-cert", region)
    with pytest.raises(RecordError) as e:
        check_record(
            t,
            {
                "id_number": "430981198002290035",
                "issue_date": "2026/03/05",
                "account_balance": "十二元",
                "agency_phone": "123",
                "remark": "x",
            },
        )
    fields = {name for name, _ in e.value.problems}
    assert fields >= {
        "id_number",
        "issue_date",
        "account_balance",
        "agency_phone",
        "remark",
        "name",
        "certificate_number",
    }


# --- remote-care ------------------------------------------------------------------------------------------------


def test_remote_care_same_field_names_across_variants() -> None:
    """The program pre-fills by field name: seed 004's (商洛, 表 12) table keeps seed 001's (沅江) names for the
    same cells."""
    shangluo = load_template("remote-care", "shangluo")
    yuanjiang = load_template("remote-care", "yuanjiang")
    assert [f.name for f in shangluo.fields] == [f.name for f in yuanjiang.fields]
    assert shangluo.field("dest_city").label == "县(区)"
    assert "异地转诊人员" in shangluo.field("person_category").options


@pytest.mark.parametrize(("region", "category"), [("yuanjiang", "异地就医"), ("shangluo", "异地转诊（急诊）人员")])
def test_remote_care_bad_data_names_every_field(region: str, category: str) -> None:
    """Seed 001 (沅江) / seed 004 (商洛, 表 12): every bad or missing field is named; 商洛's 人员类别 has no
    异地转诊（急诊）人员."""
    t = load_template("remote-care", region)
    id_number = {"yuanjiang": "430981198002290035", "shangluo": "110101199003074478"}[region]
    with pytest.raises(RecordError) as e:
        check_record(
            t,
            {
                "person_category": category,
                "gender": "M",
                "id_number": id_number,
                "phone1": "123",
                "fill_date": "2024-13-01",
            },
        )
    fields = {name for name, _ in e.value.problems}
    assert fields >= {"person_category", "gender", "id_number", "phone1", "fill_date", "name", "registration_type"}


# --- resident-enroll --------------------------------------------------------------------------------------------

# Values written between the printed words of their cell: 出生日期 年 月; 户籍所在地 省 市 区市(市) (商洛: 区县(市))
# 街道(乡镇).
BETWEEN_WORDS = {
    "yuanjiang": ["1980年02月", "湖南省益阳市沅江区市(市)琼湖街道(乡镇)"],
    "shangluo": ["陕西省", "商州区县(市)", "城关街道(乡镇)"],
}


@pytest.mark.parametrize("region", REGIONS)
def test_resident_enroll_values_between_the_printed_words(region: str) -> None:
    """Seed 001 (沅江, lines 404-449) / seed 004 (商洛, 表 3, lines 280-290): values inside their cell's words."""
    content = render("resident-enroll", region)
    assert [s for s in BETWEEN_WORDS[region] if s not in content] == []


def test_resident_enroll_bad_data_names_every_field() -> None:
    """Seed 001 (沅江): every bad or missing field is named; a bad 身份证件号码 alone is the only problem."""
    t = load_template("resident-enroll")
    with pytest.raises(RecordError) as e:
        check_record(
            t, {"sex": "男性", "phone": "123", "applicant_identity": "学生", "subsidy_types": ["低保", "五保"]}
        )
    fields = {name for name, _ in e.value.problems}
    assert fields >= {"name", "id_number", "sex", "phone", "applicant_identity", "subsidy_types"}
    with pytest.raises(RecordError) as e:
        check_record(t, {"name": "张三", "id_number": "430981198002290035"})
    assert {name for name, _ in e.value.problems} == {"id_number"}


def test_resident_enroll_shangluo_bad_data() -> None:
    """Seed 004 (商洛, 表 3): 沅江's options (农村居民, 特困供养人员) are not 商洛's."""
    t = load_template("resident-enroll", "shangluo")
    with pytest.raises(RecordError) as e:
        check_record(
            t,
            {
                "name": "王芳",
                "id_number": "110101199003074477",
                "applicant_identity": "农村居民",
                "subsidy_types": ["特困供养人员"],
            },
        )
    assert {name for name, _ in e.value.problems} == {"applicant_identity", "subsidy_types"}


# --- unit-enroll ------------------------------------------------------------------------------------------------


def test_unit_enroll_shangluo_lacks_yuanjiangs_cells() -> None:
    """Seed 004 (商洛, 表 1) has no 单位编码, 上级主管部门, 隶属关系 cell of seed 001 (沅江): no such field."""
    t = load_template("unit-enroll", "shangluo")
    assert not {"unit_code", "superior", "affiliation"} & {f.name for f in t.fields}


def test_unit_enroll_shangluo_maternity_is_a_box_of_its_own() -> None:
    """Seed 004 (商洛, 表 1): 参保险种 has a box each for 职工基本医疗保险, 生育保险, 补充医疗保险 (沅江: one box,
    职工基本医疗（生育）保险); the agency's block repeats the four boxes."""
    labels = table("unit-enroll", "shangluo")["labels"]
    boxes = labels[labels.index("参保险种") + 1 : labels.index("其他（")]
    assert "生育保险" in boxes and len(boxes) == 3
    t = load_template("unit-enroll", "shangluo")
    assert list(t.field("insurance_types").options[:3]) == boxes
    boxed = [ln.text for row in t.rows for cell in row.cells for ln in cell.lines if ln.box]
    assert boxed[1:4] == boxes and boxed[4].startswith("其他（")


@pytest.mark.parametrize("region", REGIONS)
def test_unit_enroll_bad_data_names_every_field(region: str) -> None:
    """Seed 001 (沅江) / seed 004 (商洛, 表 1): every bad or missing field is named; 商洛 has no 单位编码 and no
    职工基本医疗（生育）保险 box."""
    t = load_template("unit-enroll", region)
    record: dict[str, Any] = {"registration_type": "新参保", "credit_code": "91110000600037341M", "legal_phone": "123"}
    expected = {"registration_type", "credit_code", "legal_phone", "unit_name", "legal_name"}
    if region == "shangluo":
        record |= {"insurance_types": ["职工基本医疗（生育）保险"], "unit_code": "X1"}
        expected |= {"insurance_types", "unit_code"}
    with pytest.raises(RecordError) as e:
        check_record(t, record)
    assert {name for name, _ in e.value.problems} >= expected
