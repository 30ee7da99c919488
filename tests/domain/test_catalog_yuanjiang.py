"""沅江市 catalog (seed 001, 《沅江市医疗保障经办政务服务事项办事指南》) checked against the seed, item by item.

The expected values below were written from a reading of the seed text; the test does not read the seed.
Conventions (shared with the data, see docs/seed-notes/yuanjiang.md):
- a material's name is the text the seed lists, without a trailing parenthetical remark such as （加盖单位公章）
  or （必要时）; that remark is the requirement (and gives the stamp);
- "A或B或C" in a material's text → alternatives; "A、B" → two materials;
- original / copies / stamp are set only where the seed states them; the seed never states 容缺 (may_gap)
  or 纸质材料去向 (paper), so those are None everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from yibao_desk.domain.catalog import Catalog, Material, Service
from yibao_desk.domain.checklist import build_checklist, evaluate
from yibao_desk.domain.working_days import Calendar

REGION = "yuanjiang"

# ---------------------------------------------------------------- recurring texts
ID3 = "医保电子凭证或有效身份证件或社保卡"
ID3_ALT = ("医保电子凭证", "有效身份证件", "社保卡")
UNIT = {"stamp": "单位公章"}
HOSP = {"stamp": "医院印章"}
ORIG = {"original": True}
INVOICE = "医药机构发票原件"
REMOTE_FORM = "《沅江市异地就医备案登记表》"
ALLOWANCE_FORM = "《沅江市生育津贴(一次性生育补助金)申领表》"
# 职工参保登记（002036001002）备注②：委托办理的，应提供委托人及代理人身份证件原件及委托人授权委托书（下同）。
# "下同" carries the rule to every following personal service (docs/seed-notes/yuanjiang.md, 「（下同）的适用」):
# scenario `entrusted`, and these two materials (ids principal-agent-id, power-of-attorney) at the end of the list.
ENTRUSTED = ["委托人及代理人身份证件原件", "委托人授权委托书"]
ENTRUSTED_FLAGS: dict[str, dict[str, Any]] = {"委托人及代理人身份证件原件": ORIG}


@dataclass(frozen=True)
class Case:
    """A scenario and the material names that apply in it, in order; `flags` overrides per name in this case."""

    answers: dict[str, str]
    names: list[str]
    flags: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Expect:
    name: str
    materials: list[str]  # every material of the service, in seed order
    limit: tuple[str, int | None]  # (kind, amount): working_days → days, months → months, else None
    limit_text: str
    cases: list[Case]
    flags: dict[str, dict[str, Any]] = field(default_factory=dict)  # by material name
    variants: list[tuple[dict[str, str], str]] = field(default_factory=list)  # (when, kind)


def always(names: list[str]) -> list[Case]:
    return [Case({}, names)]


def personal(names: list[str]) -> list[Case]:
    """An individual's service with no scenario of its own: `names`; with 委托办理 also the two (下同) materials."""
    return [Case({}, names), Case({"entrusted": "是"}, [*names, *ENTRUSTED])]


