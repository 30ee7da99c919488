"""Filling an official table from the case: what the clerk already typed is not typed twice.

A template's `prefill` maps a field to a source: `applicant.name`, `applicant.id_number`, `applicant.phone`,
`applicant.address`, `agent.*`, `unit.name`, `unit.credit_code`, `derived.sex`, `derived.birth_year`,
`derived.birth_month`, `today`, `case_number`. A field `list.item` fills the first row of a list field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from yibao_desk.domain.validators import validate_id_number
from yibao_desk.printing.case_info import CaseInfo
from yibao_desk.printing.templates import Template


def prefill_values(
    template: Template,
    people: Mapping[str, Mapping[str, Any] | None],
    case_number: str = "",
    today: dt.date | None = None,
) -> dict[str, Any]:
    sources: dict[str, Any] = {"today": (today or dt.date.today()).isoformat(), "case_number": case_number}
    for prefix, person in people.items():
        for key, value in (person or {}).items():
            sources[f"{prefix}.{key}"] = value
    applicant_id = (people.get("applicant") or {}).get("id_number")
    if applicant_id:
        v = validate_id_number(str(applicant_id))
        if v.valid:
            birth = dt.date.fromisoformat(v.derived["birth_date"])
            sources.update(
                {
                    "derived.sex": v.derived["sex"],
                    "derived.birth_year": str(birth.year),
                    "derived.birth_month": str(birth.month),
                }
            )
    record: dict[str, Any] = {}
    for target, source in template.prefill.items():
        value = sources.get(source)
        if value in (None, ""):
            continue
        if "." in target:
            list_name, item = target.split(".", 1)
            rows = record.setdefault(list_name, [{}])
            rows[0][item] = value
        else:
            record[target] = value
    return record


def prefill(template: Template, info: CaseInfo, today: dt.date | None = None) -> dict[str, Any]:
    return prefill_values(
        template, {"applicant": info.applicant, "agent": info.agent, "unit": info.unit}, info.case_number, today
    )
