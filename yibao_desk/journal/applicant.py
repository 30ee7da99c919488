"""The people and organisation of a case, validated with the domain validators before anything is journaled."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from yibao_desk.domain.catalog import Region
from yibao_desk.domain.serialize import text_problem
from yibao_desk.domain.validators import validate_credit_code, validate_id_number, validate_phone

ID_TYPES = (
    "居民身份证",
    "社会保障卡",
    "户口簿",
    "护照",
    "港澳居民来往内地通行证",
    "港澳台居民居住证",
    "外国人永久居留证",
    "其他",
)
PERSON_FIELDS = ("name", "id_type", "id_number", "phone", "address", "relation")
UNIT_FIELDS = ("name", "credit_code", "contact", "phone", "address")

# The longest text each field takes, in characters (the GUI's fields take no more as typed). One line each: no
# control characters, newline included (domain.serialize.text_problem).
NAME_MAX_LENGTH = 50  # a person's or a unit's name, a unit's contact
ID_NUMBER_MAX_LENGTH = 30  # 18 for a 居民身份证; a passport or permit number is shorter than 30
PHONE_MAX_LENGTH = 30  # with separators, a +86 prefix and an extension
ADDRESS_MAX_LENGTH = 200
RELATION_MAX_LENGTH = 20
CREDIT_CODE_MAX_LENGTH = 30  # 18 once separators are dropped
PERSON_LIMITS = {
    "name": NAME_MAX_LENGTH,
    "id_type": 20,
    "id_number": ID_NUMBER_MAX_LENGTH,
    "phone": PHONE_MAX_LENGTH,
    "address": ADDRESS_MAX_LENGTH,
    "relation": RELATION_MAX_LENGTH,
    "id_valid_to": 10,  # read from the card (issue 18): an ISO date or 长期; never typed
}
UNIT_LIMITS = {
    "name": NAME_MAX_LENGTH,
    "credit_code": CREDIT_CODE_MAX_LENGTH,
    "contact": NAME_MAX_LENGTH,
    "phone": PHONE_MAX_LENGTH,
    "address": ADDRESS_MAX_LENGTH,
}
_PERSON_LABELS = {
    "name": "姓名",
    "id_type": "证件类型",
    "id_number": "证件号码",
    "phone": "联系电话",
    "address": "地址",
    "relation": "与申请人关系",
    "id_valid_to": "证件有效期至",
}
_UNIT_LABELS = {
    "name": "名称",
    "credit_code": "统一社会信用代码",
    "contact": "联系人",
    "phone": "联系电话",
    "address": "地址",
}
MAIL_LIMITS = {"recipient": NAME_MAX_LENGTH, "phone": PHONE_MAX_LENGTH, "address": ADDRESS_MAX_LENGTH, "postcode": 12}
_WHERE_LABELS = {"applicant": "申请人", "agent": "代办人", "unit": "单位", "mail": "寄送"}


class IntakeInputError(ValueError):
    """Bad applicant, agent or unit data; `field` names the field (e.g. 'applicant.id_number')."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _clean(raw: Any, limits: Mapping[str, int], labels: Mapping[str, str], where: str) -> dict[str, str]:
    label = _WHERE_LABELS.get(where, where)
    if not isinstance(raw, Mapping):
        raise IntakeInputError(where, f"{label}信息（{where}）应为对象")
    unknown = set(raw) - set(limits)
    if unknown:
        names = "、".join(sorted(str(k)[:40] for k in unknown)[:10])
        raise IntakeInputError(where, f"{label}信息（{where}）有未知字段：{names}")
    out = {}
    for key, limit in limits.items():
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise IntakeInputError(f"{where}.{key}", f"{label}{labels[key]}（{where}.{key}）应为文字")
        value = value.strip()
        problem = text_problem(value, limit)
        if problem:
            raise IntakeInputError(f"{where}.{key}", f"{label}{labels[key]}（{where}.{key}）{problem}")
        out[key] = value
    return out


