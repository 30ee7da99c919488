"""职工基本医疗保险参保登记表 [employee-enroll], as seed 001 (沅江市) and seed 004 表 2 (商洛市) lay it out."""

from __future__ import annotations

from typing import Any

import pytest

from tests.printing.conftest import sample
from tests.printing.pdfcheck import page_size, reader, squash, text
from yibao_desk.domain.catalog import Catalog
from yibao_desk.printing.official import form_title
from yibao_desk.printing.records import RecordError, check_record
from yibao_desk.printing.render import render_form
from yibao_desk.printing.templates import load_template, template_path

A4_LANDSCAPE = (841.89, 595.28)
TITLE = "沅江市职工基本医疗保险参保登记表"
# Every label and note of the seed's table and the lines around it (seed 001, lines 227-357).
LABELS = [
    "单位名称（单位公章）：",
    "单位编码：",
    "险种：",
    "□灵活就业人员",
    "序号",
    "姓名",
    "身份证件类型",
    "身份证件号码",
    "申报工资（元/月）",
    "变更类别",
    "人员身份",
    "档案记载首次出生年月",
    "参加工作时间",
    "退休需补缴费用情况（由医保部门填写）",
    "手机号码",
    "备注",
    "注：1.灵活就业人员无需单位盖章和填写单位编码。",
    "2.变更类别包括增加、中断、终止、恢复、在职转退休、统筹区内转移；人员身份填写“干部”或“工人”；",
    "3.参加工作时间，新增的填写本次起薪年月，在职转退休的填写退休审批表上的首次参加工作日期，减少的不填；",
    "4.在职转退休的，申报工资须填写经养老保险待遇部门核定的月退休费合计数；",
    "5.在职转退休不足年限需补缴费用或提前退休须缴纳医疗保险费的，由医保部门核算和填写，单位在备注栏签字确认。",
    "填报人：",
    "联系电话：",
    "经办机构经办人：",
    "年月日",
]
# 商洛市 表 2 (seed 004, lines 179-208).
SHANGLUO_TITLE = "职工基本医疗保险参保登记表"
SHANGLUO_LABELS = [
    "单位名称（盖章）：",
    "单位编码：",
    "险种：",
    "灵活就业人员",
    "序号",
    "姓名",
    "身份证件类型",
    "身份证件号码",
    "申报工资（元/月）",
    "变更类别",
    "增加",
    "中断",
    "终止",
    "恢复",
    "在职转退休",
    "统筹区内转移",
    "手机号码",
    "备注",
    "注：灵活就业人员无需单位盖章和填写单位编码。",
    "填报人：",
    "联系电话：",
    "经办机构经办人：",
    "年月日",
]


def values(record: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, printed text) of every text value, list rows included."""
    out = [(k, v) for k, v in record.items() if isinstance(v, str) and v]
    for i, row in enumerate(record.get("people", [])):
        out += [(f"people[{i + 1}].{k}", v) for k, v in row.items() if isinstance(v, str) and v]
    return out


@pytest.fixture(scope="module")
def filled() -> bytes:
    t = load_template("employee-enroll", "yuanjiang")
    return render_form(t, TITLE, check_record(t, sample("employee-enroll"))).pdf


@pytest.fixture(scope="module")
def shangluo() -> bytes:
    t = load_template("employee-enroll", "shangluo")
    return render_form(t, SHANGLUO_TITLE, check_record(t, sample("employee-enroll@shangluo"))).pdf


def test_one_a4_landscape_page(filled: bytes, shangluo: bytes) -> None:
    for pdf in (filled, shangluo):
        assert len(reader(pdf).pages) == 1
        assert page_size(pdf) == A4_LANDSCAPE


def test_every_label_of_the_seed_table(filled: bytes) -> None:
    content = text(filled)
    assert TITLE in content
    missing = [label for label in LABELS if squash(label) not in content]
    assert missing == []
    assert all(str(n) in content for n in range(1, 9))


def test_every_value_lands(filled: bytes) -> None:
    content = text(filled)
    for key, value in values(sample("employee-enroll")):
        assert squash(value) in content, key


def test_titles_per_region(catalog: Catalog) -> None:
    expected = {
        "yuanjiang": TITLE,
        "daye": "大冶市参保单位增加减少登记表",
        "puyang": "职工基本医疗保险参保登记表",
        "shangluo": SHANGLUO_TITLE,
    }
    for region, title in expected.items():
        assert form_title(catalog, region, "employee-enroll", load_template("employee-enroll", region)) == title
    # 大冶 and 濮阳 print 沅江's table; 商洛 has its own
    assert template_path("employee-enroll", "daye") == template_path("employee-enroll", "yuanjiang")
    assert template_path("employee-enroll", "shangluo") != template_path("employee-enroll", "yuanjiang")


def test_blank_has_labels_but_no_values() -> None:
    t = load_template("employee-enroll")
    content = text(render_form(t, TITLE, {}, mode="blank").pdf)
    assert "档案记载首次出生年月" in content and "430981198002290034" not in content and "沅江市某某" not in content


def test_overlay_has_values_only() -> None:
    t = load_template("employee-enroll")
    content = text(render_form(t, TITLE, check_record(t, sample("employee-enroll")), mode="overlay").pdf)
    assert "430981198002290034" in content and "在职转退休" in content
    assert "档案记载首次出生年月" not in content and "注：" not in content and TITLE not in content


def test_bad_data_names_every_field() -> None:
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


def test_shangluo_table(shangluo: bytes) -> None:
    content = text(shangluo)
    assert SHANGLUO_TITLE in content
    missing = [label for label in SHANGLUO_LABELS if squash(label) not in content]
    assert missing == []
    assert "人员身份" not in content and "档案记载" not in content  # not in 商洛's table
    assert all(str(n) in content for n in range(1, 8))
    for key, value in values(sample("employee-enroll@shangluo")):
        assert squash(value) in content, key
    assert content.count("是") >= 2  # 增加 for 张三, 在职转退休 for 王芳


def test_shangluo_bad_data() -> None:
    t = load_template("employee-enroll", "shangluo")
    with pytest.raises(RecordError) as e:
        check_record(t, {"people": [{"name": "张三", "id_number": "430981198002290034", "change_increase": "是"}] * 8})
    fields = {name for name, _ in e.value.problems}
    assert fields >= {"people", "people[1].change_increase"}