EXPECTED: dict[str, Expect] = {
    # ============================================================ 第一部分 基本医疗保险参保和变更登记
    "002036001001": Expect(
        "单位参保登记",
        m := [
            "统一社会信用代码证书或单位批准成立的文件",
            "《沅江市基本医疗保险单位参保信息登记表》",
            "劳动合同备案表",
            "单位职工花名册",
            "法人代表身份证复印件",
        ],
        ("working_days", 5),
        "不超过5个工作日",
        always(m),
        flags={
            "统一社会信用代码证书或单位批准成立的文件": {
                "alternatives": ("统一社会信用代码证书", "单位批准成立的文件")
            },
            "《沅江市基本医疗保险单位参保信息登记表》": UNIT,
        },
    ),
    "002036001002": Expect(
        "职工参保登记",
        [
            "《沅江市职工基本医疗保险参保登记表》（含增加、中断、终止、恢复、在职转退休）",
            "参保相关证明材料",
            "参保人员有效身份证件复印件",
            "有效身份证件",
            "《沅江市职工基本医疗保险参保登记表》",
            "外地职工医保参保凭证",
            "港澳居民来往内地通行证或港澳台居民居住证",
            "建立劳动关系的证明",
            "外国人就业证件及居留证件，或外国人永久居留证",
            "护照或永久居留证",
            "退休审批材料",
            "委托人及代理人身份证件原件",
            "委托人授权委托书",
        ],
        ("working_days", 5),
        "在职职工不超过5个工作日；灵活就业人员即时办结",
        [
            employed := Case(
                {},
                [
                    "《沅江市职工基本医疗保险参保登记表》（含增加、中断、终止、恢复、在职转退休）",
                    "参保相关证明材料",
                    "参保人员有效身份证件复印件",
                ],
            ),
            Case({"applicant_type": "灵活就业人员"}, ["有效身份证件", "《沅江市职工基本医疗保险参保登记表》"]),
            # 外地职工医保参保凭证（必要时）: only when needed, not for every flexible worker
            Case(
                {"applicant_type": "灵活就业人员", "other_place_cert_needed": "是"},
                ["有效身份证件", "《沅江市职工基本医疗保险参保登记表》", "外地职工医保参保凭证"],
            ),
            Case(
                {"special_group_type": "港澳台人员"},
                [*employed.names, "港澳居民来往内地通行证或港澳台居民居住证", "建立劳动关系的证明"],
            ),
            Case(
                {"special_group_type": "外国人"},
                [*employed.names, "外国人就业证件及居留证件，或外国人永久居留证"],
            ),
            Case({"special_group_type": "出国定居"}, [*employed.names, "护照或永久居留证"]),
            Case({"special_group_type": "在职转退休"}, [*employed.names, "退休审批材料"]),
            Case({"entrusted": "是"}, [*employed.names, "委托人及代理人身份证件原件", "委托人授权委托书"]),
        ],
        flags={
            "《沅江市职工基本医疗保险参保登记表》（含增加、中断、终止、恢复、在职转退休）": UNIT,
            # the flexible worker's form: no stamp (表注：灵活就业人员无需单位盖章)
            "港澳居民来往内地通行证或港澳台居民居住证": {
                "alternatives": ("港澳居民来往内地通行证", "港澳台居民居住证")
            },
            "外国人就业证件及居留证件，或外国人永久居留证": {
                "alternatives": ("外国人就业证件及居留证件", "外国人永久居留证")
            },
            "护照或永久居留证": {"alternatives": ("护照", "永久居留证")},
            "委托人及代理人身份证件原件": ORIG,
        },
        variants=[({"applicant_type": "灵活就业人员"}, "immediate")],
    ),
    "002036001003": Expect(
        "城乡居民参保登记",
        [
            "有效身份证件",
            "《沅江市城乡居民基本医疗保险参保登记表》",
            "《沅江市城乡居民基本医疗保险参保登记汇总表》",
            *ENTRUSTED,
        ],
        ("immediate", None),
        "即时办结",
        [
            Case({}, ["有效身份证件", "《沅江市城乡居民基本医疗保险参保登记表》"]),
            Case({"entrusted": "是"}, ["有效身份证件", "《沅江市城乡居民基本医疗保险参保登记表》", *ENTRUSTED]),
            # AMBIGUOUS (kept as the data has it): 备注 "在校学生由所在学校统一上报《…汇总表》" may mean the summary
            # REPLACES the individual ID + form for students; the data adds it on top. Flagged for the lead.
            Case(
                {"school_student": "是"},
                [
                    "有效身份证件",
                    "《沅江市城乡居民基本医疗保险参保登记表》",
                    "《沅江市城乡居民基本医疗保险参保登记汇总表》",
                ],
            ),
        ],
        flags={"《沅江市城乡居民基本医疗保险参保登记汇总表》": {"stamp": "学校公章"}},
    ),
    "002036001004": Expect(
        "单位参保信息变更登记",
        ["《沅江市基本医疗保险参保单位信息变更登记表》", "其它变更的证明材料", "必要的对应辅助材料"],
        ("immediate", None),
        "即时办结",
        [
            Case({}, ["《沅江市基本医疗保险参保单位信息变更登记表》", "其它变更的证明材料"]),
            Case(
                {"key_info_change": "是"},
                ["《沅江市基本医疗保险参保单位信息变更登记表》", "其它变更的证明材料", "必要的对应辅助材料"],
            ),
        ],
        flags={"《沅江市基本医疗保险参保单位信息变更登记表》": UNIT},
    ),
    "002036001005": Expect(
        "职工参保信息变更登记",
        [
            ID3,
            "《沅江市基本医疗保险职工参保信息变更登记表》",
            "《沅江市基本医疗保险职工参保信息变更登记表》",
            "必要的对应辅助材料",
            *ENTRUSTED,
        ],
        ("immediate", None),
        "即时办结",
        [
            Case(
                {},
                [ID3, "《沅江市基本医疗保险职工参保信息变更登记表》"],
                flags={"《沅江市基本医疗保险职工参保信息变更登记表》": UNIT},
            ),
            # 表注：灵活就业人员无需单位盖章和填写单位信息
            Case({"flexible_employment": "是"}, [ID3, "《沅江市基本医疗保险职工参保信息变更登记表》"]),
            Case(
                {"flexible_employment": "是", "entrusted": "是"},
                [ID3, "《沅江市基本医疗保险职工参保信息变更登记表》", *ENTRUSTED],
            ),
            Case(
                {"key_info_change": "是"},
                [ID3, "《沅江市基本医疗保险职工参保信息变更登记表》", "必要的对应辅助材料"],
                flags={"《沅江市基本医疗保险职工参保信息变更登记表》": UNIT},
            ),
        ],
        flags={ID3: {"alternatives": ID3_ALT}},
    ),
    "002036001006": Expect(
        "城乡居民参保信息变更登记",
        [ID3, "参保缴费凭证", "《沅江市基本医疗保险城乡居民参保信息变更登记表》", "必要的对应辅助材料", *ENTRUSTED],
        ("immediate", None),
        "即时办结",
        [
            Case({}, [ID3, "参保缴费凭证", "《沅江市基本医疗保险城乡居民参保信息变更登记表》"]),
            Case(
                {"entrusted": "是"},
                [ID3, "参保缴费凭证", "《沅江市基本医疗保险城乡居民参保信息变更登记表》", *ENTRUSTED],
            ),
            Case(
                {"key_info_change": "是"},
                [ID3, "参保缴费凭证", "《沅江市基本医疗保险城乡居民参保信息变更登记表》", "必要的对应辅助材料"],
            ),
        ],
        flags={ID3: {"alternatives": ID3_ALT}},
    ),
    "002036001007": Expect(
        "法定断档补缴",
        [
            "《沅江市基本医疗保险法定断档补缴申请表》",
            "《沅江市基本医疗保险法定断档补缴申请表》",
            "必要的对应辅助材料",
            *ENTRUSTED,
        ],
        ("working_days", 5),
        "不超过5个工作日",
        [
            Case(
                {},
                ["《沅江市基本医疗保险法定断档补缴申请表》"],
                flags={"《沅江市基本医疗保险法定断档补缴申请表》": UNIT},
            ),
            # 表注：灵活就业人员无需填写单位名称和单位编码 — the stamp sits in 单位名称（单位公章）: none for them
            Case({"flexible_employment": "是"}, ["《沅江市基本医疗保险法定断档补缴申请表》"]),
            Case(
                {"flexible_employment": "是", "entrusted": "是"},
                ["《沅江市基本医疗保险法定断档补缴申请表》", *ENTRUSTED],
            ),
            Case(
                {"identity_check": "是"},
                ["《沅江市基本医疗保险法定断档补缴申请表》", "必要的对应辅助材料"],
                flags={"《沅江市基本医疗保险法定断档补缴申请表》": UNIT},
            ),
        ],
    ),
    "002036001008": Expect(
        "退休人员医保管理",
        [
            "《沅江市退休人员基本医疗保险管理登记表》",
            "经人社部门审批的退休待遇核定（备案）材料",
            "医疗机构出具的《死亡医学证明》，或社区、公安机关出具的《死亡证明》",
            "单位变更（如注销或合并等）文件",
            "退休审批材料",
            "公示材料",
            *ENTRUSTED,
        ],
        ("working_days", 5),
        "不超过5个工作日",
        [
            Case(
                {"change_type": "退休工资变更"},
                ["《沅江市退休人员基本医疗保险管理登记表》", "经人社部门审批的退休待遇核定（备案）材料"],
            ),
            Case(
                {"change_type": "死亡停保"},
                [
                    "《沅江市退休人员基本医疗保险管理登记表》",
                    "医疗机构出具的《死亡医学证明》，或社区、公安机关出具的《死亡证明》",
                ],
            ),
            Case(
                {"change_type": "死亡停保", "entrusted": "是"},
                [
                    "《沅江市退休人员基本医疗保险管理登记表》",
                    "医疗机构出具的《死亡医学证明》，或社区、公安机关出具的《死亡证明》",
                    *ENTRUSTED,
                ],
            ),
            Case(
                {"change_type": "医保管理责任单位变更"},
                [
                    "《沅江市退休人员基本医疗保险管理登记表》",
                    "单位变更（如注销或合并等）文件",
                    "退休审批材料",
                    "公示材料",
                ],
            ),
        ],
        flags={
            "《沅江市退休人员基本医疗保险管理登记表》": UNIT,
            "医疗机构出具的《死亡医学证明》，或社区、公安机关出具的《死亡证明》": {
                "alternatives": ("医疗机构出具的《死亡医学证明》", "社区、公安机关出具的《死亡证明》")
            },
        },
    ),
    # ============================================================ 第二部分 参保信息查询和个人账户一次性支取
    "002036002001": Expect(
        "参保单位参保信息查询",
        ["单位有效证明文件"],
        ("immediate", None),
        "即时办结",
        always(["单位有效证明文件"]),
        # 备注：单位有效证明文件可包括：统一社会信用代码证书或介绍信. The flow chart's "介绍信加盖单位公章" is not
        # in （六）, so no stamp.
        flags={"单位有效证明文件": {"alternatives": ("统一社会信用代码证书", "介绍信")}},
    ),
    "002036002002": Expect(
        "参保人员参保信息查询",
        [ID3, *ENTRUSTED],
        ("immediate", None),
        "即时办结",
        personal([ID3]),
        flags={ID3: {"alternatives": ID3_ALT}},
    ),
    "002036002003": Expect(
        "参保人员个人账户一次性支取",
        [
            "医保电子凭证或有效身份证件（本人和代办人）或社保卡",
            "《沅江市职工基本医疗保险个人账户一次性支取申请表》",
            "银行卡",
            "继承权公证书或其他合法有效遗产继承材料",
            "继承人身份证",
            "银行卡账户信息",
            "个人承诺书",
            "主动放弃基本医疗保险的情况说明",
            *ENTRUSTED,
        ],
        ("working_days", 15),
        "不超过15个工作日",
        [
            base := Case(
                {},
                [
                    "医保电子凭证或有效身份证件（本人和代办人）或社保卡",
                    "《沅江市职工基本医疗保险个人账户一次性支取申请表》",
                    "银行卡",
                ],
            ),
            Case(
                {"death": "是"},
                [*base.names, "继承权公证书或其他合法有效遗产继承材料", "继承人身份证", "银行卡账户信息"],
            ),
            Case(
                {"death": "是", "death_data_shared": "不能"},
                [
                    *base.names,
                    "继承权公证书或其他合法有效遗产继承材料",
                    "继承人身份证",
                    "银行卡账户信息",
                    "个人承诺书",
                ],
            ),
            Case({"death_data_shared": "不能"}, base.names),  # 个人承诺书 only for 因死亡支取
            Case({"voluntary_waiver": "是"}, [*base.names, "主动放弃基本医疗保险的情况说明"]),
            # "（本人和代办人）" stays inside the seed's own ID material; the (下同) rule adds its two materials once
            Case({"entrusted": "是"}, [*base.names, *ENTRUSTED]),
            Case(
                {"death": "是", "entrusted": "是"},
                [
                    *base.names,
                    "继承权公证书或其他合法有效遗产继承材料",
                    "继承人身份证",
                    "银行卡账户信息",
                    *ENTRUSTED,
                ],
            ),
        ],
        flags={
            "医保电子凭证或有效身份证件（本人和代办人）或社保卡": {
                "alternatives": ("医保电子凭证", "有效身份证件（本人和代办人）", "社保卡")
            },
            "继承权公证书或其他合法有效遗产继承材料": {"alternatives": ("继承权公证书", "其他合法有效遗产继承材料")},
        },
    ),
    # ============================================================ 第三部分 基本医疗保险关系转移接续
    "002036003001": Expect(
        "出具《参保凭证》",
        [ID3, *ENTRUSTED],
        ("immediate", None),
        "即时办结",
        personal([ID3]),
        flags={ID3: {"alternatives": ID3_ALT}},
    ),
    "002036003002": Expect(
        "转移接续手续办理",
        [
            *(
                m := [
                    "有效身份证件复印件",
                    "工作关系转移文件或新参保地接收函",
                    "《基本医疗保险参保凭证》（含电子《参保凭证》）",
                    "《沅江市基本医疗保险关系转移接续申请表》",
                ]
            ),
            *ENTRUSTED,
        ],
        ("working_days", 20),
        "不超过20个工作日",
        personal(m),
        flags={"工作关系转移文件或新参保地接收函": {"alternatives": ("工作关系转移文件", "新参保地接收函")}},
    ),
    # ============================================================ 第四部分 异地就医备案
    "002036004001": Expect(
        "异地安置退休人员备案",
        [
            *(m := [ID3, REMOTE_FORM, "异地安置认定材料"]),
            *ENTRUSTED,
        ],
        ("immediate", None),
        "即时办结",
        personal(m),
        flags={
            ID3: {"alternatives": ID3_ALT},
            # （常住地身份证（户口本）复印件或常住暂住证复印件）
            "异地安置认定材料": {"alternatives": ("常住地身份证（户口本）复印件", "常住暂住证复印件")},
        },
    ),
    "002036004002": Expect(
        "异地长期居住人员备案",
        [
            *(m := [ID3, "长期居住认定材料"]),
            *ENTRUSTED,
        ],
        ("immediate", None),
        "即时办结",
        personal(m),
        flags={ID3: {"alternatives": ID3_ALT}},
    ),
    "002036004003": Expect(
        "常驻异地工作人员备案",
        [
            *(m := [ID3, REMOTE_FORM, "异地工作证明材料"]),
            *ENTRUSTED,
        ],
        ("immediate", None),
        "即时办结",
        personal(m),
        flags={
            ID3: {"alternatives": ID3_ALT},
            # （参保地工作单位派出证明、异地工作单位证明、工作合同任选其一）
            "异地工作证明材料": {"alternatives": ("参保地工作单位派出证明", "异地工作单位证明", "工作合同")},
        },
    ),
    "002036004004": Expect(
        "异地转诊人员备案",
        [
            *(m := [ID3, REMOTE_FORM, "具有转诊资格的协议医疗机构开具的转诊转院证明材料"]),
            *ENTRUSTED,
        ],
        ("immediate", None),
        "即时办结",
        personal(m),
        flags={ID3: {"alternatives": ID3_ALT}},
    ),
    "002036004005": Expect(
        "异地急诊人员备案",
        [
            *(m := [ID3, REMOTE_FORM, "就医地联网医疗机构出具的病情介绍资料"]),
            *ENTRUSTED,
        ],
        ("immediate", None),
        "即时办结",
        personal(m),
        flags={ID3: {"alternatives": ID3_ALT}},
    ),
    # ============================================================ 第五部分 门诊慢特病病种和特药待遇认定
    "002036005001": Expect(
        "基本医疗保险参保人员享受门诊慢特病病种待遇认定",
        [
            *(m := [ID3, "《沅江市基本医疗保险门诊慢特病病种待遇认定申请表》", "病历或检查等资料"]),
            *ENTRUSTED,
        ],
        ("working_days", 30),
        "不超过30个工作日",
        personal(m),
        # "病历或检查等资料" is one material (an open "等" list), kept without alternatives.
        flags={ID3: {"alternatives": ID3_ALT}},
    ),
    "002036005002": Expect(
        "基本医疗保险参保人员享受特殊药品待遇认定",
        [
            *(m := ["有效身份证件", "《沅江市基本医疗保险特殊药品使用申请表》", "病历资料或检查资料"]),
            *ENTRUSTED,
        ],
        ("working_days", 20),
        "不超过20个工作日",
        personal(m),
        flags={"病历资料或检查资料": {"alternatives": ("病历资料", "检查资料")}},
    ),
    # ============================================================ 第六部分 医疗费用手工（零星）报销
    # No （七）办理时限 in the seed for either service → unspecified.
    # "患者及代办人身份证复印件" → 患者身份证复印件 (always) + 代办人身份证复印件 (委托办理).
    "002036006001": Expect(
        "门诊费用报销",
        [
            "患者身份证复印件",
            "代办人身份证复印件",
            "诊断证明",
            INVOICE,
            "门急诊费用清单",
            "银行帐户复印件",
            "银行帐户复印件",
            "家庭户口关系证明",
            *ENTRUSTED,
        ],
        ("unspecified", None),
        "",
        [
            outpatient := Case({}, ["患者身份证复印件", "诊断证明", INVOICE, "门急诊费用清单", "银行帐户复印件"]),
            Case(
                {"entrusted": "是"},
                [
                    "患者身份证复印件",
                    "代办人身份证复印件",
                    "诊断证明",
                    INVOICE,
                    "门急诊费用清单",
                    "银行帐户复印件",
                    *ENTRUSTED,
                ],
            ),
            Case({"insurance_type": "城乡居民医保"}, outpatient.names),
            Case(
                {"insurance_type": "城乡居民医保", "other_bank_card": "是"},
                [*outpatient.names, "家庭户口关系证明"],
            ),
            # 职工医保：提供患者本人银行卡复印件 — no family-member card
            Case({"insurance_type": "职工医保", "other_bank_card": "是"}, outpatient.names),
        ],
        flags={"诊断证明": HOSP, INVOICE: ORIG, "门急诊费用清单": {"stamp": "医药机构印章"}},
    ),
    "002036006002": Expect(
        "住院费用报销",
        [
            "患者身份证复印件",
            "代办人身份证复印件",
            "出院记录和诊断证明",
            INVOICE,
            "住院费用总清单",
            "银行帐户复印件",
            "银行帐户复印件",
            "家庭户口关系证明",
            *ENTRUSTED,
        ],
        ("unspecified", None),
        "",
        [
            inpatient := Case(
                {}, ["患者身份证复印件", "出院记录和诊断证明", INVOICE, "住院费用总清单", "银行帐户复印件"]
            ),
            Case(
                {"entrusted": "是"},
                [
                    "患者身份证复印件",
                    "代办人身份证复印件",
                    "出院记录和诊断证明",
                    INVOICE,
                    "住院费用总清单",
                    "银行帐户复印件",
                    *ENTRUSTED,
                ],
            ),
            Case({"insurance_type": "城乡居民医保"}, inpatient.names),
            Case(
                {"insurance_type": "城乡居民医保", "other_bank_card": "是"},
                [*inpatient.names, "家庭户口关系证明"],
            ),
            Case({"insurance_type": "职工医保", "other_bank_card": "是"}, inpatient.names),
        ],
        flags={"出院记录和诊断证明": HOSP, INVOICE: ORIG, "住院费用总清单": HOSP},
    ),
    # ============================================================ 第七部分 生育保险待遇核准支付
    # The 申领表's footnote (正常生育提供（1）、（2）项… / 所有复印件需加盖单位公章) belongs to the table's 相关材料审核
    # block, not to （六）办理材料 → not turned into materials or stamps (kept as notes by the data).
    "002036007001": Expect(
        "产前检查费支付",
        [
            *(
                m := [
                    "男女双方身份证复印件",
                    "出院记录和诊断证明",
                    INVOICE,  # 医药机构发票原件（自费）
                    "住院费用总清单",
                    "出生医学证明复印件",
                    "准生证复印件",
                    "银行帐户复印件",
                ]
            ),
            *ENTRUSTED,
        ],
        ("working_days", 20),
        "不超过20个工作日",
        personal(m),
        flags={"出院记录和诊断证明": HOSP, INVOICE: ORIG, "住院费用总清单": HOSP},
    ),
    "002036007002": Expect(
        "生育医疗费支付",
        [
            *(
                m := [
                    "男女双方身份证复印件",
                    "出院记录和诊断证明",
                    INVOICE,
                    "住院费用总清单",
                    "出生医学证明复印件",
                    "准生证复印件",
                    "银行帐户复印件",
                ]
            ),
            *ENTRUSTED,
        ],
        ("working_days", 20),
        "不超过20个工作日",
        personal(m),
        flags={"出院记录和诊断证明": HOSP, INVOICE: ORIG, "住院费用总清单": HOSP},
    ),
    "002036007003": Expect(
        "计划生育医疗费支付",
        [
            *(
                m := [
                    "男女双方身份证复印件",
                    "出院记录和诊断证明",
                    INVOICE,
                    "费用清单",
                    "准生证复印件",
                    "银行帐户复印件",
                ]
            ),
            *ENTRUSTED,
        ],
        ("working_days", 20),
        "不超过20个工作日",
        personal(m),
        flags={"出院记录和诊断证明": HOSP, INVOICE: ORIG, "费用清单": HOSP},
    ),
    "002036007004": Expect(
        "生育津贴支付",
        [
            *(m := [ALLOWANCE_FORM, "病历资料", "生育医疗费报销单"]),
            *ENTRUSTED,
        ],
        ("working_days", 20),
        "不超过20个工作日",
        personal(m),
        flags={"病历资料": HOSP},
    ),
    "002036007005": Expect(
        "一次性生育补助金支付",
        [
            *(
                m := [
                    ALLOWANCE_FORM,
                    "男女双方身份证复印件",
                    "出院记录和诊断证明",
                    INVOICE,
                    "费用清单",
                    "准生证复印件",
                    "银行帐户复印件",
                ]
            ),
            *ENTRUSTED,
        ],
        ("working_days", 20),
        "不超过20个工作日",
        personal(m),
        flags={"出院记录和诊断证明": HOSP, INVOICE: ORIG, "费用清单": HOSP},
    ),
    # ============================================================ 第八部分 医疗救助对象待遇核准支付
    "002036008001": Expect(
        "符合资助条件的救助对象参加城乡居民基本医疗保险个人缴费补贴",
        ["民政部门发放的有效凭证", "相关部门联网实时推送特殊对象身份信息"],
        ("immediate", None),
        "即时办结",
        [
            Case({}, ["相关部门联网实时推送特殊对象身份信息"]),
            Case(
                {"extreme_poverty_or_dibao": "是"},
                ["民政部门发放的有效凭证", "相关部门联网实时推送特殊对象身份信息"],
            ),
        ],
    ),
    "002036008002": Expect(
        "住院医疗费用手工（零星）报销",
        [
            "医保电子凭证或身份证件或社保卡",
            "病人银行卡复印件",
            "医院收费发票",
            "住院费用清单",
            "诊断证明",
            "交警事故认定书、法院判决书、调解协议书等公检法部门出具的相关证明材料",
            "急诊诊断证明",
            *ENTRUSTED,
        ],
        ("immediate", None),
        "即时办结",
        [
            relief := Case(
                {}, ["医保电子凭证或身份证件或社保卡", "病人银行卡复印件", "医院收费发票", "住院费用清单", "诊断证明"]
            ),
            Case(
                {"accidental_injury": "是"},
                [*relief.names, "交警事故认定书、法院判决书、调解协议书等公检法部门出具的相关证明材料"],
            ),
            Case({"emergency": "是"}, [*relief.names, "急诊诊断证明"]),
            Case({"entrusted": "是"}, [*relief.names, *ENTRUSTED]),
        ],
        flags={
            "医保电子凭证或身份证件或社保卡": {"alternatives": ("医保电子凭证", "身份证件", "社保卡")},
            "住院费用清单": HOSP,
            "诊断证明": HOSP,
            # …相关证明材料复印件一份
            "交警事故认定书、法院判决书、调解协议书等公检法部门出具的相关证明材料": {"copies": 1},
        },
    ),
    # ============================================================ 第九部分 医药机构申请定点协议管理
    "002036009001": Expect(
        "医疗机构申请定点协议管理",
        m := ["《沅江市定点医疗机构申请表》", "《医疗机构执业许可证》（正、副本）复印件"],
        ("months", 3),
        "不超过3个月",
        always(m),
        flags={"《沅江市定点医疗机构申请表》": {"stamp": "申请单位公章"}},
    ),
    "002036009002": Expect(
        "零售药店申请定点协议管理",
        # "《药品经营许可证》和《营业执照》（正、副本）复印件和法定代表人身份证复印件" → three materials
        m := [
            "《沅江市定点零售药店申请表》",
            "《药品经营许可证》（正、副本）复印件",
            "《营业执照》（正、副本）复印件",
            "法定代表人身份证复印件",
        ],
        ("months", 3),
        "不超过3个月",
        always(m),
        flags={"《沅江市定点零售药店申请表》": {"stamp": "申请单位公章"}},
    ),
    # ============================================================ 第十部分 定点医药机构费用结算
    # （六）办理材料: "根据…与经办机构签订的协议执行。" → no material list.
    "002036010001": Expect(
        "基本医疗保险定点医疗机构费用结算", [], ("working_days", 30), "不超过30个工作日", always([])
    ),
    "002036010002": Expect(
        "基本医疗保险定点零售药店费用结算", [], ("working_days", 30), "不超过30个工作日", always([])
    ),
}

