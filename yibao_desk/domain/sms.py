"""短信通知 (seed 000 §八（四）3, §十2(2)): the notices of a case — 已收件 / 需补正 / 已办结可领取 — written from the
templates of resources/sms.yaml or the region's own (`sms_templates` in its profile), the phone they can go to,
and when a failed send is tried again."""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from yibao_desk.domain.paths import resources_dir

MOBILE = re.compile(r"1[3-9]\d{9}")
FIELDS = ("agency", "service", "case_number", "due_date", "missing", "applicant")


class SmsTemplateError(ValueError):
    pass


@dataclass(frozen=True)
class SmsRules:
    kinds: Mapping[str, str]  # kind → what the outbox calls it
    templates: Mapping[str, str]
    max_chars: int
    retry_attempts: int
    retry_max_minutes: int


@lru_cache(maxsize=1)
def sms_rules() -> SmsRules:
    data: Any = yaml.safe_load((resources_dir() / "sms.yaml").read_text(encoding="utf-8"))
    return SmsRules(
        kinds=dict(data["kinds"]),
        templates=dict(data["templates"]),
        max_chars=int(data["max_chars"]),
        retry_attempts=int(data["retry_attempts"]),
        retry_max_minutes=int(data["retry_max_minutes"]),
    )


def template_problem(text: str) -> str | None:
    """Why a template cannot be used (an unknown or malformed placeholder), or None."""
    try:
        found = [(f, spec, conv) for _, f, spec, conv in string.Formatter().parse(text) if f is not None]
    except ValueError as e:
        return f"短信模板格式不对（{e}）：{text}"
    unknown = [f for f, _, _ in found if f not in FIELDS]
    if unknown:
        return f"短信模板含未知的占位符 {{{unknown[0]}}}（可用：{'、'.join('{' + f + '}' for f in FIELDS)}）"
    odd = next((f for f, spec, conv in found if spec or conv), None)
    if odd:
        return f"短信模板中 {{{odd}}} 不能带格式说明（写作 {{{odd}}}）"
    return None


def template_for(kind: str, region_templates: Mapping[str, str]) -> str:
    """The template of a notice: the region's wording first, then the program's."""
    return region_templates.get(kind) or sms_rules().templates[kind]


def notice_text(template: str, values: Mapping[str, Any]) -> str:
    """The message: the template with the case's values (a value too long for one SMS is cut with …)."""
    problem = template_problem(template)
    if problem:
        raise SmsTemplateError(problem)
    filled = {f: str(values.get(f) or "") for f in FIELDS}
    if len(filled["missing"]) > 60:
        filled["missing"] = filled["missing"][:59] + "…"
    return template.format(**filled)[: sms_rules().max_chars]


def mobile_number(phone: str) -> str | None:
    """The mobile number an SMS can go to (11 digits, spaces and dashes and +86 dropped), or None for a landline."""
    digits = re.sub(r"[\s\-－()（）]", "", phone or "")
    if digits.startswith("+86"):
        digits = digits[3:]
    return digits if MOBILE.fullmatch(digits) else None


def parts(text: str) -> int:
    """How many SMS a message takes (70 characters alone, 67 a part when split)."""
    return 1 if len(text) <= 70 else -(-len(text) // 67)


def next_try(failed_at: dt.datetime, attempts: int) -> dt.datetime | None:
    """When a message that failed `attempts` times is tried again automatically (None: no more automatic tries)."""
    rules = sms_rules()
    if attempts >= rules.retry_attempts:
        return None
    return failed_at + dt.timedelta(minutes=min(2 ** (attempts - 1), rules.retry_max_minutes))


BODY_FIELDS = ("phone", "text", "id", "case_number", "username", "password")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def body_problem(text: str) -> str | None:
    """Why a gateway request template cannot be used: not a JSON object, or an unknown placeholder."""
    import json

    try:
        data = json.loads(text)
    except ValueError:
        return '应为 JSON 对象，如 {"mobile": "{phone}", "content": "{text}"}'
    if not isinstance(data, dict):
        return '应为 JSON 对象，如 {"mobile": "{phone}", "content": "{text}"}'
    for name in _PLACEHOLDER.findall(text):
        if name not in BODY_FIELDS:
            return f"未知的占位符 {{{name}}}（可用：{'、'.join('{' + f + '}' for f in BODY_FIELDS)}）"
    if "{phone}" not in text or "{text}" not in text:
        return "应含 {phone}（手机号码）和 {text}（短信内容）"
    return None


def fill_body(template: str, values: Mapping[str, str]) -> Any:
    """The request body: the template's JSON with each placeholder in its strings replaced (the values are
    JSON-escaped by being put into the parsed structure, never pasted into the text)."""
    import json

    def fill(node: Any) -> Any:
        if isinstance(node, str):
            return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), node)
        if isinstance(node, list):
            return [fill(x) for x in node]
        if isinstance(node, dict):
            return {k: fill(v) for k, v in node.items()}
        return node

    return fill(json.loads(template))
