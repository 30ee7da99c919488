"""益阳市跨域通办窗口 (seed 000, 套餐「我要报销住院费」), checked against the reviewer's own reading of the seed.

Every expected value is written from the seed's 申报材料收件要点 tables (收件要点, 是否可容缺受理, 常见错误,
纸质申报材料处理), not from the YAML; the seed is not read at run time.

Readings of the seed that are a choice, kept as the data has them:
- 职工 #9 "医院收费票据" (1.原件，1套；2.报销生育险产前检查费用的，还需提供产前检查门诊收费票据) stands among the
  生育险 materials (#8–#12) and mentions 生育险, so it applies only when 生育险 is claimed; its 收件要点 names no
  stamp (only its 常见错误 does), so it has no `stamp`.
- "提供复印件（1份）或现场准确填报" is an either/or, so it is `alternatives` and no `copies`.
- The 异地就医备案 住院信息 must show "确定参加了医保和社保、领取并激活了社保卡": a "否" puts the case out of scope.
- 常见错误 "/" means none; "容缺" 否 everywhere → may_gap false.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yibao_desk.domain.catalog import Catalog, Service
from yibao_desk.domain.checklist import applied_time_limit, build_checklist, evaluate, resolve_answers
from yibao_desk.domain.working_days import Calendar

REGION = "yiyang-kuayu"
ID_EXPIRED = "身份证过期等原因导致无效"
NO_INVOICE_STAMP = "未加盖医疗机构财务收费章"
NO_SEAL = "未加盖医疗机构印章"
UNCLEAR = "复印件不清晰"


def m(
    name: str,
    *,
    original: bool | None = None,
    copies: int | None = None,
    stamp: str | None = None,
    alternatives: tuple[str, ...] = (),
    mistakes: tuple[str, ...] = (),
    paper: str,
) -> dict[str, Any]:
    """One row of a 收件要点 table; 是否可容缺受理 is 否 for every row of this seed."""
    return {
        "name": name,
        "original": original,
        "copies": copies,
        "stamp": stamp,
        "alternatives": alternatives,
        "may_gap": False,
        "common_mistakes": mistakes,
        "paper": paper,
    }


BANK = m(
    "患者本人银行卡账号、户名信息",
    alternatives=("银行卡复印件1份", "现场准确填报"),
    mistakes=("提供的银行卡转账受额度限制",),
    paper="forward",
)
COST_LIST = m("住院费用总清单", stamp="医疗机构印章", mistakes=("总清单与每日清单混淆",), paper="forward")
DIAGNOSIS = m("诊断证明", stamp="医疗机构印章", mistakes=(NO_SEAL,), paper="forward")
BIRTH_PERMIT = m("生育证", original=True, copies=1, mistakes=(UNCLEAR,), paper="forward")
MEDICAL_CERT = m("医院医学证明", original=True, copies=2, mistakes=(UNCLEAR,), paper="forward")

EXPECTED: dict[str, dict[str, Any]] = {
    "432036005W0Y": {
        "name": "基本医疗保险参保人员异地就医备案",
        "rows": [
            m("患者本人有效身份证号", mistakes=(ID_EXPIRED,), paper="none"),
            m("住院信息", mistakes=("因表述不清导致信息录入错误，如准确住院日期、社保卡和医保卡混淆等",), paper="none"),
        ],
        "checklists": [({}, ["患者本人有效身份证号", "住院信息"])],
    },
    "432036011W01": {
        "name": "城镇职工参保人员医疗（生育）费用手工（零星）报销",
        "rows": [
            m("患者本人有效身份证", original=True, copies=1, mistakes=(ID_EXPIRED,), paper="return"),
            BANK,
            m("医院收费票据", original=True, stamp="医院财务收费章", mistakes=(NO_INVOICE_STAMP,), paper="forward"),
            COST_LIST,
            DIAGNOSIS,
            m("医保电子凭证或社保卡", original=True, alternatives=("医保电子凭证", "社保卡"), paper="return"),
            m("病历", copies=1, mistakes=("缺页",), paper="forward"),
            m("患者配偶有效身份证", original=True, copies=1, mistakes=(ID_EXPIRED,), paper="forward"),
            m("医院收费票据", original=True, mistakes=(NO_INVOICE_STAMP,), paper="forward"),
            m("生育医疗费用申领审批单", stamp="工作单位公章", mistakes=("未加盖工作单位公章",), paper="forward"),
            BIRTH_PERMIT,
            MEDICAL_CERT,
            m("委托人身份证复印件", mistakes=(ID_EXPIRED,), paper="forward"),
        ],
        "checklists": [
            (
                {},
                [
                    "患者本人有效身份证",
                    "患者本人银行卡账号、户名信息",
                    "医院收费票据",
                    "住院费用总清单",
                    "诊断证明",
                    "医保电子凭证或社保卡",
                    "病历",
                ],
            ),
            (
                {"maternity": "是"},
                [
                    "患者本人有效身份证",
                    "患者本人银行卡账号、户名信息",
                    "医院收费票据",
                    "住院费用总清单",
                    "诊断证明",
                    "医保电子凭证或社保卡",
                    "病历",
                    "患者配偶有效身份证",
                    "医院收费票据",
                    "生育医疗费用申领审批单",
                    "生育证",
                    "医院医学证明",
                ],
            ),
            (
                {"entrusted": "是"},
                [
                    "患者本人有效身份证",
                    "患者本人银行卡账号、户名信息",
                    "医院收费票据",
                    "住院费用总清单",
                    "诊断证明",
                    "医保电子凭证或社保卡",
                    "病历",
                    "委托人身份证复印件",
                ],
            ),
            (
                {"other_bank_card": "是"},
                [
                    "患者本人有效身份证",
                    "患者本人银行卡账号、户名信息",
                    "医院收费票据",
                    "住院费用总清单",
                    "诊断证明",
                    "医保电子凭证或社保卡",
                    "病历",
                    "委托人身份证复印件",
                ],
            ),
            # 配偶申办生育险时无需提供 委托人身份证复印件
            (
                {"maternity": "是", "entrusted": "是", "spouse_applies": "是"},
                [
                    "患者本人有效身份证",
                    "患者本人银行卡账号、户名信息",
                    "医院收费票据",
                    "住院费用总清单",
                    "诊断证明",
                    "医保电子凭证或社保卡",
                    "病历",
                    "患者配偶有效身份证",
                    "医院收费票据",
                    "生育医疗费用申领审批单",
                    "生育证",
                    "医院医学证明",
                ],
            ),
            (
                {"maternity": "是", "other_bank_card": "是", "spouse_applies": "否"},
                [
                    "患者本人有效身份证",
                    "患者本人银行卡账号、户名信息",
                    "医院收费票据",
                    "住院费用总清单",
                    "诊断证明",
                    "医保电子凭证或社保卡",
                    "病历",
                    "患者配偶有效身份证",
                    "医院收费票据",
                    "生育医疗费用申领审批单",
                    "生育证",
                    "医院医学证明",
                    "委托人身份证复印件",
                ],
            ),
        ],
    },
    "432036011W02": {
        "name": "城乡居民参保人员医疗费用手工（零星）报销",
        "rows": [
            m("患者本人有效身份证", copies=1, mistakes=(ID_EXPIRED,), paper="return"),
            BANK,
            m("医院收费票据", original=True, stamp="财务收费章", mistakes=(NO_INVOICE_STAMP,), paper="forward"),
            COST_LIST,
            DIAGNOSIS,
            m("出院记录", stamp="医疗机构印章", mistakes=(NO_SEAL,), paper="forward"),
            m(
                "与患者的亲属关系证明",
                alternatives=("户口本能证明双方亲属关系的页面复印件", "当地公安派出所出具的双方亲属关系证明"),
                mistakes=(UNCLEAR, "所提供户口本复印件非证明双方亲属关系页面"),
                paper="forward",
            ),
            BIRTH_PERMIT,
            MEDICAL_CERT,
        ],
        "checklists": [
            (
                {},
                [
                    "患者本人有效身份证",
                    "患者本人银行卡账号、户名信息",
                    "医院收费票据",
                    "住院费用总清单",
                    "诊断证明",
                    "出院记录",
                ],
            ),
            (
                {"other_bank_card": "是"},
                [
                    "患者本人有效身份证",
                    "患者本人银行卡账号、户名信息",
                    "医院收费票据",
                    "住院费用总清单",
                    "诊断证明",
                    "出院记录",
                    "与患者的亲属关系证明",
                ],
            ),
            (
                {"maternity": "是"},
                [
                    "患者本人有效身份证",
                    "患者本人银行卡账号、户名信息",
                    "医院收费票据",
                    "住院费用总清单",
                    "诊断证明",
                    "出院记录",
                    "生育证",
                    "医院医学证明",
                ],
            ),
        ],
    },
}

CODES = list(EXPECTED)


def svc(catalog: Catalog, code: str) -> Service:
    return catalog.region(REGION).service(code)


def test_region_has_exactly_the_package_services(catalog: Catalog) -> None:
    region = catalog.region(REGION)
    assert {s.code: s.name for s in region.services} == {c: e["name"] for c, e in EXPECTED.items()}
    assert {s.group.name for s in region.services} == {"我要报销住院费"}


@pytest.mark.parametrize("code", CODES)
def test_material_rows_as_the_seed_tables(catalog: Catalog, code: str) -> None:
    s = svc(catalog, code)
    got = [
        {
            "name": x.name,
            "original": x.original,
            "copies": x.copies,
            "stamp": x.stamp,
            "alternatives": x.alternatives,
            "may_gap": x.may_gap,
            "common_mistakes": x.common_mistakes,
            "paper": x.paper,
        }
        for x in s.materials
    ]
    want = EXPECTED[code]["rows"]
    assert [g["name"] for g in got] == [w["name"] for w in want]
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        assert g == w, (i + 1, w["name"])


@pytest.mark.parametrize(
    ("code", "answers", "names"),
    [(c, a, n) for c, e in EXPECTED.items() for a, n in e["checklists"]],
)
def test_materials_by_scenario(catalog: Catalog, code: str, answers: dict[str, str], names: list[str]) -> None:
    s = svc(catalog, code)
    assert [i.material.name for i in build_checklist(s, answers) if i.applies] == names


@pytest.mark.parametrize("code", CODES)
def test_every_service_is_immediate(catalog: Catalog, code: str) -> None:
    s = svc(catalog, code)  # 五、承诺办结时限：即办件
    assert s.time_limit.kind == "immediate" and s.time_limit.text == "即办件"
    assert not s.time_limit.variants
    assert applied_time_limit(s.time_limit, resolve_answers(s, {})).kind == "immediate"


def test_remote_filing_needs_activated_insurance(catalog: Catalog, calendar: Calendar) -> None:
    s = svc(catalog, "432036005W0Y")
    assert evaluate(s, {"insured_activated": "否"}, {}, dt.date(2026, 11, 20), calendar).verdict == "reject"


def test_phone_directory(catalog: Catalog) -> None:
    p = catalog.region(REGION).profile
    assert [(d.name, d.phone) for d in p.phones.directory] == [
        ("南县", "0737-5249991（城职）、0737-5249967（城居）"),
        ("安化县", "0737-7225179"),
        ("桃江县", "0737-8885239（城职）、0737-8202783（居民）"),
        ("沅江市", "0737-2817102"),
        ("大通湖区", "0737-5661473（城职）、5662978（城居）"),
        ("赫山区", "0737-4439918"),
        ("资阳区", "0737-3333960"),
        ("高新区", "0737－6204712"),
        ("东部新区", "0737-4617003"),
    ]
    # 十、办理结果交付流程 lives in resources/handover.yaml, shared by every region (the issue asks for it everywhere)
    from yibao_desk.domain.handover import handover_ways

    region = catalog.region("yiyang-kuayu")
    assert [h.id for h in handover_ways(region)][:3] == ["id-or-receipt", "sms-id-phone", "counterpart-guarantee"]
