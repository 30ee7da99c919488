"""The intake service's 归档 part (issue 17 §5, seed 000 §十一): a case completed and handed over gets its 档案号 and
its case file; `case.archived` records the number, the file's SHA-256, its pages and what it holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from yibao_desk.domain.archive_number import archive_number
from yibao_desk.journal.events import append
from yibao_desk.journal.models import Event
from yibao_desk.journal.service_base import IntakeError, ServiceBase

ARCHIVABLE = frozenset({"delivered"})


class CaseArchive(ServiceBase):
    def archive_case(
        self, staff_id: str, case_number: str, write_file: Callable[[str], dict[str, Any]]
    ) -> dict[str, Any]:
        """Give the case its 档案号 and record it. `write_file(number)` renders the case file with that number on it,
        writes it and returns {"file", "sha256", "pages", "documents"}; it runs inside the write transaction, so two
        PCs' clerks never take one number, and nothing is recorded when it fails."""
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "case.archive")
            case = self._case(s, case_number, ARCHIVABLE)
            if case.archive_json:
                import json

                number = json.loads(case.archive_json).get("number", "")
                raise IntakeError(f"办件 {case.case_number} 已归档，档案号 {number}")
            year = self.clock().year
            done = s.scalar(
                select(func.count())
                .select_from(Event)
                .where(Event.device_id == device.id, Event.type == "case.archived")
                .where(Event.local_time.like(f"{year}-%"))
            )
            profile = self.catalog.region(case.region).profile
            number = archive_number(
                profile.archive_number_format, profile.case_prefix, year, device.id, int(done or 0) + 1
            )
            written = write_file(number)
            payload = {"number": number, **written}
            append(s, device.id, actor.staff_id, "case.archived", payload, case.case_number, self.clock)
        return payload
