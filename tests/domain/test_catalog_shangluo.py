"""商洛市 (seed 004) catalog, checked against the reviewer's own reading of the seed.

Every expected value below was written from the seed text (商洛市医疗保障经办政务服务事项办事指南), not from the
YAML. The test does not read the seed at run time.

Readings of the seed that are a choice, kept as the data has them:
- 职工 备注① "委托办理的,应提供委托人及代理人身份证件原件及委托人授权委托书(下同)": "(下同)" is read as applying to
  every later service an individual applies for (职工 … 医疗救助), not to the 单位 service before it nor to the
  定点/结算 services of institutions. Those materials come last in the checklist.
- 备注② "有效身份证件包括身份证、居住证、户口簿、护照、…等(下同)" is used as `alternatives` of every material named
  "有效身份证件" (the list ends with 等; the seven named documents are the alternatives).
- "可要求提供" materials (关键信息的对应辅助材料, 急诊诊断证明) are asked through a scenario question.
- 个人账户一次性支取 step 1 "限因死亡、出国定居、调出本市统筹区等原因已办理停保的人员" puts a case out of scope.
- 医疗救助 "结算单（盖章）": the seed requires a stamp without naming whose, so the stamp is just "章".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yibao_desk.domain.catalog import Catalog, Service
from yibao_desk.domain.checklist import MaterialState, applied_time_limit, build_checklist, evaluate, resolve_answers
from yibao_desk.domain.working_days import Calendar

REGION = "shangluo"

ID_ALTS = ("身份证", "居住证", "户口簿", "护照", "港澳居民来往内地通行证", "港澳台居民居住证", "外国人永久居留证")
CREDENTIAL_ALTS = ("医保电子凭证", "有效身份证件", "社保卡")
ENTRUSTED = ["委托人及代理人身份证件", "委托人授权委托书"]
ACCIDENT_PROOF = "交警事故认定书、法院判决书、调解协议书等公检法部门出具的相关证明材料复印件"

IMMEDIATE = ("immediate", None)


def wd(n: int) -> tuple[str, int]:
    return ("working_days", n)


# code -> name, group (the seed's part), local code?, checklists [(answers, names in seed order)],
# flags {material id: {original/copies/stamp/alternatives}} (every other material: none of them),
# time limits [(answers, (kind, amount))], entrusted? (委托办理 materials apply)
EXPECTED: dict[str, dict[str, Any]] = {
    "002036001001": {
        "name": "单位参保登记、变更登记、信息查询",
        "group": "参保、变更、信息查询",
        "local": False,
        "checklists": [
            (
                {"business": "参保登记"},
                [
                    "统一社会信用代码证书",
                    "单位批准成立的文件",
                    "法定代表人身份证明",
                    "《基本医疗保险单位参保信息登记表》",
                ],
            ),
            ({"business": "变更登记"}, ["《基本医疗保险参保单位信息变更登记表》"]),
            (
                {"business": "变更登记", "key_info_change": "是"},
                ["《基本医疗保险参保单位信息变更登记表》", "必要的对应辅助材料"],
            ),
            ({"business": "信息查询"}, ["单位有效证明文件"]),
        ],
        "flags": {
            "enroll-form": {"stamp": "单位公章"},
            "change-form": {"stamp": "单位公章"},
            "unit-proof": {
                "stamp": "单位公章",
                "alternatives": ("统一社会信用代码证复印件（单位核对原件并加盖单位公章）", "介绍信（加盖单位公章）"),
            },
        },
        "time": [
            ({"business": "参保登记"}, wd(5)),
            ({"business": "变更登记"}, IMMEDIATE),
            ({"business": "信息查询"}, IMMEDIATE),
        ],
        "entrusted": False,
    },
    "002036001002": {
        "name": "职工参保登记、变更登记、信息查询",
        "group": "参保、变更、信息查询",
        "local": False,
        "checklists": [
            ({"business": "参保登记"}, ["《职工基本医疗保险参保登记表》", "身份证", "劳动合同"]),
            (
                {"business": "参保登记", "special_type": "港澳台人员"},
                [
                    "《职工基本医疗保险参保登记表》",
                    "身份证",
                    "劳动合同",
                    "港澳居民来往内地通行证或港澳台居民居住证",
                    "建立劳动关系的证明",
                ],
            ),
            (
                {"business": "参保登记", "special_type": "外国人"},
                ["《职工基本医疗保险参保登记表》", "身份证", "劳动合同", "外国人就业证件及居留证件,或外国人永久居留证"],
            ),
            (
                {"business": "参保登记", "special_type": "出国定居"},
                ["《职工基本医疗保险参保登记表》", "身份证", "劳动合同", "护照或永久居留证"],
            ),
            (
                {"business": "参保登记", "special_type": "在职转退休"},
                ["《职工基本医疗保险参保登记表》", "身份证", "劳动合同", "退休审批材料"],
            ),
            ({"business": "变更登记"}, ["有效身份证件", "《基本医疗保险职工参保信息变更登记表》"]),
            # the special-group documents belong to 参保登记 only
            (
                {"business": "变更登记", "special_type": "外国人"},
                ["有效身份证件", "《基本医疗保险职工参保信息变更登记表》"],
            ),
            (
                {"business": "变更登记", "key_info_change": "是"},
                ["有效身份证件", "《基本医疗保险职工参保信息变更登记表》", "必要的对应辅助材料"],
            ),
            ({"business": "信息查询"}, ["医保电子凭证或有效身份证件或社保卡"]),
        ],
        "flags": {
            "enroll-form": {"stamp": "单位公章"},
            "hmt-permit": {"alternatives": ("港澳居民来往内地通行证", "港澳台居民居住证")},
            "foreigner-permit": {"alternatives": ("外国人就业证件及居留证件", "外国人永久居留证")},
            "emigrant-passport": {"alternatives": ("护照", "永久居留证")},
            "change-id": {"alternatives": ID_ALTS},
            "change-form": {"stamp": "单位公章"},
            "query-credential": {"alternatives": CREDENTIAL_ALTS},
        },
        "time": [
            ({"business": "参保登记"}, wd(5)),
            ({"business": "变更登记"}, IMMEDIATE),
            ({"business": "信息查询"}, IMMEDIATE),
        ],
        "entrusted": True,
    },
    "002036001003": {
        "name": "城乡居民参保登记、信息变更登记",
        "group": "参保、变更、信息查询",
        "local": False,
        "checklists": [
            ({"business": "参保登记"}, ["《城乡居民基本医疗保险参保登记表》", "身份证、户口簿或我市统筹区居住证"]),
            ({"business": "信息变更登记"}, ["有效身份证件", "《基本医疗保险城乡居民参保信息变更登记表》"]),
            (
                {"business": "信息变更登记", "key_info_change": "是"},
                ["有效身份证件", "《基本医疗保险城乡居民参保信息变更登记表》", "必要的对应辅助材料"],
            ),
        ],
        "flags": {
            "id-doc": {"alternatives": ("身份证", "户口簿", "我市统筹区居住证")},
            "change-id": {"alternatives": ID_ALTS},
            "change-form": {"stamp": "单位公章"},  # "（加盖单位公章）" — odd for residents, but the seed says so
        },
        "time": [({"business": "参保登记"}, IMMEDIATE), ({"business": "信息变更登记"}, IMMEDIATE)],
        "entrusted": True,
    },
    "002036002003": {
        "name": "参保人员个人账户一次性支取",
        "group": "个人账户一次性支取",
        "local": False,
        "checklists": [
            ({}, ["社保卡", "《职工基本医疗保险个人账户一次性支取申请表》"]),
            (
                {"death": "是"},
                [
                    "社保卡",
                    "《职工基本医疗保险个人账户一次性支取申请表》",
                    "代办人员身份证",
                    "银行卡账户信息",
                    "与患者关系证明",
                ],
            ),
            (
                {"death": "是", "death_data": "无法查询"},
                [
                    "社保卡",
                    "《职工基本医疗保险个人账户一次性支取申请表》",
                    "代办人员身份证",
                    "银行卡账户信息",
                    "与患者关系证明",
                    "代办人员承诺书",
                ],
            ),
            ({"death": "否", "death_data": "无法查询"}, ["社保卡", "《职工基本医疗保险个人账户一次性支取申请表》"]),
            (
                {"waive": "是"},
                ["社保卡", "《职工基本医疗保险个人账户一次性支取申请表》", "主动放弃基本医疗保险的情况说明"],
            ),
        ],
        "flags": {},
        "time": [({}, wd(15))],
        "entrusted": True,
    },
    "002036003001": {
        "name": "出具《参保凭证》",
        "group": "基本医疗保险关系转移接续",
        "local": False,
        "checklists": [({}, ["有效身份证件"])],
        "flags": {"valid-id": {"alternatives": ID_ALTS}},
        "time": [({}, IMMEDIATE)],
        "entrusted": True,
    },
    "002036003002": {
        "name": "医保关系转移接续手续办理",
        "group": "基本医疗保险关系转移接续",
        "local": False,
        "checklists": [
            ({}, ["有效身份证件或社保卡", "《参保凭证》（含电子凭证）", "《基本医疗保险关系转移接续申请表》"])
        ],
        "flags": {"id-or-card": {"alternatives": ("有效身份证件", "社保卡")}},
        "time": [({}, wd(20))],
        "entrusted": True,
    },
    "SL-L01": {
        "name": "异地安置退休人员、异地长期居住人员、长驻异地工作人员、异地转诊人员、异地急诊转住院联网备案",
        "group": "异地就医备案",
        "local": True,
        "checklists": [
            ({"filing_type": "异地安置退休人员"}, ["身份证", "异地就医登记备案表", "异地安置认定材料"]),
            ({"filing_type": "异地长期居住人员"}, ["有效身份证件", "异地就医登记备案表", "长期居住认定材料"]),
            ({"filing_type": "常驻异地工作人员"}, ["有效身份证件", "异地就医登记备案表", "异地工作证明材料"]),
            (
                {"filing_type": "异地转诊人员"},
                [
                    "医保电子凭证或有效身份证件或社保卡",
                    "异地就医登记备案表",
                    "具有转诊资质的定点医疗机构开具的转诊转院证明材料",
                ],
            ),
            ({"filing_type": "异地急诊住院"}, ["异地就医登记备案表", "急诊诊断材料"]),
        ],
        "flags": {
            "valid-id": {"alternatives": ID_ALTS},
            "credential": {"alternatives": CREDENTIAL_ALTS},
            "resettle-proof": {"alternatives": ("“户口簿首页”和本人“常住人口登记卡”", "个人承诺书")},
            "residence-proof": {"alternatives": ("居住证明", "个人承诺书")},
            "work-proof": {"alternatives": ("参保地工作单位派出证明", "异地工作单位证明", "劳动合同", "个人承诺书")},
        },
        "time": [
            ({"filing_type": t}, IMMEDIATE)
            for t in ("异地安置退休人员", "异地长期居住人员", "常驻异地工作人员", "异地转诊人员", "异地急诊住院")
        ],
        "entrusted": True,
    },
    "002036005001": {
        "name": "基本医疗保险参保人员享受门诊慢特病病种待遇认定",
        "group": "门诊慢特病病种待遇认定",
        "local": False,
        "checklists": [
            ({}, ["身份证", "《门诊慢特病病种待遇认定申请表》", "两年内二级及以上定点医疗机构完整住院病历及诊断证明"])
        ],
        "flags": {},
        "time": [({}, wd(20))],
        "entrusted": True,
    },
    "002036006001": {
        "name": "门急诊费用报销",
        "group": "医疗费用手工（零星）报销",
        "local": False,
        "checklists": [
            ({}, ["社保卡复印件", "医药机构收费票据", "门急诊费用清单", "处方底方"]),
            ({"accident": "是"}, ["社保卡复印件", "医药机构收费票据", "门急诊费用清单", "处方底方", ACCIDENT_PROOF]),
            (
                {"accident": "是", "accident_proof": "不能"},
                ["社保卡复印件", "医药机构收费票据", "门急诊费用清单", "处方底方", "个人承诺书"],
            ),
            (
                {"accident": "否", "accident_proof": "不能"},
                ["社保卡复印件", "医药机构收费票据", "门急诊费用清单", "处方底方"],
            ),
            ({"emergency": "是"}, ["社保卡复印件", "医药机构收费票据", "门急诊费用清单", "处方底方", "急诊诊断证明"]),
        ],
        "flags": {"accident-proof": {"copies": 1, "alternatives": ("交警事故认定书", "法院判决书", "调解协议书")}},
        "time": [({}, wd(30))],
        "entrusted": True,
    },
    "002036006002": {
        "name": "住院费用报销",
        "group": "医疗费用手工（零星）报销",
        "local": False,
        "checklists": [
            ({}, ["社保卡复印件", "医院收费票据", "住院费用清单", "诊断证明"]),
            ({"accident": "是"}, ["社保卡复印件", "医院收费票据", "住院费用清单", "诊断证明", ACCIDENT_PROOF]),
            (
                {"accident": "是", "accident_proof": "不能"},
                ["社保卡复印件", "医院收费票据", "住院费用清单", "诊断证明", "个人承诺书"],
            ),
            ({"emergency": "是"}, ["社保卡复印件", "医院收费票据", "住院费用清单", "诊断证明", "急诊诊断证明"]),
        ],
        "flags": {"accident-proof": {"copies": 1, "alternatives": ("交警事故认定书", "法院判决书", "调解协议书")}},
        "time": [({}, wd(30))],
        "entrusted": True,
    },
    "SL-L02": {
        "name": "产前检查费、生育医疗费、计划生育医疗费、生育津贴支付",
        "group": "生育保险待遇核准支付",
        "local": True,
        "checklists": [
            ({"benefit": "产前检查费"}, ["有效身份证明", "医院收费票据", "出生医学证明", "单位银行账户信息"]),
            # the seed writes the heading as "育医疗费"; the order is 票据 before 身份证件 here …
            ({"benefit": "生育医疗费"}, ["医院收费票据", "有效身份证件", "费用清单", "病历资料", "单位银行账户信息"]),
            # … and 身份证件 before 票据 here
            ({"benefit": "计划生育医疗费"}, ["有效身份证件", "医院收费票据", "门诊病历", "单位银行账户信息"]),
            ({"benefit": "生育津贴"}, ["病历资料", "单位银行账户信息"]),
        ],
        "flags": {"valid-id": {"alternatives": ID_ALTS}},
        "time": [({"benefit": b}, wd(20)) for b in ("产前检查费", "生育医疗费", "计划生育医疗费", "生育津贴")],
        "entrusted": True,
    },
    "002036008002": {
        "name": "符合条件的救助对象医药费用手工报销",
        "group": "医疗救助",
        "local": False,
        "checklists": [
            (
                {},
                [
                    "医保电子凭证或有效身份证件或社保卡",
                    "基本医保、大病保险报销后的结算单",
                    "《医疗救助申请卡》",
                    "个人银行帐户信息",
                ],
            )
        ],
        "flags": {
            "credential": {"alternatives": CREDENTIAL_ALTS},
            "settlement-statement": {"stamp": "章"},  # "（盖章）"
        },
        "time": [({}, wd(30))],
        "entrusted": True,
    },
    "002036009001": {
        "name": "医疗机构申请定点协议管理",
        "group": "定点协议管理",
        "local": False,
        "checklists": [({}, ["《定点协议医疗机构申请表》"])],
        "flags": {"application-form": {"stamp": "申请单位公章"}},
        "time": [({}, ("months", 3))],
        "entrusted": False,
    },
    "002036009002": {
        "name": "零售药店申请定点协议管理",
        "group": "定点协议管理",
        "local": False,
        # the seed names the 医疗机构 table for the 药店 too
        "checklists": [({}, ["《定点协议医疗机构申请表》"])],
        "flags": {"application-form": {"stamp": "申请单位公章"}},
        "time": [({}, ("months", 3))],
        "entrusted": False,
    },
    "002036010001": {
        "name": "定点医疗机构费用结算",
        "group": "定点医药机构费用结算",
        "local": False,
        "checklists": [
            ({"insurance_type": "职工医保"}, ["汇总表", "待遇支付明细"]),
            ({"insurance_type": "居民医保"}, ["住院报销结算表", "住院收费票据", "明细汇总表", "住院病历首页"]),
        ],
        "flags": {},
        "time": [({}, wd(30))],
        "entrusted": False,
    },
    "002036010002": {
        "name": "定点零售药店费用结算",
        "group": "定点医药机构费用结算",
        "local": False,
        "checklists": [({}, ["汇总表", "费用明细表"])],
        "flags": {},
        "time": [({}, wd(30))],
        "entrusted": False,
    },
}

CODES = list(EXPECTED)


def svc(catalog: Catalog, code: str) -> Service:
    return catalog.region(REGION).service(code)


def applying(service: Service, answers: dict[str, str]) -> list[str]:
    return [i.material.name for i in build_checklist(service, answers) if i.applies]


def test_region_has_exactly_the_seed_services(catalog: Catalog) -> None:
    region = catalog.region(REGION)
    assert region.name == "商洛市"
    assert {s.code: s.name for s in region.services} == {c: e["name"] for c, e in EXPECTED.items()}
    assert len(region.services) == 16


@pytest.mark.parametrize("code", CODES)
def test_name_group_and_code_kind(catalog: Catalog, code: str) -> None:
    s, e = svc(catalog, code), EXPECTED[code]
    assert s.name == e["name"]
    assert s.group.name == e["group"]
    assert s.local_code is e["local"]
    if not e["local"]:
        assert code in catalog.national_codes


@pytest.mark.parametrize(
    ("code", "answers", "names"),
    [(c, a, n) for c, e in EXPECTED.items() for a, n in e["checklists"]],
)
def test_materials_in_seed_order(catalog: Catalog, code: str, answers: dict[str, str], names: list[str]) -> None:
    assert applying(svc(catalog, code), {**answers}) == names


@pytest.mark.parametrize("code", CODES)
def test_entrusted_materials(catalog: Catalog, code: str) -> None:
    s, e = svc(catalog, code), EXPECTED[code]
    ids = {x.id for x in s.scenarios}
    if not e["entrusted"]:
        assert "entrusted" not in ids
        return
    for answers, names in e["checklists"]:
        assert applying(s, {**answers, "entrusted": "是"}) == names + ENTRUSTED
    assert s.material("principal-agent-id").original is True  # 身份证件原件


@pytest.mark.parametrize("code", CODES)
def test_flags_only_where_the_seed_states_them(catalog: Catalog, code: str) -> None:
    s, flags = svc(catalog, code), EXPECTED[code]["flags"]
    assert set(flags) <= {m.id for m in s.materials}
    for m in s.materials:
        want: dict[str, Any] = {"original": None, "copies": None, "stamp": None, "alternatives": ()}
        if m.id == "principal-agent-id":
            want["original"] = True
        want.update(flags.get(m.id, {}))
        got = {"original": m.original, "copies": m.copies, "stamp": m.stamp, "alternatives": m.alternatives}
        assert got == want, m.id
        # the seed says nothing about 容缺 or paper handling
        assert m.may_gap is None and m.paper is None, m.id


@pytest.mark.parametrize(
    ("code", "answers", "limit"),
    [(c, a, t) for c, e in EXPECTED.items() for a, t in e["time"]],
)
def test_time_limit(catalog: Catalog, code: str, answers: dict[str, str], limit: tuple[str, int | None]) -> None:
    s = svc(catalog, code)
    applied = applied_time_limit(s.time_limit, resolve_answers(s, answers))
    amount = {"working_days": applied.working_days, "months": applied.months, "immediate": None}[applied.kind]
    assert (applied.kind, amount) == limit


def test_account_withdrawal_only_after_insurance_stopped(catalog: Catalog, calendar: Calendar) -> None:
    s = svc(catalog, "002036002003")
    v = evaluate(s, {"stopped": "否"}, {}, dt.date(2026, 11, 20), calendar)
    assert v.verdict == "reject" and "停保" in v.reject_reasons[0]


def test_unstamped_aid_statement_is_a_problem(catalog: Catalog, calendar: Calendar) -> None:
    s = svc(catalog, "002036008002")
    states = {m.id: MaterialState(received=True, stamped=True) for m in s.materials if m.condition is None}
    states["settlement-statement"] = MaterialState(received=True, stamped=False)
    v = evaluate(s, {}, states, dt.date(2026, 11, 20), calendar)
    assert [(p.material_id, p.reason) for p in v.problems] == [("settlement-statement", "未加盖章")]


def test_profile_phones(catalog: Catalog) -> None:
    p = catalog.region(REGION).profile
    assert p.phones.supervision == ("0914-2325133",)
    assert {(d.name, d.phone) for d in p.phones.directory} == {
        ("商州区", "0914-2323781"),
        ("洛南县", "0914-7388527"),
        ("丹凤县", "0914-3323785"),
        ("商南县", "0914-6371941"),
        ("山阳县", "0914-8312335"),
        ("镇安县", "0914-5336227"),
        ("柞水县", "0914-4326835"),
    }
    assert p.certificate_number_format == "陕西省商洛市({year})(第{serial:04d}号)"
