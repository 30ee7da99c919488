"""Domain values as plain JSON-ready dicts (the CLI's `--json` shapes), and check input from JSON."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from yibao_desk.domain.catalog import Material, Region, Scenario, Service
from yibao_desk.domain.checklist import CheckInputError, MaterialState, Verdict


def service_summary(service: Service) -> dict[str, Any]:
    tl = service.time_limit
    return {
        "code": service.code,
        "name": service.name,
        "group": service.group.name,
        "group_id": service.group.id,
        "local_code": service.local_code,
        "time_limit": {
            "kind": tl.kind,
            "working_days": tl.working_days,
            "months": tl.months,
            "days": tl.days,
            "text": tl.text,
            "variants": [v.model_dump() for v in tl.variants],
        },
        "forms": list(service.forms),
        "levels": list(service.levels),
    }


def scenario_dict(s: Scenario) -> dict[str, Any]:
    return {
        "id": s.id,
        "question": s.question,
        "options": list(s.options),
        "default": s.default if s.default is not None else s.options[0],
        "reject": [r.model_dump() for r in s.reject],
    }


def material_dict(m: Material) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name,
        "requirement": m.requirement,
        "original": m.original,
        "copies": m.copies,
        "stamp": m.stamp,
        "alternatives": list(m.alternatives),
        "condition": m.condition,
        "may_gap": m.may_gap,
        "gap_deadline_working_days": m.gap_deadline_working_days,
        "gap_submit_by": m.gap_submit_by,
        "common_mistakes": list(m.common_mistakes),
        "paper": m.paper,
        "form": m.form,
    }


def service_detail(region: Region, service: Service) -> dict[str, Any]:
    summary = service_summary(service)
    summary.update(
        {
            "region": region.id,
            "acceptance_unit": service.acceptance_unit,
            "target": service.target,
            "channels": list(service.channels),
            "steps": list(service.steps),
            "notes": list(service.notes),
            "contact_phone": service.contact_phone,
        }
    )
    return {
        "service": summary,
        "scenarios": [scenario_dict(s) for s in service.scenarios],
        "materials": [material_dict(m) for m in service.materials],
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def verdict_dict(v: Verdict) -> dict[str, Any]:
    return {
        "verdict": v.verdict,
        "verdict_zh": v.verdict_zh,
        "problems": [
            {
                "material_id": p.material_id,
                "material": p.material,
                "reason": p.reason,
                "requirement": p.requirement,
                "common_mistakes": list(p.common_mistakes),
            }
            for p in v.problems
        ],
        "gaps": [
            {
                "material_id": g.material_id,
                "material": g.material,
                "deadline": _iso(g.deadline),
                "submit_by": g.submit_by,
            }
            for g in v.gaps
        ],
        "due_date": _iso(v.due_date),
        "due_date_estimated_years": list(v.estimated_years),
        "time_limit": {"kind": v.time_limit.kind, "working_days": v.time_limit.working_days, "text": v.time_limit.text},
        "reject_reasons": list(v.reject_reasons),
        "required_materials": [i.material.id for i in v.checklist if i.applies],
        "warnings": list(v.warnings),
    }


# Text that comes in from a clerk's JSON or a form: bounded, and none of the characters that would garble the
# journal, a printed form or a terminal — C0/C1 control characters (NUL, tab, newline, ESC …, DEL), the line and
# paragraph separators, bidirectional overrides, lone surrogates. Newlines are refused everywhere: every text the
# program takes is one line (a name, an address, a short note).
_FORBIDDEN_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
ANSWER_MAX_LENGTH = 100  # scenario ids and options are a few words
MATERIAL_ID_MAX_LENGTH = 100
MISTAKE_MAX_LENGTH = 200  # a flagged common mistake: one sentence
MAX_ANSWERS = 100
MAX_MATERIALS = 200
MAX_COPIES = 99


def text_problem(value: str, limit: int) -> str | None:
    """Why `value` is no acceptable one-line text of at most `limit` characters (Chinese, to follow a field's
    label), or None."""
    if len(value) > limit:
        return f"不能超过 {limit} 个字（现为 {len(value)} 个）"
    bad = _FORBIDDEN_CHARS.search(value)
    if bad:
        return f"含有控制字符或不可见的格式字符（U+{ord(bad.group()):04X}），请删除后重新输入"
    return None


_STATE_FIELDS: dict[str, type | tuple[type, ...]] = {
    "received": bool,
    "original_checked": bool,
    "copies": int,
    "stamped": bool,
    "mistake": (str, type(None)),
}


def _check_answers(answers: Any) -> None:
    if not isinstance(answers, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in answers.items()
    ):
        raise CheckInputError("answers 应为 {情形id: 选项文字} 的对象")
    if len(answers) > MAX_ANSWERS:
        raise CheckInputError(f"answers 最多 {MAX_ANSWERS} 项（现为 {len(answers)} 项）")
    for k, v in answers.items():
        problem = text_problem(k, ANSWER_MAX_LENGTH)
        if problem:
            raise CheckInputError(f"answers 中的情形id{problem}")
        problem = text_problem(v, ANSWER_MAX_LENGTH)
        if problem:
            raise CheckInputError(f"answers 中情形 {k} 的选项文字{problem}")


def check_input(data: Any) -> tuple[dict[str, str], dict[str, MaterialState]]:
    """Parse `{"answers": {...}, "materials": {id: {received, original_checked, copies, stamped, mistake}}}`.
    Bounded: at most 100 answers and 200 materials, ids and options of at most 100 characters, copies 0 to 99,
    a mistake of at most 200 characters; no control characters."""
    if not isinstance(data, Mapping):
        raise CheckInputError('输入应为 JSON 对象：{"answers": {...}, "materials": {...}}')
    answers = data.get("answers") or {}
    materials = data.get("materials") or {}
    _check_answers(answers)
    if not isinstance(materials, Mapping):
        raise CheckInputError("materials 应为 {材料id: {...}} 的对象")
    if len(materials) > MAX_MATERIALS:
        raise CheckInputError(f"materials 最多 {MAX_MATERIALS} 项（现为 {len(materials)} 项）")
    states: dict[str, MaterialState] = {}
    for material_id, raw in materials.items():
        problem = text_problem(str(material_id), MATERIAL_ID_MAX_LENGTH)
        if problem:
            raise CheckInputError(f"materials 中的材料id{problem}")
        if not isinstance(raw, Mapping):
            raise CheckInputError(f"材料 {material_id} 的状态应为对象")
        unknown = set(raw) - set(_STATE_FIELDS)
        if unknown:
            names = "、".join(sorted(str(u)[:40] for u in unknown)[:10])
            raise CheckInputError(f"材料 {material_id} 有未知字段：{names}")
        for key, kind in _STATE_FIELDS.items():
            if key in raw and (not isinstance(raw[key], kind) or (kind is int and isinstance(raw[key], bool))):
                raise CheckInputError(f"材料 {material_id} 的 {key} 类型不对")
        copies = raw.get("copies", 0)
        if copies < 0:
            raise CheckInputError(f"材料 {material_id} 的 copies 不能为负数")
        if copies > MAX_COPIES:
            raise CheckInputError(f"材料 {material_id} 的 copies（复印件份数）应为 0 到 {MAX_COPIES} 的整数")
        mistake = raw.get("mistake")
        if mistake:
            problem = text_problem(mistake, MISTAKE_MAX_LENGTH)
            if problem:
                raise CheckInputError(f"材料 {material_id} 的 mistake（常见错误）{problem}")
        states[str(material_id)] = MaterialState(
            received=raw.get("received", False),
            original_checked=raw.get("original_checked", False),
            copies=copies,
            stamped=raw.get("stamped", False),
            mistake=mistake or None,
        )
    return dict(answers), states
