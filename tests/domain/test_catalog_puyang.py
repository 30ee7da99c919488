"""濮阳县 (seed 003) catalog, checked against the reviewer's own reading of the seed.

The seed (濮阳县医疗保障经办政务服务事项流程图目录) holds a list of flowchart titles, then 28 blocks
"办理材料：… 注：…" each followed by its flowchart boxes. Every expected value below was written from that text,
not from the YAML; the test does not read the seed at run time.

Readings of the seed that are a choice, kept as the data has them:
- Titles 1–3, 17–19 and 22 are lost in the text. Their blocks are matched to the 河南省 list by position, and
  the content fits: 1 单位 (营业执照…), 2 在职职工/灵活就业人员, 3 有效身份证件 + 城乡居民登记表, 17 门（急）诊费用
  总清单 + 处方, 18 住院费用总清单 + 诊断证明, 19 费用清单 (产前检查), 22 only 病历资料 + 申请表 (生育津贴).
  Their names are the national list's (services/untitled-blocks.yaml).
- The seed states no time limit, agency, phone, target or channel anywhere: all time limits are unspecified.
- 单位有效证明文件 "指营业执照、统一社会信用代码证书或介绍信等": the list ends with 等, so no alternatives.
- "X或Y或Z" in a material name (医保电子凭证或有效身份证件或社保卡 …) is read as alternatives.
- 收费票据 "提供电子发票或纸质票据均可以，若提供纸质收费票据…需加盖就诊医疗机构专用章": alternatives
  (电子发票, 纸质票据) and no stamp, since the stamp applies only to paper. Only block 23's 注 stamps the 票据 outright.
- 注 lines that make a material conditional ("关键信息…变更", "因死亡支取", "通过数据共享无法查询死亡信息",
  "主动放弃", "办理更改、暂停、恢复和终止备案", "异地急诊人员（精神病患者）", "符合规定的离职女职工",
  "符合规定的男职", "符合救助条件但未经认定", "首次参保登记时填写") are asked through a scenario question.
  For 城乡居民参保登记 the question 是否首次参保登记 defaults to 是 (the registration table is then listed).
- 职工参保信息变更登记 "(关键信息变更加盖单位公章)": the same table is listed once, stamped only on key-info change.
- 异地急诊人员（精神病患者）"可提供" 急诊诊断证明（精神病诊断证明）: it replaces the 转诊转院证明 as an alternative.
- Steps: the flowchart's main boxes, spacing dropped. The text of flowcharts 18, 19 and 24 starts at
  "材料不齐全" (no 申请 box extracted), yet the data lists 申请 (every other flowchart starts with it);
  flowchart 28 is cut off after 拨付 and is kept without 办结; flowchart 21 has no 拨付 box. Only one flowchart
  (申请, 受理, 审核, 办结) is in the text for 25 and 26 together. 门诊慢性病 (16) has its own boxes; its two
  arrow texts are attached to the step they lead into.
"""

from __future__ import annotations

from typing import Any

import pytest

from yibao_desk.domain.catalog import Catalog, Service
from yibao_desk.domain.checklist import applied_time_limit, build_checklist, resolve_answers

REGION = "puyang"

CRED = "医保电子凭证或有效身份证件或社保卡"
CRED_ALTS = {"alternatives": ("医保电子凭证", "有效身份证件", "社保卡")}
INVOICE = "医院收费票据"
INVOICE_ALTS = {"alternatives": ("电子发票", "纸质票据")}
MATERNITY_FORM = "《河南省职工生育保险待遇申请表》"
UNIT_SEAL = {"stamp": "单位公章"}
CLINIC_SEAL = {"stamp": "就诊医疗机构专用章"}
PAPER_INVOICE_NOTE = (
    "收费票据提供电子发票或纸质票据均可以，若提供纸质收费票据（财政票据是指收据联，税务票据是指发票联），"
    "需加盖就诊医疗机构专用章。"
)
REMOTE_NOTE = "办理更改、暂停、恢复和终止备案的，只需医保电子凭证或有效身份证件。"

