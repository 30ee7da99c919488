"""The day's 移交清单 from the journal: each case accepted that day whose papers go on to a 承办部门, grouped by that
department (a case with none chosen under 未指定承办部门, for the clerk to set before handing over)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select

from yibao_desk.domain.paper_handoff import PaperLine, forwarded, paper_lines
from yibao_desk.journal.events import case_dict
from yibao_desk.journal.intake import IntakeService
from yibao_desk.journal.models import Case

UNASSIGNED = "未指定承办部门"
ACCEPTED = ("accepted", "completed", "delivered")


@dataclass(frozen=True)
class HandoffItem:
    case_number: str
    service: str
    applicant: str
    lines: tuple[PaperLine, ...]

    @property
    def papers(self) -> int:
        """Sheets to hand over: the copies kept (at least one paper per material)."""
        return sum(max(1, line.copies) for line in self.lines)

    def materials_text(self) -> str:
        return "；".join(f"{line.name}（{max(1, line.copies)}份）" for line in self.lines)


def _local_day(utc: str | None) -> dt.date | None:
    return dt.datetime.fromisoformat(utc).astimezone().date() if utc else None


def handoff_items(svc: IntakeService, day: dt.date, department: str | None = None) -> dict[str, list[HandoffItem]]:
    """Department → the day's cases with papers for it, in the order they were accepted."""
    start = (day - dt.timedelta(days=1)).isoformat()  # decided_utc is UTC: a day's window either side, then exact
    end = (day + dt.timedelta(days=2)).isoformat()
    with svc.journal.read() as s:
        rows = [
            case_dict(c)
            for c in s.scalars(
                select(Case)
                .where(Case.status.in_(ACCEPTED), Case.decided_utc >= start, Case.decided_utc < end)
                .order_by(Case.decided_utc, Case.case_number)
            )
        ]
    out: dict[str, list[HandoffItem]] = {}
    for row in rows:
        if _local_day(row["decided_utc"]) != day:
            continue
        dept = row.get("department") or UNASSIGNED
        if department is not None and dept != department:
            continue
        service = svc.catalog.region(row["region"]).service(row["service_code"])
        answers = json.loads(row["answers_json"] or "{}")
        lines = forwarded(paper_lines(service, answers, json.loads(row["materials_json"] or "{}")))
        if lines:
            item = HandoffItem(row["case_number"], row["service_name"], row["applicant_name"], tuple(lines))
            out.setdefault(dept, []).append(item)
    return out
