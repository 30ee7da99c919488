"""The values a form is filled with: checked field by field against the template, each problem naming the field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from yibao_desk.domain.validators import validate_credit_code, validate_id_number, validate_phone
from yibao_desk.printing.numerals import yuan_capital
from yibao_desk.printing.templates import FieldSpec, Template


class RecordError(ValueError):
    """The data for a form is wrong; `problems` lists (field name, Chinese message) for every field at once."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("；".join(f"{msg}（字段 {name}）" for name, msg in problems))
        self.problems = problems


def _check_value(spec: FieldSpec, value: Any, where: str) -> str | None:
    label = spec.label
    if spec.type in ("text", "number"):
        return None if isinstance(value, str | int | float) and not isinstance(value, bool) else f"{label}应为文字"
    if not isinstance(value, str | int | float | list | bool) or value == "":
        return f"{label}格式不对"
    if spec.type == "id_number":
        v = validate_id_number(str(value))
        return None if v.valid else f"{label}无效：{v.message}"
    if spec.type == "phone":
        v = validate_phone(str(value))
        return None if v.valid else f"{label}无效：{v.message}"
    if spec.type == "credit_code":
        v = validate_credit_code(str(value))
        return None if v.valid else f"{label}无效：{v.message}"
    if spec.type == "date":
        try:
            dt.date.fromisoformat(str(value))
        except ValueError:
            return f"{label}应为日期 YYYY-MM-DD"
        return None
    if spec.type == "money":
        try:
            Decimal(str(value))
            yuan_capital(value)
        except (InvalidOperation, ValueError):
            return f"{label}应为金额（元），例如 123.45"
        return None
    if spec.type == "choice":
        return None if value in spec.options else f"{label}应为：{'、'.join(spec.options)}"
    if spec.type == "multi":
        values = value if isinstance(value, list) else [value]
        bad = [v for v in values if v not in spec.options]
        return f"{label}中的 {'、'.join(map(str, bad))} 不是可选项（{'、'.join(spec.options)}）" if bad else None
    if spec.type == "bool":
        return None if isinstance(value, bool) else f"{label}应为 true 或 false"
    return None


def check_record(template: Template, record: Mapping[str, Any], require: bool = True) -> dict[str, Any]:
    """The record normalised (ID numbers upper-case …); raises RecordError listing every bad field.

    With `require=False` missing required fields are allowed: the table is printed with what is known and the
    applicant completes it by hand (what the program pre-fills at acceptance)."""
    if not isinstance(record, Mapping):
        raise RecordError([("-", "表格数据应为 JSON 对象")])
    problems: list[tuple[str, str]] = []
    known = {f.name for f in template.fields}
    for name in record:
        if name not in known:
            problems.append((name, f"表格 {template.id} 没有字段 {name}"))
    out: dict[str, Any] = {}
    for spec in template.fields:
        value = record.get(spec.name)
        if value in (None, "", []):
            if spec.required and require:
                problems.append((spec.name, f"缺少必填项：{spec.label}"))
            continue
        if spec.type == "list":
            if not isinstance(value, list):
                problems.append((spec.name, f"{spec.label}应为列表"))
                continue
            if spec.max_items and len(value) > spec.max_items:
                problems.append((spec.name, f"{spec.label}最多 {spec.max_items} 行，实为 {len(value)} 行"))
            rows = []
            for i, row in enumerate(value):
                if not isinstance(row, Mapping):
                    problems.append((f"{spec.name}[{i + 1}]", f"{spec.label}第{i + 1}行应为对象"))
                    continue
                clean = {}
                for item in spec.items:
                    v = row.get(item.name)
                    if v in (None, ""):
                        if item.required and require:
                            problems.append(
                                (f"{spec.name}[{i + 1}].{item.name}", f"{spec.label}第{i + 1}行缺少{item.label}")
                            )
                        continue
                    err = _check_value(item, v, spec.name)
                    if err:
                        problems.append((f"{spec.name}[{i + 1}].{item.name}", f"{spec.label}第{i + 1}行：{err}"))
                    clean[item.name] = _normal(item, v)
                rows.append(clean)
            out[spec.name] = rows
            continue
        err = _check_value(spec, value, spec.name)
        if err:
            problems.append((spec.name, err))
        else:
            out[spec.name] = _normal(spec, value)
    for spec in template.fields:
        option = spec.other_choice
        if option is None or spec.other_text is None or spec.other_text not in out:
            continue
        if spec.name not in out and record.get(spec.name) not in (None, "", []):
            continue  # the choice itself is wrong, and said so
        chosen = out.get(spec.name)
        if option not in (chosen if isinstance(chosen, list) else [chosen]):
            label, shown = template.field(spec.other_text).label, re.sub(r"[\s\u3000]+", "", option)
            problems.append((spec.other_text, f"填写了{label}，但{spec.label}没有选“{shown}”"))
    if problems:
        raise RecordError(problems)
    return out


def _normal(spec: FieldSpec, value: Any) -> Any:
    if spec.type in ("id_number", "credit_code"):
        return str(value).strip().upper()
    return value


_EMPTY_BRACKETS = re.compile(r"（[\s\u3000]*）|\([\s\u3000]*\)")
_TRAILING_COLON = re.compile(r"[：:][\s\u3000]*$")


def other_parts(option: str, text: str) -> list[tuple[str, bool]]:
    """The label of a 「其他」 box with what 其他 is: (printed text, is_value) segments. The text replaces the empty
    brackets (其他（　　） → 其他（text）) or follows the colon (其他： → 其他：text); a bare 其他 gets 其他（text）."""
    m = _EMPTY_BRACKETS.search(option)
    if m:
        close = m.group(0)[-1]
        return [(option[: m.start()] + m.group(0)[0], False), (text, True), (close + option[m.end() :], False)]
    m = _TRAILING_COLON.search(option)
    if m:
        return [(option[: m.start() + 1], False), (text, True)]
    return [(option.rstrip() + "（", False), (text, True), ("）", False)]


def display(spec: FieldSpec, value: Any, fmt: str | None = None) -> str:
    """How a value is written into its cell."""
    if value in (None, "", []):
        return ""
    if spec.type == "date":
        d = dt.date.fromisoformat(str(value))
        return f"{d.year}年{d.month}月{d.day}日"
    if spec.type == "money":
        if fmt == "capital":
            return yuan_capital(value)
        return f"{Decimal(str(value)).quantize(Decimal('0.01'))}"
    if spec.type == "bool":
        return "是" if value else "否"
    if spec.type == "multi":
        return "、".join(value if isinstance(value, list) else [value])
    return str(value)