FLAG_FIELDS = ("original", "copies", "stamp", "alternatives", "paper", "may_gap")
FLAG_DEFAULTS: dict[str, Any] = {
    "original": None,
    "copies": None,
    "stamp": None,
    "alternatives": (),
    "paper": None,
    "may_gap": None,
}

CODES = sorted(EXPECTED)


def svc(catalog: Catalog, code: str) -> Service:
    return catalog.region(REGION).service(code)


def applicable(service: Service, answers: dict[str, str]) -> list[Material]:
    return [i.material for i in build_checklist(service, answers) if i.applies]


def flags_of(m: Material) -> dict[str, Any]:
    return {f: getattr(m, f) for f in FLAG_FIELDS}


# ---------------------------------------------------------------- tests


def test_region_has_exactly_the_seed_services(catalog: Catalog) -> None:
    region = catalog.region(REGION)
    assert len(EXPECTED) == 33
    assert {s.code: s.name for s in region.services} == {c: e.name for c, e in EXPECTED.items()}
    assert [s.code for s in region.services] == CODES  # seed order
    assert all(not s.local_code for s in region.services)


@pytest.mark.parametrize("code", CODES)
def test_material_names_in_seed_order(catalog: Catalog, code: str) -> None:
    assert [m.name for m in svc(catalog, code).materials] == EXPECTED[code].materials


