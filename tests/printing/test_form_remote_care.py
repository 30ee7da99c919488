"""异地就医登记备案表 [remote-care], as seed 001 (沅江市) lays it out."""

from __future__ import annotations

import pytest

from tests.printing.conftest import sample
from tests.printing.pdfcheck import A4_PORTRAIT, page_size, reader, squash, text
from yibao_desk.printing.records import RecordError, check_record
from yibao_desk.printing.render import render_form
from yibao_desk.printing.templates import load_template

TITLE = "沅江市异地就医登记备案表"
# Every label, option and note of the seed's table (seed 001, lines 2082-2140; lines 2228-2286 are the same table).
LABELS = [
    "备案编号：",
    "姓名",
    "性别",
    "险种",
    "职工医保",
    "城乡居民医保",
    "人员类别",
    "异地安置退休人员",
    "异地长期居住人员",
    "常驻异地工作人员",
    "异地转诊（急诊）人员",
    "其他：",
    "登记类别",
    "新增",
    "变更",
    "身份证件号码",
    "参保地联系地址",
    "就医地联系地址",
    "联系电话1",
    "联系电话2",
    "转往省（市、区）",
    "地区(市、州)",
    "市（区）",
    "温馨提示",
    "1．跨省异地就医执行就医地目录、参保地起付线、封顶线及支付比例。因各地目录差异，直接结算与回参保地报销可能存在待遇差，"
    "属于正常现象。",
    "2．办理备案时直接备案到就医地市或省份。参保人员根据病情、居住地、交通等情况，自主选择就医地开通的跨省定点医疗机构住院就医。",
    "3．到北京、天津、上海、重庆、海南、西藏和新疆生产建设兵团就医，备案到就医省份即可。",
    "4．未按规定办理登记备案手续，或在就医地非跨省定点医疗机构发生的医疗费用，按参保地现有规定办理。",
    "本人",
    "被委托人",
    "签名",
    "填表日期",
    "经办机构：",
    "联系电话：",
    "经办人：",
    "经办日期：",
]


@pytest.fixture(scope="module")
def filled() -> bytes:
    t = load_template("remote-care", "yuanjiang")
    return render_form(t, TITLE, check_record(t, sample("remote-care"))).pdf


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
    for key, value in sample("remote-care").items():
        if (
            isinstance(value, str)
            and value
            and key not in ("insurance_type", "person_category", "registration_type", "fill_date")
        ):
            assert squash(value) in content, key
    assert "2024年5月20日" in content


def test_blank_has_labels_but_no_values() -> None:
    t = load_template("remote-care", "yuanjiang")
    content = text(render_form(t, TITLE, {}, mode="blank").pdf)
    assert "温馨提示" in content and "备案编号：" in content
    assert "430981198002290034" not in content and "YD2024000123" not in content


def test_overlay_has_values_only() -> None:
    t = load_template("remote-care", "yuanjiang")
    content = text(render_form(t, TITLE, check_record(t, sample("remote-care")), mode="overlay").pdf)
    assert "430981198002290034" in content and "广东省深圳市南山区科技园路1号" in content
    assert "温馨提示" not in content and "人员类别" not in content and TITLE not in content


def test_bad_data_names_every_field() -> None:
    t = load_template("remote-care", "yuanjiang")
    with pytest.raises(RecordError) as e:
        check_record(
            t,
            {
                "person_category": "异地就医",
                "gender": "M",
                "id_number": "430981198002290035",
                "phone1": "123",
                "fill_date": "2024-13-01",
            },
        )
    fields = {name for name, _ in e.value.problems}
    assert fields >= {"person_category", "gender", "id_number", "phone1", "fill_date", "name", "registration_type"}
