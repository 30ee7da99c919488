"""邮寄 (seed 000 §八（四）2, §十1): what the window takes down for a result to be mailed — recipient, phone, address,
postcode — and the 邮件号 recorded when it is posted, checked by the rules in resources/mailing.yaml. One rule for the
intake screen (as the clerk types), the journal (when the verdict is recorded) and the hand-over."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import yaml

from yibao_desk.domain.paths import resources_dir
from yibao_desk.domain.validators import validate_phone

FIELDS = ("recipient", "phone", "address", "postcode")
FIELDS_ZH = {"recipient": "收件人", "phone": "收件人电话", "address": "寄送地址", "postcode": "邮政编码"}
RECIPIENT_MAX_CHARS = 50
_S10 = re.compile(r"[A-Z]{2}([0-9]{8})([0-9])[A-Z]{2}")
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


@lru_cache(maxsize=1)
def mailing_rules() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((resources_dir() / "mailing.yaml").read_text(encoding="utf-8"))
    return data


def _plain(text: str) -> str:
    """Without spaces and dashes, full-width characters (typed in the input method's full-width mode) as ASCII."""
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", text))


def postcode_province(postcode: str) -> str | None:
    """The province a 6-digit postcode belongs to (None: not a postcode of any province)."""
    code = _plain(postcode)
    if not re.fullmatch(r"[0-9]{6}", code):
        return None
    for province, prefixes in mailing_rules()["postcode_provinces"].items():
        if code[:2] in prefixes:
            return str(province)
    return None


# what follows a province's short name when the address names the province (湖南省, 天津市, 广西壮族自治区 …); a
# district or street that merely starts with one (天津的河北区, 青海的海南藏族自治州, 北京路) is not a province
_PROVINCE_SUFFIX = ("省", "市", "自治区", "壮族自治区", "回族自治区", "维吾尔自治区")


def address_province(address: str) -> str | None:
    """The province an address begins with (None: it names none first, e.g. 沅江市琼湖街道…)."""
    text = "".join(address.split())
    for province in mailing_rules()["postcode_provinces"]:
        if any(text.startswith(f"{province}{suffix}") for suffix in _PROVINCE_SUFFIX):
            return str(province)
    return None


def mail_problems(mail: Mapping[str, Any]) -> dict[str, str]:
    """What keeps this mailing address from being used, by field (empty: the result can be mailed to it)."""
    rules = mailing_rules()
    problems: dict[str, str] = {}
    value = {k: str(mail.get(k) or "").strip() for k in FIELDS}
    if not value["recipient"]:
        problems["recipient"] = "请填写收件人姓名"
    elif len(value["recipient"]) > RECIPIENT_MAX_CHARS:
        problems["recipient"] = f"收件人姓名不超过 {RECIPIENT_MAX_CHARS} 个字"
    if not value["phone"]:
        problems["phone"] = "请填写收件人电话（邮递员投递时联系）"
    elif not (v := validate_phone(value["phone"])).valid:
        problems["phone"] = v.message
    address = "".join(value["address"].split())
    if not address:
        problems["address"] = "请填写寄送地址"
    elif len(address) < rules["address_min_chars"]:
        problems["address"] = "寄送地址过短：请写到街道（村组）和门牌号"
    elif len(address) > rules["address_max_chars"]:
        problems["address"] = f"寄送地址不超过 {rules['address_max_chars']} 个字"
    code = _plain(value["postcode"])
    if not code:
        problems["postcode"] = "请填写邮政编码"
    elif not re.fullmatch(r"[0-9]{6}", code):
        problems["postcode"] = "邮政编码应为6位数字"
    elif (province := postcode_province(code)) is None:
        problems["postcode"] = f"邮政编码 {code} 的前两位 {code[:2]} 不属于任何省份，请核对"
    elif "address" not in problems and (named := address_province(address)) and named != province:
        problems["postcode"] = f"邮政编码 {code} 属{province}，与寄送地址中的{named}不符，请核对"
    return problems


def mail_value(mail: Mapping[str, Any]) -> dict[str, str]:
    """The address as it is recorded: trimmed, the postcode and phone without spaces or dashes, empty fields left
    out (a draft may hold a half-typed address)."""
    out: dict[str, str] = {}
    for k in FIELDS:
        v = str(mail.get(k) or "").strip()
        if k == "postcode":
            v = _plain(v)
        elif k == "phone" and v and (p := validate_phone(v)).valid and p.normalized:
            v = p.normalized
        if v:
            out[k] = v
    return out


def mail_text(mail: Mapping[str, Any]) -> str:
    """One line for paper: 张三（13812345678）湖南省益阳市……　邮编 413000."""
    head = str(mail.get("recipient", "")) + (f"（{mail['phone']}）" if mail.get("phone") else "")
    tail = f"　邮编 {mail['postcode']}" if mail.get("postcode") else ""
    return f"{head}{mail.get('address', '')}{tail}"


def tracking_problem(number: str) -> str | None:
    """Why this 邮件号 cannot be right (None: it may be recorded)."""
    rules = mailing_rules()
    code = _plain(number).upper()
    if not code:
        return "请填写邮件号（运单号）"
    if not re.fullmatch(r"[A-Z0-9]+", code):
        return "邮件号只含字母和数字"
    if not rules["tracking_min_chars"] <= len(code) <= rules["tracking_max_chars"]:
        return f"邮件号应为 {rules['tracking_min_chars']} 到 {rules['tracking_max_chars']} 位字母或数字"
    m = _S10.fullmatch(code)
    if m:
        total = sum(int(d) * w for d, w in zip(m.group(1), _S10_WEIGHTS, strict=True))
        check = 11 - total % 11
        expected = {10: 0, 11: 5}.get(check, check)
        if int(m.group(2)) != expected:
            return f"邮件号 {code} 的校验位应为 {expected}：请核对是否抄错"
    return None


def tracking_value(number: str) -> str:
    return _plain(number).upper()
