"""基本医疗保险参保凭证 [insurance-cert]: seed 001 (沅江市) and its 商洛 variant (seed 004, 表 8)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import yaml

from tests.printing.conftest import sample
from tests.printing.pdfcheck import A4_PORTRAIT, page_size, reader, squash, text
from yibao_desk.domain.paths import project_root
from yibao_desk.printing.numerals import yuan_capital
from yibao_desk.printing.records import RecordError, check_record
from yibao_desk.printing.render import render_form
from yibao_desk.printing.templates import load_template, template_path

# Every label and note of the seed's table, per variant: (region, title, sample, labels).
NOTES_COMMON = [
    "跨统筹地区流动就业人员，有接收单位的，将此凭证交由单位按照规定办理参保手续。",
    "其他跨统筹地区流动就业人员，应携带此凭证及有效证件在3个月内到指定办理机构办理相关登记手续。",
    "本凭证如不慎遗失，请与出具此凭证的医疗保障经办机构联系，申请补办。",
]
CELLS_COMMON = [
    "凭证号：",
    "生成日期：",
    "基本信息",
    "参保人",
    "姓名",
    "身份证件号码",
    "户籍所在地",
    "户籍类型",
    "参保信息",
    "基本医疗保险类型",
    "转出地",
    "参保时间",
    "起：",
    "止：",
    "其中累计实际缴费月数",
    "个人账户余额",
    "转出地医疗保险经办机构信息",
    "机构名称",
    "地址",
    "行政区划代码",
    "邮政编码",
    "联系人",
    "联系电话",
    "注意事项：",
]
# seed 001, lines 1671-1719
YUANJIANG = [
    *CELLS_COMMON,
    "（大写）",
    "（小写）￥",
    "（盖章）",
    *NOTES_COMMON,
    "本凭证是根据国家有关规定制发，是参保的权益记录以及申请办理基本医疗保险关系转移接续的重要凭证，请妥善保存。",
]
# seed 004, lines 418-445
SHANGLUO = [
    *CELLS_COMMON,
    "(大写)",
    "(小写)¥",
    "(盖章)",
    *NOTES_COMMON,
    "本凭证是根据国家有关规定制发，是参保的权益记录以及申请办理基本医疗保险关系转移接续的重要凭证，请妥善保管。",
]
VARIANTS = {
    "yuanjiang": ("沅江市基本医疗保险参保凭证", "insurance-cert", YUANJIANG),
    "shangluo": ("基本医疗保险参保凭证", "insurance-cert@shangluo", SHANGLUO),
}


def render(region: str, mode: str = "normal") -> bytes:
    title, sample_name, _ = VARIANTS[region]
    t = load_template("insurance-cert", region)
    record = {} if mode == "blank" else check_record(t, sample(sample_name))
    return render_form(t, title, record, mode=mode).pdf  # type: ignore[arg-type]


@pytest.fixture(scope="module", params=list(VARIANTS))
def variant(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    return request.param, render(request.param)


def test_variants_are_separate_files() -> None:
    assert template_path("insurance-cert", "shangluo").name == "insurance-cert@shangluo.yaml"  # type: ignore[union-attr]
    assert template_path("insurance-cert", "yuanjiang").name == "insurance-cert.yaml"  # type: ignore[union-attr]
    assert template_path("insurance-cert", "puyang").name == "insurance-cert.yaml"  # type: ignore[union-attr]


def test_one_a4_portrait_page(variant: tuple[str, bytes]) -> None:
    _, pdf = variant
    assert len(reader(pdf).pages) == 1
    assert page_size(pdf) == A4_PORTRAIT


def test_every_label_of_the_seed_table(variant: tuple[str, bytes]) -> None:
    region, pdf = variant
    title, _, labels = VARIANTS[region]
    content = text(pdf)
    assert title in content
    missing = [label for label in labels if squash(label) not in content]
    assert missing == []


def test_other_regions_wording_is_absent() -> None:
    assert "请妥善保管" not in text(render("yuanjiang"))
    assert "请妥善保存" not in text(render("shangluo"))


def test_every_value_lands(variant: tuple[str, bytes]) -> None:
    region, pdf = variant
    content = text(pdf)
    record: dict[str, Any] = sample(VARIANTS[region][1])
    for key, value in record.items():
        if key == "issue_date":
            y, m, d = (int(p) for p in value.split("-"))
            assert f"{y}年{m}月{d}日" in content
        elif key == "account_balance":
            assert f"{Decimal(value):.2f}" in content, key
            assert yuan_capital(value) in content, key
        else:
            assert squash(str(value)) in content, key


def test_time_and_balance_read_as_on_paper() -> None:
    content = text(render("yuanjiang"))
    assert "起：2005年7月" in content and "止：2026年2月" in content and "248月" in content
    assert "叁仟肆佰伍拾陆元柒角捌分" in content and "3456.78" in content
    assert "123.45" in text(render("shangluo")) and "壹佰贰拾叁元肆角伍分" in text(render("shangluo"))


@pytest.mark.parametrize("region", list(VARIANTS))
def test_certificate_number_in_the_profile_format(region: str) -> None:
    profile = yaml.safe_load((project_root() / "resources" / "regions" / region / "profile.yaml").read_text("utf-8"))
    number = profile["certificate_number_format"].format(year=2026, serial=1)
    assert sample(VARIANTS[region][1])["certificate_number"] == number
    assert squash(f"凭证号：{number}") in text(render(region))


@pytest.mark.parametrize("region", list(VARIANTS))
def test_blank_has_labels_but_no_values(region: str) -> None:
    content = text(render(region, "blank"))
    assert "其中累计实际缴费月数" in content and "注意事项" in content
    assert "起：" in content and "止：" in content and "年月" in content  # 起：　　年　　月 printed for the hand
    record = sample(VARIANTS[region][1])
    for value in (record["id_number"], record["name"], record["certificate_number"], "元"):
        assert squash(value) not in content


@pytest.mark.parametrize("region", list(VARIANTS))
def test_overlay_has_values_only(region: str) -> None:
    title = VARIANTS[region][0]
    record = sample(VARIANTS[region][1])
    content = text(render(region, "overlay"))
    assert record["id_number"] in content and yuan_capital(record["account_balance"]) in content
    assert "身份证件号码" not in content and "注意事项" not in content and title not in content


def test_bad_data_names_every_field() -> None:
    for region in VARIANTS:
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