@pytest.mark.parametrize("code", CODES)
def test_time_limit(catalog: Catalog, code: str) -> None:
    exp = EXPECTED[code]
    tl = svc(catalog, code).time_limit
    kind, amount = exp.limit
    assert tl.kind == kind
    assert tl.text == exp.limit_text
    assert tl.working_days == (amount if kind == "working_days" else None)
    assert tl.months == (amount if kind == "months" else None)
    assert tl.days is None
    assert [(v.when, v.kind) for v in tl.variants] == exp.variants


@pytest.mark.parametrize("code", CODES)
def test_conditional_materials_per_scenario(catalog: Catalog, code: str) -> None:
    service = svc(catalog, code)
    for case in EXPECTED[code].cases:
        got = [m.name for m in applicable(service, case.answers)]
        assert got == case.names, case.answers


@pytest.mark.parametrize("code", CODES)
def test_material_flags_only_where_the_seed_states_them(catalog: Catalog, code: str) -> None:
    """original / copies / stamp / alternatives / paper / may_gap of every material, in every listed scenario."""
    exp = EXPECTED[code]
    service = svc(catalog, code)
    covered: set[str] = set()
    for case in exp.cases:
        for m in applicable(service, case.answers):
            covered.add(m.id)
            want = {
                **FLAG_DEFAULTS,
                **ENTRUSTED_FLAGS.get(m.name, {}),
                **exp.flags.get(m.name, {}),
                **case.flags.get(m.name, {}),
            }
            assert flags_of(m) == want, (case.answers, m.name)
    # every material is checked in at least one scenario
    assert covered == {m.id for m in service.materials}


