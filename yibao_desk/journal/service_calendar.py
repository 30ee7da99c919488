"""Next year's holidays entered by a supervisor (issue 17 §7): journaled as `calendar.year_added` with the whole
arrangement, used at once by every due date, and read back into the calendar whenever the journal is opened — so
a restored backup, a rebuilt journal and the centre all hold the year the window entered."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import select

from yibao_desk.domain.holiday_year import HolidayYear, HolidayYearError, parse_year
from yibao_desk.journal.events import append
from yibao_desk.journal.models import Event
from yibao_desk.journal.service_base import IntakeError, ServiceBase

EVENT = "calendar.year_added"


def entered_years(path: Path) -> list[HolidayYear]:
    """The years entered into the journal at `path`, read without opening it for writing (the CLI's `due-date` and
    `check`, which need this PC's calendar but no journal); none when there is no journal yet."""
    if not path.exists():
        return []
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            rows = conn.execute("SELECT payload FROM events WHERE type = ? ORDER BY seq", (EVENT,)).fetchall()
    except sqlite3.Error:
        return []  # not a journal yet (or unreadable): the commands that open it say so themselves
    return [parse_year(json.loads(payload), "日志中的节假日安排") for (payload,) in rows]


class ServiceCalendar(ServiceBase):
    def add_holiday_year(self, staff_id: str, data: Mapping[str, Any]) -> HolidayYear:
        """Check the arrangement (every problem at once), journal it and use it from now on."""
        try:
            arrangement = parse_year(data)
        except HolidayYearError as e:
            raise IntakeError(str(e)) from None
        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "calendar.change")
            append(s, device.id, actor.staff_id, EVENT, arrangement.as_data(), clock=self.clock)
        self.calendar.add_year(arrangement)
        return arrangement

    def _journal_years(self) -> list[HolidayYear]:
        with self.journal.read() as s:
            payloads = list(s.scalars(select(Event.payload).where(Event.type == EVENT).order_by(Event.seq)))
        return [parse_year(json.loads(p), "日志中的节假日安排") for p in payloads]

    def load_journal_years(self) -> list[int]:
        """The years this journal's supervisors entered, added to the calendar in the order they were entered."""
        years = self._journal_years()
        for arrangement in years:
            self.calendar.add_year(arrangement)
        return [a.year for a in years]

    def holiday_years(self) -> list[dict[str, Any]]:
        """Every year the calendar knows, with where it came from (shipped or entered here); changes nothing."""
        entered = {a.year for a in self._journal_years()}
        return [
            {**self.calendar.arrangements[y].as_data(), "entered_here": y in entered}
            for y in sorted(self.calendar.arrangements)
        ]