def person(raw: Any, where: str, warnings: list[str]) -> dict[str, str]:
    label = {"applicant": "申请人", "agent": "代办人"}.get(where, where)
    p = _clean(raw, PERSON_LIMITS, _PERSON_LABELS, where)
    if not p.get("name"):
        raise IntakeInputError(f"{where}.name", f"请填写{label}姓名")
    p.setdefault("id_type", "居民身份证")
    if p["id_type"] not in ID_TYPES:
        raise IntakeInputError(f"{where}.id_type", f"{label}证件类型应为：{'、'.join(ID_TYPES)}")
    if not p.get("id_number"):
        raise IntakeInputError(f"{where}.id_number", f"请填写{label}证件号码")
    if p["id_type"] in ("居民身份证", "社会保障卡"):
        v = validate_id_number(p["id_number"])
        if not v.valid:
            raise IntakeInputError(f"{where}.id_number", f"{label}身份证号码无效：{v.message}")
        p["id_number"] = v.normalized
        warnings.extend(f"{label}：{w}" for w in v.warnings)
    if p.get("id_valid_to"):
        from yibao_desk.domain.id_card import LONG_TERM, parse_card_date

        day = parse_card_date(p["id_valid_to"])
        if p["id_valid_to"] != LONG_TERM and day is None:
            raise IntakeInputError(f"{where}.id_valid_to", f"{label}证件有效期应为 YYYY-MM-DD 或 长期")
        p["id_valid_to"] = LONG_TERM if day is None else day.isoformat()
    if p.get("phone"):
        v = validate_phone(p["phone"])
        if not v.valid:
            raise IntakeInputError(f"{where}.phone", f"{label}联系电话无效：{v.message}")
        p["phone"] = v.normalized
    return p


def mail_address(raw: Any) -> dict[str, str]:
    """The 邮寄 address as given (a draft may hold a half-typed one: `decide` asks for it whole, by
    domain.mailing.mail_problems)."""
    from yibao_desk.domain.mailing import FIELDS_ZH, mail_value

    return mail_value(_clean(raw, MAIL_LIMITS, FIELDS_ZH, "mail"))


def require_mail_address(delivery: str, mail: Mapping[str, Any] | None) -> None:
    """A result to be mailed needs the whole address before the verdict is recorded, and keeps it afterwards (a
    draft, or a case being supplemented, may hold half of it while the clerk types)."""
    from yibao_desk.domain.mailing import FIELDS_ZH, mail_problems

    if delivery != "mail":
        return
    problems = mail_problems(mail or {})
    if problems:
        field = next(iter(problems))
        raise IntakeInputError(
            f"mail.{field}", "结果邮寄：" + "；".join(f"{FIELDS_ZH[k]}：{v}" for k, v in problems.items())
        )


def unit(raw: Any) -> dict[str, str]:
    u = _clean(raw, UNIT_LIMITS, _UNIT_LABELS, "unit")
    if not u.get("name"):
        raise IntakeInputError("unit.name", "请填写单位名称")
    if u.get("credit_code"):
        v = validate_credit_code(u["credit_code"])
        if not v.valid:
            raise IntakeInputError("unit.credit_code", f"统一社会信用代码无效：{v.message}")
        u["credit_code"] = v.normalized
    if u.get("phone"):
        v = validate_phone(u["phone"])
        if not v.valid:
            raise IntakeInputError("unit.phone", f"单位联系电话无效：{v.message}")
        u["phone"] = v.normalized
    return u


def department(region: Region, value: Any) -> str:
    """The case's 承办部门 (纸质材料分发, seed 000 §九) as typed, checked against the region's list ("" while not
    chosen: the case's papers then wait on the 移交清单 under 未指定承办部门)."""
    from yibao_desk.domain.paper_handoff import department_problem

    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        raise IntakeInputError("department", "承办部门应为文字")
    if not region.profile.handoff_departments:
        raise IntakeInputError("department", "本地区办事指南未规定纸质材料移交承办部门，不用填写承办部门")
    problem = department_problem(region, value)
    if problem:
        raise IntakeInputError("department", problem)
    return value.strip()