def test_no_material_has_gap_paper_or_mistakes(catalog: Catalog) -> None:
    """The seed never states 容缺受理, 纸质材料去向 or 常见错误 for any 沅江 material."""
    for service in catalog.region(REGION).services:
        for m in service.materials:
            assert m.may_gap is None and m.gap_deadline_working_days is None and m.gap_submit_by == ""
            assert m.paper is None
            assert m.common_mistakes == ()


def test_flexible_worker_forms_need_no_unit_stamp(catalog: Catalog) -> None:
    for code in ("002036001002", "002036001005", "002036001007"):
        service = svc(catalog, code)
        answers = {"applicant_type": "灵活就业人员"} if code == "002036001002" else {"flexible_employment": "是"}
        assert all(m.stamp is None for m in applicable(service, answers)), code


def test_flexible_worker_registration_is_immediate(catalog: Catalog, calendar: Calendar) -> None:
    service = svc(catalog, "002036001002")
    accepted = dt.date(2026, 11, 20)
    v = evaluate(service, {"applicant_type": "灵活就业人员"}, {}, accepted, calendar)
    assert v.time_limit.kind == "immediate"
    v = evaluate(service, {}, {}, accepted, calendar)
    assert v.time_limit.kind == "working_days" and v.time_limit.working_days == 5