S4 = ["申请", "受理", "审核", "办结"]
S5 = ["申请", "受理", "审核", "拨付", "办结"]
QUERY = ["申请", "受理", "办结"]


def _remote_filing(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "group": "00203600400Y",
        "steps": S4,
        "checklists": [
            ({}, [CRED, "《河南省异地就医登记备案表》"]),
            ({"record_change": "是"}, ["医保电子凭证或有效身份证件"]),
        ],
        "flags": {
            "insurance-credential": CRED_ALTS,
            "change-credential": {"alternatives": ("医保电子凭证", "有效身份证件")},
        },
        "forms": ["remote-care"],
        "form_links": {"remote-care-form": "remote-care"},
        "notes": [REMOTE_NOTE],
    }


def _maternity_claim(steps: list[str]) -> dict[str, Any]:
    """Blocks 20 and 21 (生育医疗费, 计划生育医疗费) have the same 办理材料 and 注."""
    base = [CRED, INVOICE, "费用总清单", "病历资料", MATERNITY_FORM]
    return {
        "steps": steps,
        "group": "00203600700Y",
        "checklists": [({}, base), ({"resigned_female": "是"}, [*base, "无业承诺书"])],
        "flags": {
            "insurance-credential": CRED_ALTS,
            "hospital-invoice": INVOICE_ALTS,
            "cost-list": CLINIC_SEAL,
            "medical-records": CLINIC_SEAL,
        },
        "forms": ["maternity-benefit-apply", "no-employment-commitment"],
        "form_links": {"maternity-form": "maternity-benefit-apply", "no-job-commitment": "no-employment-commitment"},
        "notes": ["费用总清单和病历资料需加盖就诊医疗机构专用章；" + PAPER_INVOICE_NOTE],
    }


