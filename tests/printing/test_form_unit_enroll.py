"""基本医疗保险单位参保信息登记表 [unit-enroll], as seed 001 (沅江市) lays it out."""

from __future__ import annotations

import pytest

from tests.printing.conftest import sample
from tests.printing.pdfcheck import A4_PORTRAIT, page_size, reader, squash, text
from yibao_desk.printing.records import RecordError, check_record
from yibao_desk.printing.render import render_form
from yibao_desk.printing.templates import load_template

TITLE = "沅江市基本医疗保险单位参保信息登记表"
# Every label, option and note of the seed's table (seed 001, lines 64-160).
LABELS = [
    "新参保登记",
    "暂停登记",
    "注销登记",
    "拆分合并分立",
    "单位名称",
    "单位编码（新参保由医保部门填写）",
    "现统一社会信用代码",
    "原统一社会信用代码",
    "通讯地址",
    "上级主管部门",
    "单位性质",
    "隶属关系",
    "法定代表人",
    "姓名",
    "联系电话",
    "身份证件号码",
    "开户银行",
    "户名",
    "银行帐号",
    "经办人员",
    "所在部门",
    "手机号码",
    "参保险种",
    "职工基本医疗（生育）保险",
    "补充医疗保险",
    "其他（",
    "机关事业单位及社会团体填报以下信息",
    "经费来源",
    "主管部门",
    "最新核编人数（含纪检、军转）",
    "退休人数",
    "机关在编人数",
    "公务员人数",
    "后勤服务人数",
    "参公在编人数",
    "事业在编人数",
    "单位声明",
    "本单位依法申请医疗保险登记，承诺填报信息真实、准确、完整，请予办理。",
    "单位（单位公章）",
    "年月日",
    "经办机构意见",
    "经审核，申报单位不符合参保登记办理条件。",
    "经审核，同意申报单位办理以下社会保险登记：",
    "经办人签字：",
    "经办机构（盖章）",
]


@pytest.fixture(scope="module")
def filled() -> bytes:
    t = load_template("unit-enroll", "yuanjiang")
    return render_form(t, TITLE, check_record(t, sample("unit-enroll"))).pdf


def test_one_a4_portrait_page(filled: bytes) -> None:
    assert len(reader(filled).pages) == 1
    assert page_size(filled) == A4_PORTRAIT


def test_every_label_of_the_seed_table(filled: bytes) -> None:
    content = text(filled)
    assert TITLE in content
    missing = [label for label in LABELS if squash(label) not in content]
    assert missing == []


def test_every_value_lands(filled: bytes) -> None:
    content = text(filled)
    for key, value in sample("unit-enroll").items():
        if isinstance(value, str) and value and key != "registration_type":
            assert squash(value) in content, key


def test_blank_has_labels_but_no_values() -> None:
    t = load_template("unit-enroll")
    content = text(render_form(t, TITLE, {}, mode="blank").pdf)
    assert "单位声明" in content and "91110000600037341L" not in content


def test_overlay_has_values_only() -> None:
    t = load_template("unit-enroll")
    content = text(render_form(t, TITLE, check_record(t, sample("unit-enroll")), mode="overlay").pdf)
    assert "91110000600037341L" in content and "单位声明" not in content and TITLE not in content


def test_bad_data_names_every_field() -> None:
    t = load_template("unit-enroll")
    with pytest.raises(RecordError) as e:
        check_record(t, {"registration_type": "新参保", "credit_code": "91110000600037341M", "legal_phone": "123"})
    fields = {name for name, _ in e.value.problems}
    assert fields >= {"registration_type", "credit_code", "legal_phone", "unit_name", "legal_name"}
