"""Validators for the numbers people carry. Each returns a `Validation` with a Chinese message; none raises.

Based on python-stdnum's pieces, not its verdicts: `stdnum.cn.ric.validate` refuses real people whose county
code was created after their birth year (see DOMAIN-NOTES.md), so an unknown or retired division code is only
a warning here.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from stdnum import luhn, numdb
from stdnum.cn import ric, uscc

PROVINCE_CODES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
    ]
)
_SEPARATORS = re.compile(r"[\s\-－—_]+")


@dataclass(frozen=True)
class Validation:
    valid: bool
    message: str
    normalized: str = ""
    derived: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    overridable: bool = False

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"valid": self.valid, "message": self.message, "normalized": self.normalized}
        out.update(self.derived)
        out["warnings"] = list(self.warnings)
        if self.overridable:
            out["overridable"] = True
        return out


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def division_name(code: str) -> str | None:
    """The name of a 6-digit division code, ignoring when it was valid; None when unknown."""
    try:
        results = numdb.get("cn/loc").info(code)
    except Exception:  # a broken numdb must not break validation
        return None
    info = {k: v for _part, props in results for k, v in props.items()}
    if not info or "province" not in info:
        return None
    level = "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "county"
    if level not in info:
        return None
    county = info.get("county", "")
    names = [c.split("]", 1)[-1] for c in county.split(",") if c]
    return info["province"] + (names[-1] if names else info.get("prefecture", ""))


def _age(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def validate_id_number(value: object, today: dt.date | None = None) -> Validation:
    today = today or dt.date.today()
    raw = _SEPARATORS.sub("", _text(value)).upper()
    if not raw:
        return Validation(False, "请输入身份证号码")
    warnings: list[str] = []
    if len(raw) == 15:
        if not raw.isdigit():
            return Validation(False, "15位身份证号码应全部为数字")
        upgraded = raw[:6] + "19" + raw[6:] + "0"
        raw = upgraded[:-1] + ric.calc_check_digit(upgraded)
        warnings.append(f"15位旧身份证号码已升级为18位：{raw}，请核对")
    if len(raw) != 18:
        return Validation(False, f"身份证号码应为18位，当前为{len(raw)}位")
    if not raw[:17].isdigit() or not re.fullmatch(r"[0-9X]", raw[17]):
        return Validation(False, "身份证号码前17位应为数字，最后一位为数字或X")
    try:
        birth = dt.date(int(raw[6:10]), int(raw[10:12]), int(raw[12:14]))
    except ValueError:
        return Validation(False, f"身份证号码中的出生日期 {raw[6:10]}-{raw[10:12]}-{raw[12:14]} 不存在")
    if birth > today:
        return Validation(False, f"身份证号码中的出生日期 {birth.isoformat()} 晚于今天")
    if birth.year < 1880:
        return Validation(False, f"身份证号码中的出生年份 {birth.year} 不合理")
    expected = ric.calc_check_digit(raw)
    if raw[17] != expected:
        return Validation(False, "身份证号码校验位错误，请逐位核对（常见为录入错位或末位X）")
    if birth.year < 1900 or _age(birth, today) > 120:
        warnings.append(f"出生于 {birth.year} 年（{_age(birth, today)} 岁），极为少见：请核对证件后再办理")
    if raw[:2] not in PROVINCE_CODES:
        warnings.append(f"行政区划代码 {raw[:6]} 的省级代码 {raw[:2]} 不存在，请核对证件")
    place = division_name(raw[:6])
    if place is None and raw[:2] in PROVINCE_CODES:
        warnings.append(f"行政区划代码 {raw[:6]} 未在代码表中找到（可能已撤销或更名），号码仍有效")
    derived = {
        "birth_date": birth.isoformat(),
        "sex": "男" if int(raw[16]) % 2 else "女",
        "age": _age(birth, today),
        "division_code": raw[:6],
        "division": place,
    }
    return Validation(True, "身份证号码有效", raw, derived, tuple(warnings))


def validate_credit_code(value: object) -> Validation:
    raw = _SEPARATORS.sub("", _text(value)).upper()
    if not raw:
        return Validation(False, "请输入统一社会信用代码")
    if len(raw) != 18:
        return Validation(False, f"统一社会信用代码应为18位，当前为{len(raw)}位")
    bad = sorted({c for c in raw if c not in "0123456789ABCDEFGHJKLMNPQRTUWXY"})
    if bad:
        return Validation(False, f"统一社会信用代码含不允许的字符：{'、'.join(bad)}（不使用 I、O、S、V、Z）")
    if not raw[2:8].isdigit():
        return Validation(False, "统一社会信用代码第3-8位应为行政区划代码（数字）")
    if raw[-1] != uscc.calc_check_digit(raw[:-1]):
        return Validation(False, "统一社会信用代码校验位错误，请逐位核对")
    return Validation(True, "统一社会信用代码有效", raw, {"division_code": raw[2:8]})


_DASHES = "-－—"
# a landline as written with its separators: area code, number, extension (转 / # / ext / a dash)
_LANDLINE_WRITTEN = re.compile(rf"(0\d{{2,3}})[{_DASHES}](\d{{7,8}})(?:(?:[{_DASHES}]|转|#|ext)(\d{{1,6}}))?")


def _area_code_length(digits: str) -> int:
    """China's trunk codes: 010 and 020–029 have three digits (Beijing and the big cities), every other four."""
    return 3 if digits[:2] in ("01", "02") else 4