# code -> name, group id, steps, checklists [(answers, names of applying materials in seed order)],
# flags {material id: {stamp/alternatives}} (every other material: none; no material states original, copies,
# 容缺 or paper handling), forms (service), form_links {material id: form id}, notes (the seed's 注, verbatim).
EXPECTED: dict[str, dict[str, Any]] = {
    # ── block 1 (title lost) ──
    "002036001001": {
        "name": "单位参保登记",
        "group": "00203600100Y",
        "steps": S4,
        "checklists": [
            ({}, ["营业执照或统一社会信用代码证书或单位批准成立的文件", "《基本医疗保险单位参保信息登记表》"])
        ],
        "flags": {
            "unit-proof": {"alternatives": ("营业执照", "统一社会信用代码证书", "单位批准成立的文件")},
            "unit-enroll-form": UNIT_SEAL,
        },
        "forms": ["unit-enroll"],
        "form_links": {"unit-enroll-form": "unit-enroll"},
        "notes": [],
    },
    # ── block 2 (title lost) ──
    "002036001002": {
        "name": "职工参保登记",
        "group": "00203600100Y",
        "steps": S4,
        "checklists": [
            ({}, ["《职工基本医疗保险参保登记表》", "参保人员有效身份证件复印件"]),  # 在职职工
            ({"flexible_employment": "是"}, ["有效身份证件", "《职工基本医疗保险参保登记表》"]),
            ({"special_group": "是"}, ["《职工基本医疗保险参保登记表》", "参保人员有效身份证件复印件", "辅助材料"]),
            (
                {"flexible_employment": "是", "special_group": "是"},
                ["有效身份证件", "《职工基本医疗保险参保登记表》", "辅助材料"],
            ),
        ],
        # 在职职工's table is stamped (加盖单位公章); 灵活就业人员's is not
        "flags": {"employee-enroll-form-stamped": UNIT_SEAL},
        "forms": ["employee-enroll"],
        "form_links": {"employee-enroll-form-stamped": "employee-enroll", "employee-enroll-form": "employee-enroll"},
        "notes": [],
    },
    # ── block 3 (title lost) ──
    "002036001003": {
        "name": "城乡居民参保登记",
        "group": "00203600100Y",
        "steps": S4,
        "checklists": [
            ({}, ["有效身份证件", "《城乡居民基本医疗保险参保登记表》"]),
            ({"first_enroll": "否"}, ["有效身份证件"]),
        ],
        "flags": {},
        "forms": ["resident-enroll"],
        "form_links": {"resident-enroll-form": "resident-enroll"},
        "notes": [],
    },
    "002036001004": {
        "name": "单位参保信息变更登记",
        "group": "00203600100Y",
        "steps": S4,
        "checklists": [
            ({}, ["《基本医疗保险参保单位信息变更登记表》"]),
            (
                {"key_info_change": "是"},
                [
                    "《基本医疗保险参保单位信息变更登记表》",
                    "营业执照复印件，或统一社会信用代码证书复印件，或批准单位变更的文件",
                ],
            ),
        ],
        "flags": {
            "unit-change-form": UNIT_SEAL,
            "license-copy": {"alternatives": ("营业执照复印件", "统一社会信用代码证书复印件", "批准单位变更的文件")},
        },
        "forms": ["unit-change"],
        "form_links": {"unit-change-form": "unit-change"},
        "notes": None,  # the seed has no 注 here (material 2's text is repeated in notes; harmless)
    },
    "002036001005": {
        "name": "职工参保信息变更登记",
        "group": "00203600100Y",
        "steps": S4,
        "checklists": [
            ({}, [CRED, "《基本医疗保险职工参保信息变更登记表》"]),
            ({"key_info_change": "是"}, [CRED, "《基本医疗保险职工参保信息变更登记表》"]),
        ],
        "flags": {"insurance-credential": CRED_ALTS, "employee-change-form-stamped": UNIT_SEAL},
        "forms": ["employee-change"],
        "form_links": {"employee-change-form": "employee-change", "employee-change-form-stamped": "employee-change"},
        "notes": ["关键信息包含姓名、性别、身份证号、出生日期。"],
    },
    "002036001006": {
        "name": "城乡居民参保信息变更登记",
        "group": "00203600100Y",
        "steps": S4,
        "checklists": [
            ({}, [CRED, "《基本医疗保险城乡居民参保信息变更登记表》"]),
            ({"key_info_change": "是"}, [CRED, "《基本医疗保险城乡居民参保信息变更登记表》", "必要的对应辅助材料"]),
        ],
        "flags": {"insurance-credential": CRED_ALTS},
        "forms": ["resident-change"],
        "form_links": {"resident-change-form": "resident-change"},
        "notes": ["关键信息（姓名、性别、身份证号、出生日期）变更需提供必要的对应辅助材料。"],
    },
    "002036002001": {
        "name": "参保单位参保信息查询",
        "group": "00203600200Y",
        "steps": QUERY,
        "checklists": [({}, ["单位有效证明文件"])],
        "flags": {},  # "营业执照、统一社会信用代码证书或介绍信等" is an open list: no alternatives
        "forms": [],
        "form_links": {},
        "notes": ["单位有效证明文件指营业执照、统一社会信用代码证书或介绍信等。"],
    },
    "002036002002": {
        "name": "参保人员参保信息查询",
        "group": "00203600200Y",
        "steps": QUERY,
        "checklists": [({}, [CRED])],
        "flags": {"insurance-credential": CRED_ALTS},
        "forms": [],
        "form_links": {},
        "notes": [],
    },
    "002036002003": {
        "name": "参保人员个人账户一次性支取",
        "group": "00203600200Y",
        "steps": S5,
        "checklists": [
            ({}, [CRED, "《职工基本医疗保险个人账户一次性支取申请表》"]),
            ({"death": "是"}, [CRED, "《职工基本医疗保险个人账户一次性支取申请表》", "继承人身份证", "银行卡账户信息"]),
            (
                {"death": "是", "death_info_shared": "否"},
                [CRED, "《职工基本医疗保险个人账户一次性支取申请表》", "继承人身份证", "银行卡账户信息", "个人承诺书"],
            ),
            ({"death": "否", "death_info_shared": "否"}, [CRED, "《职工基本医疗保险个人账户一次性支取申请表》"]),
            (
                {"give_up_insurance": "是"},
                [CRED, "《职工基本医疗保险个人账户一次性支取申请表》", "主动放弃基本医疗保险的情况说明"],
            ),
        ],
        "flags": {"insurance-credential": CRED_ALTS},
        "forms": ["account-withdraw", "personal-commitment"],
        "form_links": {"withdraw-form": "account-withdraw", "heir-commitment": "personal-commitment"},
        "notes": [
            "因死亡支取的提供继承人身份证、银行卡账户信息，通过数据共享无法查询死亡信息的，继承人应提供个人承诺书。"
            "主动放弃参加职工基本医疗保险的，需提供主动放弃基本医疗保险的情况说明。"
        ],
    },
    "002036003001": {
        "name": "出具《参保凭证》",
        "group": "00203600300Y",
        "steps": S4,
        "checklists": [({}, [CRED])],
        "flags": {"insurance-credential": CRED_ALTS},
        "forms": ["insurance-cert"],  # the document the service issues
        "form_links": {},
        "notes": [],
    },
    "002036003002": {
        "name": "转移接续手续办理",
        "group": "00203600300Y",
        "steps": S4,
        "checklists": [({}, [CRED, "《参保凭证》"])],
        "flags": {"insurance-credential": CRED_ALTS},
        "forms": ["insurance-cert"],
        "form_links": {"insurance-cert": "insurance-cert"},
        "notes": ["由转入地经办机构受理并负责办结。"],
    },
    "002036004001": _remote_filing("异地安置退休人员备案"),
    "002036004002": _remote_filing("异地长期居住人员备案"),
    "002036004003": _remote_filing("常驻异地工作人员备案"),
    "002036004004": {
        "name": "异地转诊人员备案",
        "group": "00203600400Y",
        "steps": S4,
        "checklists": [
            ({}, [CRED, "具有转诊资质的定点医疗机构开具的转诊转院证明材料"]),
            (
                {"emergency": "是"},
                [CRED, "具有转诊资质的定点医疗机构开具的转诊转院证明材料或急诊诊断证明（精神病诊断证明）"],
            ),
        ],
        "flags": {
            "insurance-credential": CRED_ALTS,
            "referral-or-emergency-proof": {
                "alternatives": ("具有转诊资质的定点医疗机构开具的转诊转院证明材料", "急诊诊断证明（精神病诊断证明）")
            },
        },
        "forms": [],  # block 15 lists no 备案表
        "form_links": {},
        "notes": ["异地急诊人员（精神病患者）可提供急诊诊断证明（精神病诊断证明）。"],
    },
    "002036005001": {
        # the title is broken over two lines in the seed: "…享受门诊慢性病" / "病种待遇认定"
        "name": "基本医疗保险参保人员享受门诊慢性病病种待遇认定",
        "group": "00203600500Y",
        "steps": [
            "申请受理",
            "审核认定。医保经办部门组织专家对申报材料/或体检材料进行审核，认定结果",
            "办结。医保经办部门将认定结果人员名单通知相关申请人员",
        ],
        "checklists": [({}, [CRED, "《门诊慢特病病种待遇认定申请表》", "病历资料或检查资料"])],
        "flags": {"insurance-credential": CRED_ALTS, "medical-records": {"alternatives": ("病历资料", "检查资料")}},
        "forms": ["chronic-disease"],
        "form_links": {"chronic-disease-form": "chronic-disease"},
        "notes": [],
    },
    # ── block 17 (title lost) ──
    "002036006001": {
        "name": "门诊费用报销",
        "group": "00203600600Y",
        "steps": S5,
        "checklists": [({}, [CRED, INVOICE, "门（急）诊费用总清单", "处方"])],
        "flags": {"insurance-credential": CRED_ALTS, "hospital-invoice": INVOICE_ALTS, "cost-list": CLINIC_SEAL},
        "forms": [],
        "form_links": {},
        "notes": ["费用总清单需加盖就诊医疗机构专用章；" + PAPER_INVOICE_NOTE],
    },
    # ── block 18 (title lost) ── (flowchart text has no 申请 box; see module docstring)
    "002036006002": {
        "name": "住院费用报销",
        "group": "00203600600Y",
        "steps": S5,
        "checklists": [({}, [CRED, INVOICE, "住院费用总清单", "诊断证明"])],
        "flags": {
            "insurance-credential": CRED_ALTS,
            "hospital-invoice": INVOICE_ALTS,
            "cost-list": CLINIC_SEAL,
            "diagnosis": CLINIC_SEAL,
        },
        "forms": [],
        "form_links": {},
        "notes": ["诊断证明和费用总清单需加盖就诊医疗机构专用章；" + PAPER_INVOICE_NOTE],
    },
    # ── block 19 (title lost) ── (flowchart text has no 申请 box)
    "002036007001": {
        "name": "产前检查费支付",
        "group": "00203600700Y",
        "steps": S5,
        "checklists": [
            ({}, [CRED, INVOICE, "费用清单", MATERNITY_FORM]),
            ({"resigned_female": "是"}, [CRED, INVOICE, "费用清单", MATERNITY_FORM, "无业承诺书"]),
        ],
        "flags": {"insurance-credential": CRED_ALTS, "hospital-invoice": INVOICE_ALTS, "cost-list": CLINIC_SEAL},
        "forms": ["maternity-benefit-apply", "no-employment-commitment"],
        "form_links": {"maternity-form": "maternity-benefit-apply", "no-job-commitment": "no-employment-commitment"},
        "notes": ["费用清单需加盖就诊医疗机构专用章；" + PAPER_INVOICE_NOTE],
    },
    "002036007002": {"name": "生育医疗费支付", **_maternity_claim(S5)},
    "002036007003": {"name": "计划生育医疗费支付", **_maternity_claim(S4)},  # flowchart 21 has no 拨付 box
    # ── block 22 (title lost) ──
    "002036007004": {
        "name": "生育津贴支付",
        "group": "00203600700Y",
        "steps": S5,
        "checklists": [({}, [CRED, "病历资料", MATERNITY_FORM])],
        "flags": {"insurance-credential": CRED_ALTS, "medical-records": CLINIC_SEAL},
        "forms": ["maternity-benefit-apply"],
        "form_links": {"maternity-form": "maternity-benefit-apply"},
        "notes": ["病历资料需加盖就诊医疗机构专用章。"],
    },
    "002036007005": {
        "name": "一次性生育补助金支付",
        "group": "00203600700Y",
        "steps": S5,
        "checklists": [
            ({}, [CRED, INVOICE, "费用总清单", "病历资料", MATERNITY_FORM]),
            ({"male_employee": "是"}, [CRED, INVOICE, "费用总清单", "病历资料", MATERNITY_FORM, "配偶无业承诺书"]),
        ],
        # 注 stamps all three without the paper/electronic proviso
        "flags": {
            "insurance-credential": CRED_ALTS,
            "hospital-invoice": CLINIC_SEAL,
            "cost-list": CLINIC_SEAL,
            "medical-records": CLINIC_SEAL,
        },
        "forms": ["maternity-benefit-apply"],
        "form_links": {"maternity-form": "maternity-benefit-apply"},
        "notes": ["医院收费票据、费用总清单、病历资料需加盖就诊医疗机构专用章。"],
    },
    # seed title 医疗救助对象手工（零星）报销; national 住院医疗费用手工（零星）报销 (group 00203600800Y)
    "002036008002": {
        "name": "医疗救助对象手工（零星）报销",
        "group": "00203600800Y",
        "steps": S5,  # flowchart text has no 申请 box
        "checklists": [
            ({}, [CRED, "基本医保、大病保险报销后的结算单或定点医疗机构处方底方或定点药店购药发票"]),
            (
                {"aid_not_certified": "是"},
                [
                    CRED,
                    "基本医保、大病保险报销后的结算单或定点医疗机构处方底方或定点药店购药发票",
                    "《医疗救助申请卡》",
                    "《个人家庭经济状况核查委托授权书》",
                ],
            ),
        ],
        "flags": {
            "insurance-credential": CRED_ALTS,
            "settlement-or-prescription": {
                "alternatives": ("基本医保、大病保险报销后的结算单", "定点医疗机构处方底方", "定点药店购药发票")
            },
        },
        "forms": ["medical-aid-card", "economic-check-authorization"],
        "form_links": {"aid-card": "medical-aid-card", "economic-check-authorization": "economic-check-authorization"},
        "notes": [
            "符合救助条件但未经认定的应提供《医疗救助申请卡》和《个人家庭经济状况核查委托授权书》，由相关部门认定后进行报销。"
        ],
    },
    # 25–28: no 办理材料 in the seed, only flowcharts
    "002036009001": {
        "name": "医疗机构申请定点协议管理",
        "group": "00203600900Y",
        "steps": S4,
        "checklists": [({}, [])],
        "flags": {},
        "forms": [],
        "form_links": {},
        "notes": None,
    },
    "002036009002": {
        "name": "零售药店申请定点协议管理",
        "group": "00203600900Y",
        "steps": S4,
        "checklists": [({}, [])],
        "flags": {},
        "forms": [],
        "form_links": {},
        "notes": None,
    },
    "002036010001": {
        "name": "基本医疗保险定点医疗机构费用结算",
        "group": "00203601000Y",
        "steps": S5,
        "checklists": [({}, [])],
        "flags": {},
        "forms": [],
        "form_links": {},
        "notes": None,
    },
    "002036010002": {
        "name": "基本医疗保险定点零售药店费用结算",
        "group": "00203601000Y",
        "steps": ["申请", "受理", "审核", "拨付"],  # the text ends after 拨付
        "checklists": [({}, [])],
        "flags": {},
        "forms": [],
        "form_links": {},
        "notes": None,
    },
}

