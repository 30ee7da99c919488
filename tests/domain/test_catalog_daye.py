"""大冶市 (seed 002) catalog, checked against the reviewer's own reading of the seed.

Every expected value below was written from the seed text (大冶市 医疗保障经办政务服务事项清单, 29 items), not from
the YAML. The test does not read the seed at run time. The seed gives no codes: each item takes the code of the same
item in resources/national-list.yaml.

Readings of the seed that are a choice, kept as the data has them:
- （十六）其他临时外出就医人员备案 has a local code (DY-L01). The national 002036004005 is 异地急诊人员备案, which is
  a different kind of 临时外出就医 (急诊抢救 vs. 其他), so it is not the same item.
- （二十五）医疗救助对象手工（零星）报销 → 002036008002 (national 住院医疗费用手工（零星）报销, the
  manual-claim item of the 医疗救助 part).
- "有效身份证件或社保卡(或医保电子凭证)及银行卡复印件" (十八–二十二) is split into two materials, the ID (any one
  of the alternatives) and 银行卡复印件. The seed does not say whether the ID itself is a copy, so neither the
  original nor the copies flag is set.
- "有效身份证件及复印件" (五, 六): original checked; the seed gives no number of copies, so `copies` stays unset.
- "…复印件" with no number (九, 二十六, 二十七) sets no copies; only 十九 "复印件一份" gives copies == 1.
- "有效身份证件（社会保障卡或医保电子凭证）" (十一–十七) is read as any one of the three.
- 二 note 2 (有效身份证件包括身份证、居住证…等) gives the alternatives of 灵活就业人员's 有效身份证件 in 二 only.
- 二 note 3 "委托人身份证件原件或委托书" is one material with two alternatives. Only one of them is an original, so
  there is no `original` flag.
- 十七 "（医院盖章）": the stamp is recorded as 医院印章.
- Conditional materials in the 注意事项 (二 special groups and 委托, 十九 意外伤害 and 急诊) are asked through scenario
  questions. 二十/二十一 "异地发生费用需提供…" and the 二十五 住院/门诊慢性病 split are handled the same way.
- 十二–十四 "即时办结（承诺制），2个工作日（提交材料）": 2 working days, immediate under 承诺制 (where the 认定材料 is
  not required). 十五 "即时办结（线下市级），2个工作日（线上、线下乡镇、村）": immediate only at the city hall.
- 二十六/二十七 "材料齐全的在收到后10个工作日内出具受理或不受理的回执单" → 10 working days.
- 二十四/二十八/二十九 list no applicant materials ("…提供名单…", "根据…协议执行").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yibao_desk.domain.catalog import Catalog, Service
from yibao_desk.domain.checklist import applied_time_limit, build_checklist, evaluate, resolve_answers
from yibao_desk.domain.working_days import Calendar

REGION = "daye"

IMMEDIATE = ("immediate", None)


def wd(n: int) -> tuple[str, int]:
    return ("working_days", n)


CITY = ("市级",)
ALL_LEVELS = ("市级", "乡镇", "村")
CITY_TOWN = ("市级", "乡镇")

P_ENROLL = "0714-8717336"
P_TRANSFER = "0714-8764470"
P_CHRONIC = "0714-8768099"
P_AID = "0714-8726480"
P_DESIGNATE = "0714-8719236"
P_SETTLE = "0714-8715981"

REMOTE_GROUP = "基本医疗保险参保人员异地就医备案"
MATERNITY_GROUP = "生育保险待遇核准支付"
REMOTE_ID = "有效身份证件（社会保障卡或医保电子凭证）"
REMOTE_ID_ALTS = ("有效身份证件", "社会保障卡", "医保电子凭证")
REMOTE_FORM = "《异地就医登记备案表》"
ID_OR_CARD = "有效身份证件或社保卡"
ID_CARD_QR = "有效身份证件或社保卡或医保电子凭证"
BANK_COPY = "银行卡复印件"
SELF_ID = "本人有效身份证或社保卡或医保电子凭证"
SELF_ID_ALTS = ("本人有效身份证", "社保卡", "医保电子凭证")
EMP_FORM = "《大冶市参保单位增加减少登记表》"
KEY_PROOF = "必要的对应辅助材料"
ACCIDENT_PROOF = "交警事故认定书、法院判决书、调解协议书等公检法部门出具的相关证明材料复印件"
AID_BASE = ["有效身份证件或医保电子凭证或社保卡"]
AID_CARD = "《医疗救助申请卡》"
AID_BANK = "待遇享受人提供的一卡通银行账户材料"


def remote(proof: str) -> dict[str, Any]:
    """十二–十四: the same three materials; the 认定/证明 material is waived under 承诺制."""
    return {
        "group": REMOTE_GROUP,
        "checklists": [
            ({}, [REMOTE_ID, REMOTE_FORM, proof]),
            ({"commitment": "否"}, [REMOTE_ID, REMOTE_FORM, proof]),
            ({"commitment": "是"}, [REMOTE_ID, REMOTE_FORM]),
        ],
        "flags": {"id-card": {"alternatives": REMOTE_ID_ALTS}},
        "time": [({}, wd(2)), ({"commitment": "否"}, wd(2)), ({"commitment": "是"}, IMMEDIATE)],
        "levels": ALL_LEVELS,
        "phone": P_TRANSFER,
    }


def maternity_claim() -> dict[str, Any]:
    """二十/二十一: ID + bank-card copy; hospital papers only for costs incurred outside 黄石."""
    base = [ID_OR_CARD, BANK_COPY]
    return {
        "group": MATERNITY_GROUP,
        "checklists": [
            ({}, base),
            ({"remote_expense": "是"}, [*base, "医院收费票据", "费用清单", "诊断证明"]),
        ],
        "flags": {"id-card": {"alternatives": ("有效身份证件", "社保卡")}},
        "time": [({}, wd(10))],
        "levels": CITY,
        "phone": P_TRANSFER,
    }


# code -> name, group (the seed's part), local code?, checklists [(answers, names in seed order)],
# flags {material id: {original/copies/stamp/alternatives}} (every other material: none of them),
# time limits [(answers, (kind, amount))], levels (办理层级), phone (the item's 联系电话; None when it gives none)
EXPECTED: dict[str, dict[str, Any]] = {
    # 1、基本医疗保险参保和变更登记
    "002036001001": {
        "name": "单位参保登记",
        "group": "基本医疗保险参保和变更登记",
        "checklists": [({}, ["统一社会信用代码证书或单位批准成立的文件", "《基本医疗保险单位参保登记表》"])],
        "flags": {
            "unit-license": {"alternatives": ("统一社会信用代码证书", "单位批准成立的文件")},
            "unit-enroll-form": {"stamp": "单位公章"},
        },
        "time": [({}, IMMEDIATE)],
        "levels": CITY,
        "phone": P_ENROLL,
    },
    "002036001002": {
        "name": "职工参保登记",
        "group": "基本医疗保险参保和变更登记",
        "checklists": [
            ({}, [EMP_FORM]),
            ({"flexible_employment": "是"}, ["有效身份证件"]),
            (
                {"special_group_kind": "港澳台人员参加在职职工医保"},
                [EMP_FORM, "港澳台居民来往内地通行证或港澳台居民居住证", "建立劳动关系的证明"],
            ),
            (
                {"special_group_kind": "外国人参加在职职工医保"},
                [EMP_FORM, "外国人就业证件及居留证件，或外国人永久居留证"],
            ),
            ({"special_group_kind": "出国定居"}, [EMP_FORM, "护照或永久居留证"]),
            ({"special_group_kind": "在职转退休"}, [EMP_FORM, "退休审批材料"]),
            ({"entrusted": "是"}, [EMP_FORM, "委托人身份证件原件或委托书"]),
            ({"flexible_employment": "是", "entrusted": "是"}, ["有效身份证件", "委托人身份证件原件或委托书"]),
        ],
        "flags": {
            "employee-enroll-form": {"stamp": "单位公章"},
            "id-card": {
                "alternatives": (
                    "身份证",
                    "居住证",
                    "户口簿",
                    "护照",
                    "港澳台居民来往内地通行证",
                    "港澳台居民居住证",
                    "外国人永久居留证",
                )
            },
            "hmt-permit": {"alternatives": ("港澳台居民来往内地通行证", "港澳台居民居住证")},
            "foreigner-permit": {"alternatives": ("外国人就业证件及居留证件", "外国人永久居留证")},
            "emigration-proof": {"alternatives": ("护照", "永久居留证")},
            "entrust-proof": {"alternatives": ("委托人身份证件原件", "委托书")},
        },
        "time": [({}, IMMEDIATE), ({"flexible_employment": "是"}, IMMEDIATE)],
        "levels": CITY,
        "phone": P_ENROLL,
    },
    "002036001003": {
        "name": "城乡居民参保登记",
        "group": "基本医疗保险参保和变更登记",
        "checklists": [({}, ["有效身份证件", "《城乡居民基本医疗保险参保登记表》"])],
        "flags": {},
        "time": [({}, IMMEDIATE)],
        "levels": ALL_LEVELS,
        "phone": P_ENROLL,
    },
    "002036001004": {
        "name": "单位参保信息变更登记",
        "group": "基本医疗保险参保和变更登记",
        "checklists": [
            ({}, ["《基本医疗保险参保单位信息变更登记表》"]),
            ({"key_info_change": "是"}, ["《基本医疗保险参保单位信息变更登记表》", KEY_PROOF]),
        ],
        "flags": {"unit-change-form": {"stamp": "单位公章"}},
        "time": [({}, IMMEDIATE)],
        "levels": CITY,
        "phone": P_ENROLL,
    },
    "002036001005": {
        "name": "职工参保信息变更登记",
        "group": "基本医疗保险参保和变更登记",
        "checklists": [
            ({}, ["有效身份证件及复印件"]),
            ({"key_info_change": "是"}, ["有效身份证件及复印件", KEY_PROOF]),
        ],
        "flags": {"id-card": {"original": True}},
        "time": [({}, IMMEDIATE)],
        "levels": CITY,
        "phone": P_ENROLL,
    },
    "002036001006": {
        "name": "城乡居民参保信息变更登记",
        "group": "基本医疗保险参保和变更登记",
        "checklists": [
            ({}, ["有效身份证件及复印件", "《大冶市城乡居民医疗保险参保人员信息变更申请表》"]),
            (
                {"key_info_change": "是"},
                ["有效身份证件及复印件", "《大冶市城乡居民医疗保险参保人员信息变更申请表》", KEY_PROOF],
            ),
        ],
        "flags": {"id-card": {"original": True}},
        "time": [({}, IMMEDIATE)],
        "levels": ALL_LEVELS,
        "phone": P_ENROLL,
    },
    # 二、基本医疗保险参保信息查询和个人账户一次性支取
    "002036002001": {
        "name": "参保单位参保信息查询",
        "group": "基本医疗保险参保信息查询和个人账户一次性支取",
        "checklists": [({}, ["单位有效证明文件"])],
        "flags": {"unit-proof": {"alternatives": ("统一社会信用代码证书", "介绍信")}},
        "time": [({}, IMMEDIATE)],
        "levels": CITY,
        "phone": P_ENROLL,
    },
    "002036002002": {
        "name": "参保人员参保信息查询",
        "group": "基本医疗保险参保信息查询和个人账户一次性支取",
        "checklists": [({}, [SELF_ID])],
        "flags": {"id-card": {"alternatives": SELF_ID_ALTS}},
        "time": [({}, IMMEDIATE)],
        "levels": ALL_LEVELS,
        "phone": P_ENROLL,
    },
    "002036002003": {
        "name": "参保人员个人账户一次性支取",
        "group": "基本医疗保险参保信息查询和个人账户一次性支取",
        "checklists": [
            ({}, ["本人身份证复印件", "本人银行卡复印件"]),
            ({"death": "是"}, ["继承人身份证复印件", "继承人本人银行卡（或存折）复印件"]),
        ],
        "flags": {"heir-bank-copy": {"alternatives": ("继承人本人银行卡复印件", "继承人本人存折复印件")}},
        "time": [({}, wd(5)), ({"death": "是"}, wd(5))],
        "levels": CITY,
        "phone": P_ENROLL,
    },
    # 三、基本医疗保险关系转移接续
    "002036003001": {
        "name": "出具《参保凭证》",
        "group": "基本医疗保险关系转移接续",
        "checklists": [({}, [SELF_ID])],
        "flags": {"id-card": {"alternatives": SELF_ID_ALTS}},
        "time": [({}, IMMEDIATE)],
        "levels": CITY_TOWN,
        "phone": P_ENROLL,
    },
    "002036003002": {
        "name": "转移接续手续办理",
        "group": "基本医疗保险关系转移接续",
        "checklists": [({}, [REMOTE_ID, "《参保凭证》", "《基本医疗保险关系转移接续申请表》"])],
        "flags": {"id-card": {"alternatives": REMOTE_ID_ALTS}},
        "time": [({}, wd(9))],
        "levels": CITY_TOWN,
        "phone": P_TRANSFER,
    },
    # 四、基本医疗保险参保人员异地就医备案
    "002036004001": {"name": "异地安置退休人员备案", **remote("异地安置认定材料")},
    "002036004002": {"name": "异地长期居住人员备案", **remote("异地居住认定材料")},
    "002036004003": {"name": "常驻异地工作人员备案", **remote("异地工作证明材料")},
    "002036004004": {
        "name": "异地转诊人员备案",
        "group": REMOTE_GROUP,
        "checklists": [({}, [REMOTE_ID, REMOTE_FORM, "《大冶市城镇职工（居民）基本医疗保险转外就医申请表》"])],
        "flags": {"id-card": {"alternatives": REMOTE_ID_ALTS}},
        "time": [
            ({"handling_place": "线下市级"}, IMMEDIATE),
            ({"handling_place": "线下乡镇"}, wd(2)),
            ({"handling_place": "线下村"}, wd(2)),
            ({"handling_place": "线上"}, wd(2)),
        ],
        "levels": ALL_LEVELS,
        "phone": P_TRANSFER,
    },
    "DY-L01": {
        "name": "其他临时外出就医人员备案",
        "group": REMOTE_GROUP,
        "local": True,
        "checklists": [({}, [REMOTE_ID, REMOTE_FORM])],
        "flags": {"id-card": {"alternatives": REMOTE_ID_ALTS}},
        "time": [({}, IMMEDIATE)],
        "levels": ALL_LEVELS,
        "phone": P_TRANSFER,
    },
    # 五、基本医疗保险参保人员享受门诊慢特病病种待遇认定
    "002036005001": {
        "name": "基本医疗保险参保人员享受门诊慢特病病种待遇认定",
        "group": "基本医疗保险参保人员享受门诊慢特病病种待遇认定",
        "checklists": [
            ({}, [REMOTE_ID, "《门诊慢特病病种待遇认定申请表》", "近三年二级及以上医院的一整套住院病案病历"])
        ],
        "flags": {"id-card": {"alternatives": REMOTE_ID_ALTS}, "inpatient-records": {"stamp": "医院印章"}},
        "time": [({}, wd(10))],
        "levels": CITY_TOWN,
        "phone": P_CHRONIC,
    },
    # 六、基本医疗保险参保人员医疗费用手工（零星）报销
    "002036006001": {
        "name": "门诊费用报销",
        "group": "基本医疗保险参保人员医疗费用手工（零星）报销",
        "checklists": [({}, [ID_OR_CARD, BANK_COPY, "医院收费票据", "门急诊费用清单", "处方底方", "门诊病历"])],
        "flags": {"id-card": {"alternatives": ("有效身份证件", "社保卡")}},
        "time": [({}, wd(10))],
        "levels": CITY,
        "phone": P_CHRONIC,
    },
    "002036006002": {
        "name": "住院费用报销",
        "group": "基本医疗保险参保人员医疗费用手工（零星）报销",
        "checklists": [
            ({}, [ID_OR_CARD, BANK_COPY, "医院收费票据", "住院费用清单", "出院小结或出院记录"]),
            (
                {"accidental_injury": "是"},
                [ID_OR_CARD, BANK_COPY, "医院收费票据", "住院费用清单", "出院小结或出院记录", ACCIDENT_PROOF],
            ),
            (
                {"accidental_injury": "是", "accident_proof_available": "否"},
                [ID_OR_CARD, BANK_COPY, "医院收费票据", "住院费用清单", "出院小结或出院记录", "个人承诺书"],
            ),
            (
                {"accidental_injury": "否", "accident_proof_available": "否"},
                [ID_OR_CARD, BANK_COPY, "医院收费票据", "住院费用清单", "出院小结或出院记录"],
            ),
            (
                {"emergency": "是"},
                [ID_OR_CARD, BANK_COPY, "医院收费票据", "住院费用清单", "出院小结或出院记录", "急诊诊断证明"],
            ),
        ],
        "flags": {
            "id-card": {"alternatives": ("有效身份证件", "社保卡")},
            "discharge-summary": {"alternatives": ("出院小结", "出院记录")},
            "accident-proof": {"copies": 1},  # 复印件一份
        },
        "time": [({}, wd(10))],
        "levels": CITY,
        "phone": "0714-8764470，0714-8736756（人寿保险公司）",
    },
    # 七、生育保险待遇核准支付
    "002036007001": {"name": "产前检查费支付", **maternity_claim()},
    "002036007002": {"name": "生育医疗费支付", **maternity_claim()},
    "002036007003": {
        "name": "计划生育医疗费支付",
        "group": MATERNITY_GROUP,
        "checklists": [({}, [ID_CARD_QR, BANK_COPY, "医院收费票据", "费用清单", "病历资料"])],
        "flags": {"id-card": {"alternatives": ("有效身份证件", "社保卡", "医保电子凭证")}},
        "time": [({}, wd(10))],
        "levels": CITY,
        "phone": P_TRANSFER,
    },
    "002036007004": {
        "name": "生育津贴支付",
        "group": MATERNITY_GROUP,
        "checklists": [({}, [ID_CARD_QR, "病历资料"])],
        "flags": {"id-card": {"alternatives": ("有效身份证件", "社保卡", "医保电子凭证")}},
        "time": [({}, wd(10))],
        "levels": CITY,
        "phone": P_TRANSFER,
    },
    # 八、医疗救助对象待遇核准支付
    "002036008001": {
        "name": "救助对象参加城乡居民医保个人缴费补贴",
        "group": "医疗救助对象待遇核准支付",
        "checklists": [({}, [])],
        "flags": {},
        "time": [({}, wd(10))],
        "levels": CITY,
        "phone": None,
    },
    "002036008002": {
        "name": "医疗救助对象手工（零星）报销",
        "group": "医疗救助对象待遇核准支付",
        "checklists": [
            ({}, [*AID_BASE, "住院基本医保、大病保险报销后的结算单", AID_CARD, AID_BANK]),
            (
                {"aid_expense_type": "门诊慢性病"},
                [*AID_BASE, "门诊慢性病定点医疗机构处方底方或定点药店购药发票", AID_CARD, AID_BANK],
            ),
            (
                {"aid_recognized": "否"},
                [
                    *AID_BASE,
                    "住院基本医保、大病保险报销后的结算单",
                    AID_CARD,
                    "《个人家庭经济状况核查委托授权书》",
                    AID_BANK,
                ],
            ),
        ],
        "flags": {
            "id-card": {"alternatives": ("有效身份证件", "医保电子凭证", "社保卡")},
            "chronic-prescription-or-invoice": {"alternatives": ("定点医疗机构处方底方", "定点药店购药发票")},
        },
        "time": [({}, wd(10))],
        "levels": ALL_LEVELS,
        "phone": P_AID,
    },
    # 九、医药机构申请定点协议管理
    "002036009001": {
        "name": "医疗机构申请定点协议管理",
        "group": "医药机构申请定点协议管理",
        "checklists": [
            (
                {},
                [
                    "《定点医疗机构申请表》",
                    "纳入定点后使用医疗保障基金的预测性分析报告-医疗机构",
                    "与医疗保险政策对应的内部管理制度和财顾制度文本-医疗机构",  # 财顾 (sic) as the seed writes it
                    "与医保有关的信息系统改造完成联调测试表",
                    "医疗机构执业许可证或中医诊所备案证或军队医疗机构为民服务许可证照复印件",
                    # item 6 "上级部门有新规定的从其规定。" is not a material
                ],
            )
        ],
        "flags": {
            "license-copy": {
                "alternatives": (
                    "医疗机构执业许可证复印件",
                    "中医诊所备案证复印件",
                    "军队医疗机构为民服务许可证照复印件",
                )
            }
        },
        "time": [({}, wd(10))],
        "levels": CITY,
        "phone": P_DESIGNATE,
    },
    "002036009002": {
        "name": "零售药店申请定点协议管理",
        "group": "医药机构申请定点协议管理",
        "checklists": [
            (
                {},
                [
                    "《定点零售药店申请表》",
                    "纳入定点后使用医疗保障基金的预测性分析报告-零售药店",
                    "医保专（兼）职管理人员的劳动合同复印件",
                    "与医疗保险政策对应的内部管理制度和财顾制度文本-零售药店",
                    "与医保有关的信息系统改造完成联调测试表",
                    "药店经营许可证、营业执照和法定代表人、主要负责人或实际操控人身份证复印件",
                    "执业药师资格证书或要学技术人员相关证书及劳动合同复印件",  # 要学 (sic)
                ],
            )
        ],
        "flags": {},
        "time": [({}, wd(10))],
        "levels": CITY,
        "phone": P_DESIGNATE,
    },
    # 十、定点医药机构费用结算
    "002036010001": {
        "name": "基本医疗保险定点医疗机构费用结算",
        "group": "定点医药机构费用结算",
        "checklists": [({}, [])],
        "flags": {},
        "time": [({}, wd(9))],
        "levels": CITY,
        "phone": P_SETTLE,
    },
    "002036010002": {
        "name": "基本医疗保险定点零售药店费用结算",
        "group": "定点医药机构费用结算",
        "checklists": [({}, [])],
        "flags": {},
        "time": [({}, wd(9))],
        "levels": CITY,
        "phone": P_SETTLE,
    },
}

for _e in EXPECTED.values():
    _e.setdefault("local", False)

CODES = list(EXPECTED)


def svc(catalog: Catalog, code: str) -> Service:
    return catalog.region(REGION).service(code)


def applying(service: Service, answers: dict[str, str]) -> list[str]:
    return [i.material.name for i in build_checklist(service, answers) if i.applies]


def test_region_has_exactly_the_seed_services(catalog: Catalog) -> None:
    region = catalog.region(REGION)
    assert region.name == "大冶市"
    assert {s.code: s.name for s in region.services} == {c: e["name"] for c, e in EXPECTED.items()}
    assert len(region.services) == 29
    # seed order
    assert [s.code for s in region.services] == CODES


@pytest.mark.parametrize("code", CODES)
def test_name_group_and_code_kind(catalog: Catalog, code: str) -> None:
    s, e = svc(catalog, code), EXPECTED[code]
    assert s.name == e["name"]
    assert s.group.name == e["group"]
    assert s.local_code is e["local"]
    if e["local"]:
        assert code not in catalog.national_codes
    else:
        assert code in catalog.national_codes
        assert code[:10] == s.group.id[:10]


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


@pytest.mark.parametrize(
    ("code", "answers", "names"),
    [(c, a, n) for c, e in EXPECTED.items() for a, n in e["checklists"]],
)
def test_materials_in_seed_order(catalog: Catalog, code: str, answers: dict[str, str], names: list[str]) -> None:
    assert applying(svc(catalog, code), {**answers}) == names


@pytest.mark.parametrize("code", CODES)
def test_no_material_beyond_the_checklists(catalog: Catalog, code: str) -> None:
    """Every material of the service shows up in at least one of the seed's scenarios above."""
    seen = {n for _, names in EXPECTED[code]["checklists"] for n in names}
    assert {m.name for m in svc(catalog, code).materials} == seen


