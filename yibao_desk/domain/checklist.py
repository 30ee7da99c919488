"""The checklist engine: from scenario answers and what the clerk ticked to a verdict.

`evaluate(service, answers, states, accepted_on, calendar)` lists **every** problem at once (一次性告知):
a material that applies in this scenario and is missing, its original not checked, too few copies, the stamp
missing, or a common mistake flagged. A material that may be accepted with a gap (容缺) becomes a gap with its
deadline instead of a problem. An answer that puts the applicant out of scope makes the verdict `reject`.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from yibao_desk.domain.catalog import Material, Service, TimeLimit
from yibao_desk.domain.conditions import holds
from yibao_desk.domain.working_days import Calendar

VerdictKind = Literal["accept", "supplement", "reject"]

VERDICT_ZH: dict[str, str] = {"accept": "受理", "supplement": "补正", "reject": "不予受理"}


class CheckInputError(ValueError):
    """The answers or material states do not fit the service (unknown id, unknown option …)."""


@dataclass(frozen=True)
class MaterialState:
    received: bool = False
    original_checked: bool = False
    copies: int = 0
    stamped: bool = False
    mistake: str | None = None


def complete_state(material: Material, current: MaterialState | None = None) -> MaterialState:
    """The material as its acceptance point asks: received, original checked, the copies named, the stamp present
    (copies already counted above the requirement are kept; a flagged mistake is kept)."""
    copies = max(current.copies if current else 0, material.copies or 0)
    mistake = current.mistake if current else None
    return MaterialState(True, bool(material.original), copies, bool(material.stamp), mistake)


@dataclass(frozen=True)
class ChecklistItem:
    material: Material
    applies: bool


@dataclass(frozen=True)
class Problem:
    material_id: str | None
    material: str
    reason: str
    requirement: str = ""
    common_mistakes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gap:
    material_id: str
    material: str
    deadline: dt.date | None
    submit_by: str = ""


@dataclass(frozen=True)
class AppliedTimeLimit:
    kind: str
    working_days: int | None
    months: int | None
    days: int | None
    text: str


@dataclass(frozen=True)
class Verdict:
    verdict: VerdictKind
    problems: tuple[Problem, ...]
    gaps: tuple[Gap, ...]
    due_date: dt.date | None
    time_limit: AppliedTimeLimit
    warnings: tuple[str, ...] = ()
    reject_reasons: tuple[str, ...] = ()
    checklist: tuple[ChecklistItem, ...] = field(default=(), repr=False)
    # years the due date was counted through without their 放假安排 (Monday–Friday): marked on screen and receipt
    estimated_years: tuple[int, ...] = ()

    @property
    def verdict_zh(self) -> str:
        return VERDICT_ZH[self.verdict]


def resolve_answers(service: Service, answers: Mapping[str, str]) -> dict[str, str]:
    """The service's default answers overlaid with the given ones; unknown ids or options are refused."""
    resolved = service.default_answers()
    for scenario_id, option in answers.items():
        try:
            scenario = service.scenario(scenario_id)
        except KeyError:
            known = "、".join(s.id for s in service.scenarios) or "（本事项没有情形问题）"
            raise CheckInputError(f"未知的情形 {scenario_id!r}；本事项的情形：{known}") from None
        if option not in scenario.options:
            raise CheckInputError(
                f"情形 {scenario_id}（{scenario.question}）没有选项 {option!r}；可选：{'、'.join(scenario.options)}"
            )
        resolved[scenario_id] = option
    return resolved


def build_checklist(service: Service, answers: Mapping[str, str]) -> tuple[ChecklistItem, ...]:
    resolved = resolve_answers(service, answers)
    return tuple(ChecklistItem(m, holds(m.condition, resolved)) for m in service.materials)


def applied_time_limit(limit: TimeLimit, answers: Mapping[str, str]) -> AppliedTimeLimit:
    for v in limit.variants:
        if holds(v.when, answers):
            return AppliedTimeLimit(v.kind, v.working_days, v.months, v.days, v.label or limit.text)
    return AppliedTimeLimit(limit.kind, limit.working_days, limit.months, limit.days, limit.text)


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def due_date(accepted_on: dt.date, limit: AppliedTimeLimit, calendar: Calendar) -> tuple[dt.date | None, list[str]]:
    if limit.kind == "immediate":
        return accepted_on, []
    if limit.kind == "working_days":
        return calendar.add_working_days(accepted_on, limit.working_days or 0)
    if limit.kind == "months":
        return _add_months(accepted_on, limit.months or 0), []
    if limit.kind == "natural_days":
        return accepted_on + dt.timedelta(days=limit.days or 0), []
    return None, ["办事指南未给出该事项的办理时限，无法计算承诺办结日期。"]


def _defects(material: Material, state: MaterialState) -> list[str]:
    if not state.received:
        if material.alternatives:
            return [f"未提交（以下任选其一：{'、'.join(material.alternatives)}）"]
        return ["未提交"]
    reasons = []
    if material.original and not state.original_checked:
        reasons.append("原件未核验")
    if material.copies and state.copies < material.copies:
        reasons.append(f"复印件不足：需 {material.copies} 份，实收 {state.copies} 份")
    if material.stamp and not state.stamped:
        reasons.append(f"未加盖{material.stamp}")
    if state.mistake:
        reasons.append(f"存在常见错误：{state.mistake}")
    return reasons


def evaluate(
    service: Service,
    answers: Mapping[str, str],
    states: Mapping[str, MaterialState],
    accepted_on: dt.date,
    calendar: Calendar,
    people: Sequence[Problem] = (),
) -> Verdict:
    """`people`: what is wrong with the applicant's or the agent's identity document (an expired card, issue 18):
    listed first, and like a missing material they keep the case from acceptance."""
    resolved = resolve_answers(service, answers)
    for material_id in states:
        try:
            service.material(material_id)
        except KeyError:
            raise CheckInputError(f"未知的材料 {material_id!r}（事项 {service.code} {service.name}）") from None
    checklist = tuple(ChecklistItem(m, holds(m.condition, resolved)) for m in service.materials)
    limit = applied_time_limit(service.time_limit, resolved)

    reject_reasons = tuple(r.reason for s in service.scenarios for r in s.reject if resolved.get(s.id) == r.option)
    if reject_reasons:
        refusal = tuple(Problem(None, "", reason) for reason in reject_reasons)
        return Verdict("reject", refusal, (), None, limit, (), reject_reasons, checklist)

    problems: list[Problem] = list(people)
    gaps: list[Gap] = []
    warnings: list[str] = []
    empty = MaterialState()
    for item in checklist:
        if not item.applies:
            continue
        m = item.material
        reasons = _defects(m, states.get(m.id, empty))
        if not reasons:
            continue
        if m.may_gap:
            deadline = None
            if m.gap_deadline_working_days is not None:
                deadline, w = calendar.add_working_days(accepted_on, m.gap_deadline_working_days)
                warnings.extend(w)
            gaps.append(Gap(m.id, m.name, deadline, m.gap_submit_by))
            continue
        problems.append(Problem(m.id, m.name, "；".join(reasons), m.requirement, m.common_mistakes))

    if problems:
        return Verdict(
            "supplement", tuple(problems), tuple(gaps), None, limit, tuple(dict.fromkeys(warnings)), (), checklist
        )
    due, w = due_date(accepted_on, limit, calendar)
    warnings.extend(w)
    estimated = calendar.unknown_years(accepted_on, due) if due and limit.kind == "working_days" else ()
    return Verdict("accept", (), tuple(gaps), due, limit, tuple(dict.fromkeys(warnings)), (), checklist, estimated)
