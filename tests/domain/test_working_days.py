from __future__ import annotations

import datetime as dt
from pathlib import Path

import chinese_calendar
import pytest

from yibao_desk.domain.working_days import Calendar, CalendarError, load_calendar

D = dt.date


def test_counts_from_the_next_working_day(calendar: Calendar) -> None:
    # Accepted on Friday 2026-11-20: day 1 is Monday 23rd, day 5 is Friday 27th.
    assert calendar.add_working_days(D(2026, 11, 20), 5) == (D(2026, 11, 27), [])
    assert calendar.add_working_days(D(2026, 11, 20), 0) == (D(2026, 11, 20), [])


def test_national_day_and_makeup_saturday(calendar: Calendar) -> None:
    # 2026-09-30 (Wed) + 1 working day: 1–7 October off, the next working day is Thu 8 October.
    assert calendar.add_working_days(D(2026, 9, 30), 1)[0] == D(2026, 10, 8)
    # Saturday 2026-10-10 is a make-up working day.
    assert calendar.is_working_day(D(2026, 10, 10))
    assert calendar.add_working_days(D(2026, 10, 9), 1)[0] == D(2026, 10, 10)


def test_spring_festival_2026(calendar: Calendar) -> None:
    assert calendar.add_working_days(D(2026, 2, 13), 1)[0] == D(2026, 2, 14)  # Saturday make-up day
    assert calendar.add_working_days(D(2026, 2, 14), 1)[0] == D(2026, 2, 24)


@pytest.mark.parametrize("year", range(2020, 2027))
def test_shipped_years_agree_with_chinesecalendar(calendar: Calendar, year: int) -> None:
    day = D(year, 1, 1)
    while day.year == year:
        assert calendar.is_working_day(day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)


def test_year_without_data_falls_back_with_a_warning(calendar: Calendar) -> None:
    due, warnings = calendar.add_working_days(D(2026, 12, 28), 5)
    assert due == D(2027, 1, 4)  # Mon–Fri only: 29, 30, 31 Dec, 1 Jan (no data), 4 Jan
    assert len(warnings) == 1 and "2027" in warnings[0]


def test_supervisor_can_add_a_year(tmp_path: Path) -> None:
    (tmp_path / "2027.yaml").write_text(
        "year: 2027\nholidays:\n  - {name: 元旦, from: 2027-01-01, to: 2027-01-03}\nmakeup_workdays: []\n",
        encoding="utf-8",
    )
    cal = load_calendar([tmp_path])
    due, warnings = cal.add_working_days(D(2026, 12, 31), 1)
    assert due == D(2027, 1, 4) and warnings == []


def test_broken_holiday_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "2027.yaml").write_text("year: 2027\nholidays:\n  - {name: 元旦, from: 2027-01-05, to: 2027-01-01}\n")
    with pytest.raises(CalendarError, match=r"2027\.yaml"):
        load_calendar([tmp_path])