def test_default_answers_are_in_scope(catalog: Catalog, calendar: Calendar) -> None:
    """The default answers describe an ordinary applicant: never an out-of-scope rejection."""
    for service in catalog.region(REGION).services:
        v = evaluate(service, service.default_answers(), {}, dt.date(2026, 11, 20), calendar)
        assert v.verdict != "reject", service.code


# ---------------------------------------------------------------- 委托办理（下同）
# 职工参保登记（002036001002）备注② ends with （下同）: the rule holds for every FOLLOWING service an individual applies
# for (possibly through an agent). Decision per service, with the seed's reason: docs/seed-notes/yuanjiang.md,
# 「（下同）的适用」. 002036001001 precedes the rule (and is a unit service).
PERSONAL = (
    "002036001002",  # where the rule is written
    "002036001003",
    "002036001005",
    "002036001006",
    "002036001007",
    "002036001008",
    "002036002002",
    "002036002003",
    "002036003001",
    "002036003002",
    "002036004001",
    "002036004002",
    "002036004003",
    "002036004004",
    "002036004005",
    "002036005001",
    "002036005002",
    "002036006001",
    "002036006002",
    "002036007001",
    "002036007002",
    "002036007003",
    "002036007004",
    "002036007005",
    "002036008002",
)
NOT_PERSONAL = {
    "002036001001": "用人单位 (and before the rule)",
    "002036001004": "用人单位",
    "002036002001": "用人单位",
    "002036008001": "不需个人申请: 医保经办机构协助财政部门统一办理 (民政部门 data)",
    "002036009001": "医疗机构",
    "002036009002": "零售药店",
    "002036010001": "定点医疗机构",
    "002036010002": "定点零售药店",
}
# where the service's own （六） already names the 代办人: that material stays as it is, next to the (下同) two
# (患者及代办人身份证复印件 → 代办人身份证复印件 is a copy to keep; the rule asks for the originals to be checked).
# 002036002003's "有效身份证件（本人和代办人）" is one alternative of its own ID material, not a separate material.
OWN_AGENT_MATERIAL = {"002036006001": ("agent-id-copy",), "002036006002": ("agent-id-copy",)}
ENTRUSTED_RULE = "委托办理的，应提供委托人及代理人身份证件原件及委托人授权委托书（下同）"


