"""好差评 at the window (issue 17 §6): after the verdict and after the hand-over the applicant rates the service;
the rating is journaled as `case.rated` under the staff member who served them, and folded into the case's
`ratings_json` (what the case list, the ledger and the centre read).

One rating per moment: the verdict (受理 / 补正 / 不予受理, and again after a later verdict) and the hand-over of
the result. Only where the region's guide asks for it (`rating: true` in its profile)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import select

from yibao_desk.domain.rating import FIELDS_ZH, is_bad, level_text, rating_problems
from yibao_desk.journal.case_actions import STEPS
from yibao_desk.journal.event_text import MOMENT_ZH
from yibao_desk.journal.events import append, case_dict
from yibao_desk.journal.models import Case, Event
from yibao_desk.journal.service_base import IntakeError, ServiceBase


def ratings(case: Mapping[str, Any]) -> list[dict[str, Any]]:
    try:
        found = json.loads(case.get("ratings_json") or "[]")
    except ValueError:
        return []
    return [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []


def _local_day(utc: Any) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(utc).astimezone().date() if isinstance(utc, str) else None
    except ValueError:
        return None


def bad_ratings_between(cases: Iterable[Mapping[str, Any]], start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """The 差评 given from `start` to `end` (local days, whenever the case was opened), each with its case number."""
    found = []
    for case in cases:
        for r in ratings(case):
            day = _local_day(r.get("utc"))
            if is_bad(r.get("level")) and day is not None and start <= day <= end:
                found.append({**r, "case_number": case.get("case_number")})
    return found


def rating_moment(case: Mapping[str, Any]) -> tuple[str, str] | None:
    """The moment a rating of this case would be about, and the step's time (None: nothing to rate yet)."""
    if case.get("status") == "delivered":
        return "handover", str(case.get("delivered_utc") or "")
    if case.get("status") in STEPS["rate"].statuses:
        return "verdict", str(case.get("decided_utc") or "")
    return None


def why_not_rate(case: Mapping[str, Any], today: dt.date) -> str | None:
    """Why this case cannot be rated now, beyond state and permission (None: it can). At the window a moment is
    rated on its own day, while the applicant is there; later the applicant rates online (seed 001 线上评价) — a
    window cannot enter a rating days afterwards in the applicant's name."""
    moment = rating_moment(case)
    if moment is None:
        return None  # the state check says why
    if any((r.get("moment"), r.get("after")) == moment for r in ratings(case)):
        return f"申请人已对本办件的{MOMENT_ZH[moment[0]]}作出评价"
    day = _local_day(moment[1])
    if day is not None and day != today:
        return f"{MOMENT_ZH[moment[0]]}在 {day} 办理：窗口只在当天现场评价，之后请申请人通过线上渠道评价"
    return None


class CaseRating(ServiceBase):
    def _served_by(self, s: Any, case_number: str, moment: str) -> str | None:
        kinds = ("case.delivered",) if moment == "handover" else ("case.accepted", "case.supplement", "case.rejected")
        found = s.scalars(
            select(Event.staff_id)
            .where(Event.case_number == case_number, Event.type.in_(kinds))
            .order_by(Event.utc.desc())
            .limit(1)
        ).first()
        return str(found) if found else None

    def cases_with_bad_ratings(self, start: dt.date, end: dt.date) -> list[dict[str, Any]]:
        """The cases given a 差评 from `start` to `end`, opened up to a year before (the supervisor's list)."""
        with self.journal.read() as s:
            q = (
                select(Case)
                .where(Case.ratings_json != "[]", Case.opened_local >= (start - dt.timedelta(days=366)).isoformat())
                .where(Case.opened_local < (end + dt.timedelta(days=1)).isoformat())
                .order_by(Case.opened_local.desc())
            )
            rows = [case_dict(c) for c in s.scalars(q)]
        wanted = {r["case_number"] for r in bad_ratings_between(rows, start, end)}
        return [r for r in rows if r["case_number"] in wanted]

    def rate(self, staff_id: str, case_number: str, level: int, aspect: str = "", reason: str = "") -> dict[str, Any]:
        problems = rating_problems(level, aspect, reason)
        if problems:
            raise IntakeError("；".join(f"{FIELDS_ZH.get(k, k)}：{v}" for k, v in problems.items()))
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.rate")
            case = self._case(s, case_number, STEPS["rate"].statuses)
            if not self.catalog.region(case.region).profile.rating:
                raise IntakeError(f"{self.catalog.region(case.region).name}的办事指南未要求“好差评”，本窗口不记录评价")
            row = {"status": case.status, "decided_utc": case.decided_utc, "delivered_utc": case.delivered_utc}
            row["ratings_json"] = case.ratings_json
            why = why_not_rate(row, self.clock().astimezone().date())
            if why:
                raise IntakeError(why)
            moment = rating_moment(row)
            assert moment is not None  # the state check above admits only states with a moment
            payload: dict[str, Any] = {"level": level, "text": level_text(level), "moment": moment[0]}
            payload["after"] = moment[1]
            # who served the applicant at that moment: the staff member of the verdict or of the hand-over (the
            # one recording a rating given later may be someone else)
            payload["served_by"] = self._served_by(s, case.case_number, moment[0]) or actor.staff_id
            if aspect.strip() or reason.strip():
                payload.update(aspect=aspect.strip(), reason=reason.strip())
            append(s, device.id, actor.staff_id, "case.rated", payload, case.case_number, self.clock)
        return payload
