"""The people and organisation of a case, validated with the domain validators before anything is journaled."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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


class IntakeInputError(ValueError):
    """Bad applicant, agent or unit data; `field` names the field (e.g. 'applicant.id_number')."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _clean(raw: Any, allowed: tuple[str, ...], where: str) -> dict[str, str]:
    if not isinstance(raw, Mapping):
        raise IntakeInputError(where, f"{where} 应为对象")
    unknown = set(raw) - set(allowed)
    if unknown:
        raise IntakeInputError(where, f"{where} 有未知字段：{'、'.join(sorted(unknown))}")
    out = {}
    for key in allowed:
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise IntakeInputError(f"{where}.{key}", f"{where}.{key} 应为文字")
        out[key] = value.strip()
    return out


def person(raw: Any, where: str, warnings: list[str]) -> dict[str, str]:
    label = {"applicant": "申请人", "agent": "代办人"}.get(where, where)
    p = _clean(raw, PERSON_FIELDS, where)
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
    if p.get("phone"):
        v = validate_phone(p["phone"])
        if not v.valid:
            raise IntakeInputError(f"{where}.phone", f"{label}联系电话无效：{v.message}")
        p["phone"] = v.normalized
    return p


def unit(raw: Any) -> dict[str, str]:
    u = _clean(raw, UNIT_FIELDS, "unit")
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
