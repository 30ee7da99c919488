"""The intake service's reading part: one case, its events, the case list and this window's most used services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from yibao_desk.domain.case_search import read_search
from yibao_desk.journal.case_number import normalize
from yibao_desk.journal.events import case_dict, event_dict
from yibao_desk.journal.models import Case, Event
from yibao_desk.journal.service_base import IntakeError, ServiceBase


class CaseReading(ServiceBase):
    def case(self, case_number: str) -> dict[str, Any]:
        with self.journal.read() as s:
            case = s.get(Case, normalize(case_number))
            if case is None:
                raise IntakeError(f"没有编号为 {case_number} 的办件")
            return case_dict(case)

    def case_events(self, case_number: str) -> list[dict[str, Any]]:
        with self.journal.read() as s:
            rows = s.scalars(select(Event).where(Event.case_number == normalize(case_number)).order_by(Event.seq))
            return [event_dict(e) for e in rows]

    def cases(
        self,
        day: dt.date | None = None,
        status: str | None = None,
        until: dt.date | None = None,
        search: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        with self.journal.read() as s:
            q = select(Case).order_by(Case.opened_local.desc())
            if day is not None:
                end = until or day
                q = q.where(
                    Case.opened_local >= day.isoformat(), Case.opened_local < (end + dt.timedelta(days=1)).isoformat()
                )
            if status:
                q = q.where(Case.status == status)
            if search:
                wanted = read_search(search)
                if wanted.id_number:
                    q = q.where(Case.applicant_id_number == wanted.id_number)
                elif wanted.last4:
                    q = q.where(Case.applicant_id_number.endswith(wanted.last4))
                    if wanted.name:
                        q = q.where(Case.applicant_name.contains(wanted.name))
                elif wanted.text:
                    term = wanted.text
                    q = q.where(
                        Case.case_number.contains(normalize(term))
                        | Case.applicant_id_number.contains(term)
                        | Case.applicant_name.contains(search.strip())
                    )
            if limit:
                q = q.limit(limit)
            return [case_dict(c) for c in s.scalars(q)]

    def frequent_services(self, limit: int = 6) -> list[str]:
        """This window's most used services (for the picker's top rows)."""
        with self.journal.read() as s:
            rows = s.execute(
                select(Case.service_code, func.count())
                .group_by(Case.service_code)
                .order_by(func.count().desc())
                .limit(limit)
            )
            return [r[0] for r in rows]