CODES = list(EXPECTED)

# Where the same table appears twice (stamped / not stamped), which one applies: (code, answers, {name: stamp}).
STAMPS_BY_SCENARIO: list[tuple[str, dict[str, str], dict[str, str | None]]] = [
    ("002036001002", {}, {"《职工基本医疗保险参保登记表》": "单位公章", "参保人员有效身份证件复印件": None}),
    ("002036001002", {"flexible_employment": "是"}, {"有效身份证件": None, "《职工基本医疗保险参保登记表》": None}),
    ("002036001005", {}, {CRED: None, "《基本医疗保险职工参保信息变更登记表》": None}),
    ("002036001005", {"key_info_change": "是"}, {CRED: None, "《基本医疗保险职工参保信息变更登记表》": "单位公章"}),
]


def svc(catalog: Catalog, code: str) -> Service:
    return catalog.region(REGION).service(code)


def applying(service: Service, answers: dict[str, str]) -> list[str]:
    return [i.material.name for i in build_checklist(service, answers) if i.applies]


def test_region_has_exactly_the_seed_services(catalog: Catalog) -> None:
    region = catalog.region(REGION)
    assert region.name == "濮阳县"
    assert {s.code: s.name for s in region.services} == {c: e["name"] for c, e in EXPECTED.items()}
    assert len(region.services) == 28
    assert sum(len(s.materials) for s in region.services) == 81