def test_every_service_is_classified_for_the_entrusted_rule() -> None:
    assert set(PERSONAL).isdisjoint(NOT_PERSONAL)
    assert sorted([*PERSONAL, *NOT_PERSONAL]) == CODES


@pytest.mark.parametrize("code", PERSONAL)
def test_personal_service_has_the_entrusted_rule(catalog: Catalog, code: str) -> None:
    service = svc(catalog, code)
    scenario_ids = [s.id for s in service.scenarios]
    assert scenario_ids.count("entrusted") == 1  # the shared scenario, once (006001/006002 had it already)
    assert len(scenario_ids) == len(set(scenario_ids))

    agent_id = service.material("principal-agent-id")
    letter = service.material("power-of-attorney")
    assert (agent_id.name, letter.name) == tuple(ENTRUSTED)
    assert agent_id.requirement == letter.requirement == ENTRUSTED_RULE
    assert agent_id.original is True and letter.original is None
    assert agent_id.condition == letter.condition == {"entrusted": "是"}
    # each only once, and nothing else in the service is a 授权委托书 / a second 委托人 ID
    names = [m.name for m in service.materials]
    assert names.count(ENTRUSTED[0]) == 1 and names.count(ENTRUSTED[1]) == 1
    assert [n for n in names if "委托" in n] == ENTRUSTED

    default = service.default_answers()
    without = [m.id for m in applicable(service, default)]
    with_agent = [m.id for m in applicable(service, {**default, "entrusted": "是"})]
    assert "principal-agent-id" not in without and "power-of-attorney" not in without
    assert with_agent[-2:] == ["principal-agent-id", "power-of-attorney"]
    assert set(with_agent) - set(without) == {
        "principal-agent-id",
        "power-of-attorney",
        *OWN_AGENT_MATERIAL.get(code, ()),
    }


@pytest.mark.parametrize("code", sorted(NOT_PERSONAL))
def test_unit_and_institution_services_have_no_entrusted_rule(catalog: Catalog, code: str) -> None:
    service = svc(catalog, code)
    assert "entrusted" not in {s.id for s in service.scenarios}
    ids = {m.id for m in service.materials}
    assert "principal-agent-id" not in ids and "power-of-attorney" not in ids
    assert not any("委托" in m.name or "代办" in m.name or "代理" in m.name for m in service.materials)