def _landline_parts(compact: str) -> tuple[str, str, str | None] | None:
    """Area code, number and extension of a landline written without separators (None: not one)."""
    if compact[:1] != "0":
        return None
    area = _area_code_length(compact)
    rest = compact[area:]
    m = re.fullmatch(r"(\d{7,8})(?:转|#|ext)(\d{1,6})", rest)
    if m:
        return compact[:area], m.group(1), m.group(2)
    if not rest.isdigit():
        return None
    if area == 3 and 8 <= len(rest) <= 14:  # an 8-digit number: what follows can only be the extension
        return compact[:area], rest[:8], rest[8:] or None
    if area == 4 and len(rest) in (7, 8):  # 7 or 8 digits and nothing after (an extension needs its 转)
        return compact[:area], rest, None
    return None


def validate_phone(value: object) -> Validation:
    """A mobile (11 digits) or a landline with its area code; `normalized` is 13800138000 or 0737-2817103[-123], and
    validating it again gives it back unchanged."""
    raw = unicodedata.normalize("NFKC", _text(value))  # digits typed in full-width mode are digits
    spaced = re.sub(r"[\s()（）]", "", raw)
    compact = re.sub(rf"[{_DASHES}]", "", spaced)
    if compact.startswith("+86"):
        compact, spaced = compact[3:], spaced[3:].lstrip(_DASHES)
    elif compact.startswith("0086"):
        compact, spaced = compact[4:], spaced[4:].lstrip(_DASHES)
    if not compact:
        return Validation(False, "请输入联系电话")
    if re.fullmatch(r"1[3-9]\d{9}", compact):
        return Validation(True, "手机号码有效", compact, {"kind": "mobile"})
    if compact.startswith("1") and compact.isdigit():
        return Validation(False, "手机号码应为以13-19开头的11位数字")
    m = _LANDLINE_WRITTEN.fullmatch(spaced)  # the separators say where the area code and the number end
    written = m is not None and len(m.group(1)) == _area_code_length(m.group(1))
    parts = (m.group(1), m.group(2), m.group(3)) if m and written else _landline_parts(compact)
    if parts and len(parts[0]) + len(parts[1]) in (11, 12):
        number = f"{parts[0]}-{parts[1]}" + (f"-{parts[2]}" if parts[2] else "")
        return Validation(True, "固定电话号码有效", number, {"kind": "landline", "area_code": parts[0]})
    if parts is None and re.fullmatch(r"0\d{12,}", compact):
        return Validation(False, "分机号请用“转”隔开，例如 0737-2817103转123")
    if re.fullmatch(r"\d{7,8}", compact):
        return Validation(False, "固定电话请加区号，例如 0737-2817103")
    return Validation(False, "电话号码格式不对：手机为11位数字，固定电话为区号+7-8位号码")


def validate_bank_card(value: object, passbook: bool = False) -> Validation:
    raw = _SEPARATORS.sub("", _text(value))
    if not raw:
        return Validation(False, "请输入银行卡号")
    if not raw.isdigit():
        return Validation(False, "银行卡号应全部为数字")
    if not 16 <= len(raw) <= 19:
        return Validation(False, f"银行卡号应为16-19位数字，当前为{len(raw)}位")
    if not luhn.is_valid(raw):
        if passbook:
            return Validation(
                True,
                "储蓄账户号码未通过校验（部分老存折账号没有校验位），已按人工确认处理",
                raw,
                warnings=("账号未通过 Luhn 校验，已由窗口人员确认",),
            )
        return Validation(
            False,
            "银行卡号校验未通过，请逐位核对；若为老存折储蓄账户（无校验位），可由窗口人员确认后继续",
            raw,
            overridable=True,
        )
    return Validation(True, "银行卡号有效", raw)


def validate_postcode(value: object) -> Validation:
    raw = _SEPARATORS.sub("", _text(value))
    if not raw:
        return Validation(False, "请输入邮政编码")
    if not re.fullmatch(r"\d{6}", raw):
        return Validation(False, "邮政编码应为6位数字")
    return Validation(True, "邮政编码有效", raw)


def validate_division_code(value: object) -> Validation:
    raw = _SEPARATORS.sub("", _text(value))
    if not re.fullmatch(r"\d{6}", raw):
        return Validation(False, "行政区划代码应为6位数字")
    if raw[:2] not in PROVINCE_CODES:
        return Validation(False, f"省级代码 {raw[:2]} 不存在")
    name = division_name(raw)
    warnings = () if name else ("代码未在代码表中找到（可能已撤销或更名）",)
    return Validation(True, "行政区划代码有效", raw, {"division": name}, warnings)


VALIDATORS = {
    "id": validate_id_number,
    "credit-code": validate_credit_code,
    "phone": validate_phone,
    "bank-card": validate_bank_card,
    "postcode": validate_postcode,
    "division-code": validate_division_code,
}
