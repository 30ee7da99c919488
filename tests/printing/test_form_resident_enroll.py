"""城乡居民基本医疗保险参保登记表 [resident-enroll], as seed 001 (沅江市) and seed 004 表 3 (商洛市) lay it out."""

from __future__ import annotations

import pytest

from tests.printing.conftest import sample
from tests.printing.pdfcheck import A4_PORTRAIT, page_size, reader, squash, text
from yibao_desk.domain.catalog import Catalog
from yibao_desk.printing.official import form_title
from yibao_desk.printing.records import RecordError, check_record
from yibao_desk.printing.render import render_form
from yibao_desk.printing.templates import load_template, template_path

TITLE = "沅江市城乡居民基本医疗保险参保登记表"
DECLARATION = (
    "以上信息填报真实，现申请参加城乡居民医保，并已了解城乡居民基本医疗保险费征收部门和缴费方式，"
    "以及每年规定的缴费时间。"
)
# Every label, option and printed line of the seed's table (seed 001, lines 404-449).
LABELS = [
    "姓名",
    "身份证件类型",
    "身份证件号码",
    "性别",
    "男",
    "女",
    "出生日期",
    "年",
    "月",
    "联系电话",
    "户籍所在地（居住证登记地）",
    "省",
    "市",
    "区市(市)",
    "街道(乡镇)",
    "村（社区）",
    "通讯地址",
    "申请人身份",
    "中小学及幼儿园儿童",
    "大学生",
    "农村居民",
    "城镇非从业居民",
    "其他",
    "财政补助对象",
    "低保",
    "特困供养人员",
    "重度残疾人",
    "孤儿",
    "低收入对象",
    "申请人或监护人",
    DECLARATION,
    "（签字）",
    "年月日",
    "收件审核",
    "经审核，符合城乡居民医保参保规定。",
    "经审核，不符合城乡居民医保参保规定。",
    "经办人：",
    "（受理单位盖章）",
]
# 商洛市 表 3 (seed 004, lines 280-290); the seed's half-width （）、，of the extraction read as in 沅江's table.
SHANGLUO_TITLE = "城乡居民基本医疗保险参保登记表"
SHANGLUO_LABELS = [
    "姓名",
    "身份证件类型（户口簿、本市居住证）",
    "身份证件号码",
    "性别",
    "男",
    "女",
    "出生日期",
    "年",
    "月",
    "联系电话",
    "户籍所在地（居住证登记地）",
    "省",
    "市",
    "区县(市)",
    "街道(乡镇)",
    "村（社区）",
    "通讯地址",
    "申请人身份",
    "中小儿童",
    "大学生",
    "无业成年人",
    "财政补助对象",
    "低保",
    "重残",
    "低收入",
    "申请人或监护人",
    DECLARATION,
    "（签字）",
    "年月日",
    "收件审核",
    "经审核，符合城乡居民医保参保规定。",
    "经审核，不符合城乡居民医保参保规定。",
    "经办人：",
    "（受理单位盖章）",
]


@pytest.fixture(scope="module")
def filled() -> bytes:
    t = load_template("resident-enroll", "yuanjiang")
    return render_form(t, TITLE, check_record(t, sample("resident-enroll"))).pdf


@pytest.fixture(scope="module")
def shangluo() -> bytes:
    t = load_template("resident-enroll", "shangluo")
    return render_form(t, SHANGLUO_TITLE, check_record(t, sample("resident-enroll@shangluo"))).pdf


def test_one_a4_portrait_page(filled: bytes, shangluo: bytes) -> None:
    for pdf in (filled, shangluo):
        assert len(reader(pdf).pages) == 1
        assert page_size(pdf) == A4_PORTRAIT


def test_every_label_of_the_seed_table(filled: bytes) -> None:
    blank = text(render_form(load_template("resident-enroll"), TITLE, {}, mode="blank").pdf)
    for content in (text(filled), blank):
        assert TITLE in content
        missing = [label for label in LABELS if squash(label) not in content]
        assert missing == []


def test_every_value_lands(filled: bytes) -> None:
    content = text(filled)
    for key, value in sample("resident-enroll").items():
        if isinstance(value, str):
            assert squash(value) in content, key
    # values between the printed words of their cell
    assert "1980年02月" in content and "湖南省益阳市沅江区市(市)琼湖街道(乡镇)" in content


def test_titles_per_region(catalog: Catalog) -> None:
    expected = {"yuanjiang": TITLE, "daye": SHANGLUO_TITLE, "puyang": SHANGLUO_TITLE, "shangluo": SHANGLUO_TITLE}
    for region, title in expected.items():
        assert form_title(catalog, region, "resident-enroll", load_template("resident-enroll", region)) == title
    assert template_path("resident-enroll", "daye") == template_path("resident-enroll", "yuanjiang")
    assert template_path("resident-enroll", "shangluo") != template_path("resident-enroll", "yuanjiang")


def test_blank_has_labels_but_no_values() -> None:
    t = load_template("resident-enroll")
    content = text(render_form(t, TITLE, {}, mode="blank").pdf)
    assert "财政补助对象" in content and "430981198002290034" not in content and "张三" not in content


def test_overlay_has_values_only() -> None:
    t = load_template("resident-enroll")
    content = text(render_form(t, TITLE, check_record(t, sample("resident-enroll")), mode="overlay").pdf)
    assert "430981198002290034" in content and "张三" in content and "计划生育特殊家庭" in content
    assert "财政补助对象" not in content and "中小学及幼儿园儿童" not in content and TITLE not in content


def test_bad_data_names_every_field() -> None:
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


def test_shangluo_table(shangluo: bytes) -> None:
    blank = text(render_form(load_template("resident-enroll", "shangluo"), SHANGLUO_TITLE, {}, mode="blank").pdf)
    for content in (text(shangluo), blank):
        assert SHANGLUO_TITLE in content
        missing = [label for label in SHANGLUO_LABELS if squash(label) not in content]
        assert missing == []
        assert "中小学及幼儿园儿童" not in content and "特困供养人员" not in content  # 沅江's options
    content = text(shangluo)
    for key, value in sample("resident-enroll@shangluo").items():
        if isinstance(value, str):
            assert squash(value) in content, key
    assert "陕西省" in content and "商州区县(市)" in content and "城关街道(乡镇)" in content


def test_shangluo_bad_data() -> None:
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