def test_profile(catalog: Catalog) -> None:
    p = catalog.region(REGION).profile
    assert (p.name, p.province, p.seed) == ("濮阳县", "河南省", "003")
    # the seed names no agency (the brief chose it), no hall address and no phone
    assert p.agency == "濮阳县医疗保障局"
    assert p.hall_address == ""
    assert p.phones.consultation == () and p.phones.supervision == () and p.phones.directory == ()
    assert [g.id for g in p.groups] == [f"00203600{n}00Y" for n in range(1, 10)] + ["00203601000Y"]


@pytest.mark.parametrize("code", CODES)
def test_name_group_steps_and_national_code(catalog: Catalog, code: str) -> None:
    s, e = svc(catalog, code), EXPECTED[code]
    assert s.name == e["name"]
    assert s.group.id == e["group"]
    assert s.local_code is False
    assert code in catalog.national_codes
    assert list(s.steps) == e["steps"]
    # nothing of this kind is in the seed
    assert (s.acceptance_unit, s.target, s.channels, s.levels, s.contact_phone) == ("", "", (), (), None)


@pytest.mark.parametrize(
    ("code", "answers", "names"),
    [(c, a, n) for c, e in EXPECTED.items() for a, n in e["checklists"]],
)
def test_materials_in_seed_order(catalog: Catalog, code: str, answers: dict[str, str], names: list[str]) -> None:
    assert applying(svc(catalog, code), {**answers}) == names


