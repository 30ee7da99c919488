"""Filling an official table from the case: what the clerk already typed is not typed twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from yibao_desk.printing.case_info import CaseInfo
from yibao_desk.printing.templates import Template


def prefill(template: Template, info: CaseInfo, today: dt.date | None = None) -> dict[str, Any]:
    sources: dict[str, Any] = {"today": (today or dt.date.today()).isoformat(), "case_number": info.case_number}
    for prefix, person in (("applicant", info.applicant), ("agent", info.agent or {}), ("unit", info.unit or {})):
        for key, value in person.items():
            sources[f"{prefix}.{key}"] = value
    record: dict[str, Any] = {}
    for field_name, source in template.prefill.items():
        value = sources.get(source)
        if value not in (None, ""):
            record[field_name] = value
    return record
