"""Filling an official table from the case: what the program knows is not typed twice.

A template's `prefill` maps a field to a source:
- the people and the unit: `applicant.name`, `applicant.id_number`, `applicant.phone`, `applicant.address`,
  `agent.*`, `unit.name`, `unit.credit_code`, `unit.*`;
- derived from the applicant's ID number: `derived.sex`, `derived.birth_year`, `derived.birth_month`;
- the counter: `agency.name`, `agency.phone` (the region profile's agency, the service's or region's
  consultation phone), `clerk.name` (the clerk who took the case), `window.name`;
- the case: `case_number`, `case.date` (the day it was opened), `service.name`, `service.code`, `today`;
- the clerk's answers to the service's scenario questions: `answer.<question id>` (e.g. `answer.key_info_change`).
A mapping `{from: service.name, map: {异地安置退休人员备案: 异地安置退休人员}}` chooses an option (or true/false for a
bool field) by a source's value; with several sources (`from: [answer.a, answer.b]`) the first the map names
wins. A field `list.item` fills the first row of a list field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from yibao_desk.domain.catalog import Region, Service
from yibao_desk.domain.validators import validate_id_number
from yibao_desk.printing.case_info import CaseInfo
from yibao_desk.printing.templates import PrefillMap, Template


def prefill_values(
    template: Template,
    people: Mapping[str, Mapping[str, Any] | None],
    case_number: str = "",
    today: dt.date | None = None,
    context: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """`context`: the counter's and the case's sources (agency.*, clerk.name, service.*, case.date …)."""
    sources: dict[str, Any] = {"today": (today or dt.date.today()).isoformat(), "case_number": case_number}
    sources.update(context or {})
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
        if isinstance(source, PrefillMap):
            named = (str(sources.get(name, "")) for name in source.sources)
            value = next((source.map[v] for v in named if v in source.map), None)
        else:
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


def counter_context(region: Region, service: Service, clerk: str, window: str, day: dt.date) -> dict[str, str]:
    """What the region profile, the service, the clerk and the case know, as prefill sources."""
    profile = region.profile
    phone = service.contact_phone or "、".join(profile.phones.consultation)
    return {
        "agency.name": profile.agency,
        "agency.phone": phone,
        "clerk.name": clerk,
        "window.name": window,
        "service.name": service.name,
        "service.code": service.code,
        "case.date": day.isoformat(),
    }


def prefill(template: Template, info: CaseInfo, today: dt.date | None = None) -> dict[str, Any]:
    context = counter_context(info.region, info.service, info.clerk, info.window, info.opened.date())
    context.update({f"answer.{key}": value for key, value in info.answers.items()})
    return prefill_values(
        template,
        {"applicant": info.applicant, "agent": info.agent, "unit": info.unit},
        info.case_number,
        today,
        context,
    )