@pytest.mark.parametrize("code", CODES)
def test_every_material_appears_in_some_checklist(catalog: Catalog, code: str) -> None:
    s = svc(catalog, code)
    seen = {i.material.id for a, _ in EXPECTED[code]["checklists"] for i in build_checklist(s, a) if i.applies}
    assert seen == {m.id for m in s.materials}


@pytest.mark.parametrize("code", CODES)
def test_flags_only_where_the_seed_states_them(catalog: Catalog, code: str) -> None:
    s, flags = svc(catalog, code), EXPECTED[code]["flags"]
    assert set(flags) <= {m.id for m in s.materials}
    for m in s.materials:
        want: dict[str, Any] = {"original": None, "copies": None, "stamp": None, "alternatives": ()}
        want.update(flags.get(m.id, {}))
        got = {"original": m.original, "copies": m.copies, "stamp": m.stamp, "alternatives": m.alternatives}
        assert got == want, m.id
        # the seed says nothing about 容缺, common mistakes or paper handling
        assert m.may_gap is None and m.paper is None and m.gap_deadline_working_days is None, m.id
        assert m.common_mistakes == () and m.gap_submit_by == "", m.id


@pytest.mark.parametrize(("code", "answers", "stamps"), STAMPS_BY_SCENARIO)
def test_stamped_table_only_where_the_seed_says(
    catalog: Catalog, code: str, answers: dict[str, str], stamps: dict[str, str | None]
) -> None:
    s = svc(catalog, code)
    assert {i.material.name: i.material.stamp for i in build_checklist(s, answers) if i.applies} == stamps