@pytest.mark.parametrize("code", CODES)
def test_flags_only_where_the_seed_states_them(catalog: Catalog, code: str) -> None:
    s, flags = svc(catalog, code), EXPECTED[code]["flags"]
    assert set(flags) <= {m.id for m in s.materials}
    for m in s.materials:
        want: dict[str, Any] = {"original": None, "copies": None, "stamp": None, "alternatives": ()}
        want.update(flags.get(m.id, {}))
        got = {"original": m.original, "copies": m.copies, "stamp": m.stamp, "alternatives": m.alternatives}
        assert got == want, m.id
        # the seed says nothing about 容缺 or paper handling
        assert m.may_gap is None and m.paper is None, m.id
        assert m.gap_deadline_working_days is None and m.gap_submit_by == "", m.id


@pytest.mark.parametrize(
    ("code", "answers", "limit"),
    [(c, a, t) for c, e in EXPECTED.items() for a, t in e["time"]],
)
def test_time_limit(catalog: Catalog, code: str, answers: dict[str, str], limit: tuple[str, int | None]) -> None:
    s = svc(catalog, code)
    applied = applied_time_limit(s.time_limit, resolve_answers(s, answers))
    amount = {"working_days": applied.working_days, "months": applied.months, "immediate": None}[applied.kind]
    assert (applied.kind, amount) == limit


@pytest.mark.parametrize("code", CODES)
def test_levels_and_phone(catalog: Catalog, code: str) -> None:
    s, e = svc(catalog, code), EXPECTED[code]
    assert s.levels == e["levels"]
    assert s.contact_phone == e["phone"]


def test_resident_enrolment_refuses_employee_insured(catalog: Catalog, calendar: Calendar) -> None:
    s = svc(catalog, "002036001003")
    v = evaluate(s, {"in_employee_insurance": "是"}, {}, dt.date(2026, 11, 20), calendar)
    assert v.verdict == "reject" and "职工医保" in v.reject_reasons[0]


def test_time_limit_texts(catalog: Catalog) -> None:
    texts = {c: svc(catalog, c).time_limit.text for c in CODES}
    assert texts["002036003002"] == "不超过9个工作日（不含资料邮寄时间）"
    assert texts["002036004001"] == "即时办结（承诺制），2个工作日（提交材料）"
    assert texts["002036004004"] == "即时办结（线下市级），2个工作日（线上、线下乡镇、村）"
    assert texts["002036009001"] == "随时受理申报，材料齐全的在收到后10个工作日内出具受理或不受理的回执单。"


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
