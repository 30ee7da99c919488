"""邮寄 rules (domain/mailing.py, resources/mailing.yaml): every field of the address checked at once, the postcode
against the province the address names, the 邮件号's S10 check digit."""

from __future__ import annotations

import pytest

from yibao_desk.domain.mailing import (
    address_province,
    mail_problems,
    mail_text,
    mail_value,
    postcode_province,
    tracking_problem,
    tracking_value,
)

GOOD = {
    "recipient": "王小明",
    "phone": "138 1234 5678",
    "address": "湖南省益阳市赫山区龙岭大道12号",
    "postcode": "413000",
}


def test_a_whole_address_has_no_problem_and_is_recorded_tidied() -> None:
    assert mail_problems(GOOD) == {}
    assert mail_value(GOOD) == {**GOOD, "phone": "13812345678"}
    assert mail_text(mail_value(GOOD)) == "王小明（13812345678）湖南省益阳市赫山区龙岭大道12号　邮编 413000"


def test_every_missing_field_is_named_at_once() -> None:
    assert mail_problems({}) == {
        "recipient": "请填写收件人姓名",
        "phone": "请填写收件人电话（邮递员投递时联系）",
        "address": "请填写寄送地址",
        "postcode": "请填写邮政编码",
    }
    assert mail_value({"recipient": " 王 ", "postcode": ""}) == {"recipient": "王"}


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"phone": "12345"}, "phone", "手机号码应为"),
        ({"address": "沅江市"}, "address", "过短"),
        ({"postcode": "41300"}, "postcode", "6位数字"),
        ({"postcode": "993000"}, "postcode", "不属于任何省份"),
        ({"postcode": "435100"}, "postcode", "属湖北，与寄送地址中的湖南不符"),
        ({"recipient": "王" * 51}, "recipient", "不超过 50"),
    ],
)
def test_a_wrong_field_is_named(change: dict[str, str], field: str, words: str) -> None:
    problems = mail_problems({**GOOD, **change})
    assert list(problems) == [field] and words in problems[field]


def test_postcodes_of_the_five_regions_belong_to_their_provinces() -> None:
    assert postcode_province("413100") == "湖南"  # 沅江
    assert postcode_province("435100") == "湖北"  # 大冶
    assert postcode_province("457000") == "河南"  # 濮阳
    assert postcode_province("726000") == "陕西"  # 商洛
    assert address_province("广西壮族自治区南宁市") == "广西"
    assert address_province("沅江市琼湖街道某路1号") is None  # no province named: only the postcode itself is checked
    assert mail_problems({**GOOD, "address": "沅江市琼湖街道某路1号", "postcode": "435100"}) == {}


def test_tracking_numbers() -> None:
    assert tracking_problem("EA123456785CN") is None
    assert tracking_problem("ea 1234 5678 5cn") is None and tracking_value("ea 1234 5678 5cn") == "EA123456785CN"
    assert "校验位应为 5" in (tracking_problem("EA123456786CN") or "")
    assert tracking_problem("1012345678901") is None  # 国内 EMS: 13 digits, no S10 check digit
    assert "只含字母和数字" in (tracking_problem("SF12#34567") or "")
    assert "8 到 30" in (tracking_problem("1234") or "")
    assert tracking_problem("") == "请填写邮件号（运单号）"


def test_found_in_review_a_district_named_like_a_province_and_full_width_digits() -> None:
    """天津的河北区 and 青海的海南藏族自治州 begin with a province's short name without being that province; digits
    typed in full-width mode are digits."""
    assert mail_problems({**GOOD, "address": "河北区中山路100号之一", "postcode": "300143"}) == {}
    assert mail_problems({**GOOD, "address": "海南藏族自治州共和县恰卜恰镇1号", "postcode": "813000"}) == {}
    assert address_province("天津市河北区中山路100号") == "天津"
    assert address_province("内蒙古自治区呼和浩特市") == "内蒙古"
    assert mail_problems({**GOOD, "postcode": "４１３０００"}) == {}
    assert mail_value({**GOOD, "postcode": "４１３ ０００"})["postcode"] == "413000"
    assert (
        tracking_problem("ＥＡ１２３４５６７８５ＣＮ") is None
        and tracking_value("ＥＡ１２３４５６７８５ＣＮ") == "EA123456785CN"
    )
    assert mail_value(mail_value({**GOOD, "phone": "0737-2817103转123"})) == {**GOOD, "phone": "0737-2817103-123"}
