"""大冶市 (seed 002) catalog: the checks only this region needs.

The expected values are in tests/domain/regions/daye.yaml (written from the seed text, with the readings of the seed
that are a choice in its header); the checks every region shares are in tests/domain/test_catalog_regions.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.domain.test_catalog_regions import region_data
from yibao_desk.domain.catalog import Catalog, Service
from yibao_desk.domain.checklist import evaluate
from yibao_desk.domain.working_days import Calendar

REGION = "daye"
EXPECTED = region_data(REGION)["services"]
CODES = list(EXPECTED)


def svc(catalog: Catalog, code: str) -> Service:
    return catalog.region(REGION).service(code)


@pytest.mark.parametrize("code", [c for c in CODES if not EXPECTED[c]["local"]])
def test_national_code_lies_in_its_group(catalog: Catalog, code: str) -> None:
    # the seed gives no codes: each item takes the national code of the same item, inside its part (group)
    assert code[:10] == svc(catalog, code).group.id[:10]


def test_codes_map_to_the_same_national_item(catalog: Catalog) -> None:
    national = catalog.national_codes
    # identical names
    for code in CODES:
        if not EXPECTED[code]["local"] and code not in ("002036008001", "002036008002"):
            assert national[code] == EXPECTED[code]["name"], code
    # same item, longer national name
    assert national["002036008001"] == "符合资助条件的救助对象参加城乡居民基本医疗保险个人缴费补贴"
    assert national["002036008002"] == "住院医疗费用手工（零星）报销"
    # 其他临时外出就医 is not 异地急诊
    assert national.get("002036004005") == "异地急诊人员备案"


def test_resident_enrolment_refuses_employee_insured(catalog: Catalog, calendar: Calendar) -> None:
    s = svc(catalog, "002036001003")
    v = evaluate(s, {"in_employee_insurance": "是"}, {}, dt.date(2026, 11, 20), calendar)
    assert v.verdict == "reject" and "职工医保" in v.reject_reasons[0]


def test_profile(catalog: Catalog) -> None:
    region = catalog.region(REGION)
    p = region.profile
    assert p.phones.consultation == (
        "0714-8717336",
        "0714-8764470",
        "0714-8768099",
        "0714-8726480",
        "0714-8719236",
        "0714-8715981",
    )
    assert p.phones.supervision == ()
    assert {(d.name, d.phone) for d in p.phones.directory} == {("人寿保险公司", "0714-8736756")}
    assert [g.name for g in p.groups] == [
        "基本医疗保险参保和变更登记",
        "基本医疗保险参保信息查询和个人账户一次性支取",
        "基本医疗保险关系转移接续",
        "基本医疗保险参保人员异地就医备案",
        "基本医疗保险参保人员享受门诊慢特病病种待遇认定",
        "基本医疗保险参保人员医疗费用手工（零星）报销",
        "生育保险待遇核准支付",
        "医疗救助对象待遇核准支付",
        "医药机构申请定点协议管理",
        "定点医药机构费用结算",
    ]


def test_form_titles_as_the_seed_writes_them(catalog: Catalog) -> None:
    region = catalog.region(REGION)
    base = {form_id: f.title for form_id, f in catalog.forms.items()}
    seed_titles = {
        "unit-enroll": "基本医疗保险单位参保登记表",
        "employee-enroll": "大冶市参保单位增加减少登记表",
        "resident-enroll": "城乡居民基本医疗保险参保登记表",
        "unit-change": "基本医疗保险参保单位信息变更登记表",
        "resident-change": "大冶市城乡居民医疗保险参保人员信息变更申请表",
        "transfer-apply": "基本医疗保险关系转移接续申请表",
        "remote-care": "异地就医登记备案表",
        "chronic-disease": "门诊慢特病病种待遇认定申请表",
        "medical-aid-card": "医疗救助申请卡",
        "personal-commitment": "个人承诺书",  # 十九 "无法提供的应填写个人承诺书"
    }
    for form_id, title in seed_titles.items():
        assert region.form_title(form_id, base[form_id]) == title, form_id
    # every material that IS a form carries that form's seed title (without the 《》). Exception: the seed writes
    # only the short name 《参保凭证》 (十, 十一); the data keeps the official title 基本医疗保险参保凭证 for the form.
    assert region.form_title("insurance-cert", base["insurance-cert"]) == "基本医疗保险参保凭证"
    for s in region.services:
        for m in s.materials:
            if m.form and m.form != "insurance-cert":
                assert m.form in s.forms, (s.code, m.id)
                assert m.name.strip("《》") == region.form_title(m.form, base[m.form]), (s.code, m.id)
