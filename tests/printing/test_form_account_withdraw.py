"""职工基本医疗保险个人账户一次性支取申请表 [account-withdraw], as seed 001 (沅江市) and seed 004 (商洛市, 表 7)
lay it out."""

from __future__ import annotations

import pytest

from tests.printing.conftest import sample
from tests.printing.pdfcheck import A4_PORTRAIT, page_size, reader, squash, text
from yibao_desk.domain.catalog import Catalog
from yibao_desk.printing.official import form_title
from yibao_desk.printing.records import RecordError, check_record
from yibao_desk.printing.render import render_form
from yibao_desk.printing.templates import load_template, template_path

TITLES = {
    "yuanjiang": "沅江市职工基本医疗保险个人账户一次性支取申请表",
    "shangluo": "职工基本医疗保险个人账户一次性支取申请表",
}
# Every label, option and note of the seed's table: seed 001 lines 1555-1614, seed 004 lines 362-383.
COMMON = [
    "参保人基本情况",
    "姓名",
    "身份证件号码",
    "支取原因",
    "死亡",
    "出国定居",
    "主动放弃",
    "其他",
    "工作单位",
    "账户号码",
    "开户行",
    "继承人（代表人）基本情况",
    "与参保人关系",
    "联系电话",
    "常住地址",
    "代表全部继承人办理支取业务，有关款项汇入其名下银行账户，分配事宜自行解决，由此产生的法律纠纷由代表人自行负责。",
    "签字：",
    "年月日",
    "被委托人基本情况（如无被委托人，无需填写）",
    "备注",
    "支取人签字：",
]
LABELS = {"yuanjiang": [*COMMON, "经协商，由指定的"], "shangluo": [*COMMON, "经协商，由"]}
VALUES = ["110101199003074477", "430981198002290034", "430981198506150027", "13800138000", "0737-2817103"]


def filled(region: str) -> bytes:
    t = load_template("account-withdraw", region)
    return render_form(t, TITLES[region], check_record(t, sample("account-withdraw"))).pdf


@pytest.fixture(scope="module", params=["yuanjiang", "shangluo"])
def region_pdf(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    return request.param, filled(request.param)


def test_one_a4_portrait_page(region_pdf: tuple[str, bytes]) -> None:
    _, pdf = region_pdf
    assert len(reader(pdf).pages) == 1
    assert page_size(pdf) == A4_PORTRAIT


def test_every_label_of_the_seed_table(region_pdf: tuple[str, bytes]) -> None:
    region, pdf = region_pdf
    content = text(pdf)
    assert TITLES[region] in content
    missing = [label for label in LABELS[region] if squash(label) not in content]
    assert missing == []


def test_the_variants_differ_in_the_heirs_declaration() -> None:
    assert "由指定的" not in text(filled("shangluo"))
    assert template_path("account-withdraw", "shangluo") != template_path("account-withdraw", "yuanjiang")


def test_every_value_lands(region_pdf: tuple[str, bytes]) -> None:
    _, pdf = region_pdf
    content = text(pdf)
    for key, value in sample("account-withdraw").items():
        if isinstance(value, str) and value and key != "withdraw_reason":
            assert squash(value) in content, key
    # the representative named in the heirs' declaration
    assert "由指定的赵小明代表" in text(filled("yuanjiang")) and "由赵小明代表" in text(filled("shangluo"))


def test_titles_per_region(catalog: Catalog) -> None:
    for region, title in TITLES.items():
        assert form_title(catalog, region, "account-withdraw", load_template("account-withdraw", region)) == title


@pytest.mark.parametrize("region", ["yuanjiang", "shangluo"])
def test_blank_has_labels_but_no_values(region: str) -> None:
    t = load_template("account-withdraw", region)
    content = text(render_form(t, TITLES[region], {}, mode="blank").pdf)
    assert "继承人（代表人）基本情况" in content and "支取人签字：" in content
    assert not [v for v in VALUES if v in content] and "赵小明" not in content


@pytest.mark.parametrize("region", ["yuanjiang", "shangluo"])
def test_overlay_has_values_only(region: str) -> None:
    t = load_template("account-withdraw", region)
    content = text(render_form(t, TITLES[region], check_record(t, sample("account-withdraw")), mode="overlay").pdf)
    assert all(v in content for v in VALUES) and "中国建设银行沅江支行" in content
    assert "参保人基本情况" not in content and "代表全部继承人" not in content and TITLES[region] not in content


@pytest.mark.parametrize("region", ["yuanjiang", "shangluo"])
def test_bad_data_names_every_field(region: str) -> None:
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