@pytest.mark.parametrize("code", CODES)
def test_forms_and_their_titles_as_the_seed_names_them(catalog: Catalog, code: str) -> None:
    s, e = svc(catalog, code), EXPECTED[code]
    region = catalog.region(REGION)
    assert list(s.forms) == e["forms"]
    assert {m.id: m.form for m in s.materials if m.form} == e["form_links"]
    for mid, form_id in e["form_links"].items():
        # the printed title is the one the seed writes in the material's name (个人承诺书 is written without 《》)
        title = region.form_title(form_id, catalog.forms[form_id].title)
        assert s.material(mid).name.removeprefix("《").removesuffix("》") == title


@pytest.mark.parametrize("code", CODES)
def test_notes_hold_the_seed_notes_verbatim(catalog: Catalog, code: str) -> None:
    want = EXPECTED[code]["notes"]
    if want is None:  # no 注 in the seed; the data keeps flowchart side boxes or repeats a material's text
        return
    assert [n for n in svc(catalog, code).notes if not n.startswith("名称据国家事项清单补全")] == want


@pytest.mark.parametrize("code", CODES)
def test_time_limit_unspecified(catalog: Catalog, code: str) -> None:
    s = svc(catalog, code)
    assert s.time_limit.kind == "unspecified" and s.time_limit.text == "" and s.time_limit.variants == ()
    applied = applied_time_limit(s.time_limit, resolve_answers(s, {}))
    assert applied.kind == "unspecified"


def test_no_scenario_rejects_a_case(catalog: Catalog) -> None:
    # the seed states no 服务对象, so nothing puts a case out of scope
    for code in CODES:
        assert all(s.reject == () for s in svc(catalog, code).scenarios), code
