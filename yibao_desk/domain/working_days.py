"""Working days on the official calendar: holidays and make-up working days (调休) per year.

Years are data files (`resources/holidays/YYYY.yaml`, extendable by a supervisor with files of the same
shape in an extra folder). A year without a file falls back to Monday–Friday, with a warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from yibao_desk.domain.holiday_year import HolidayYear, HolidayYearError, parse_year
from yibao_desk.domain.paths import resources_dir

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:
    _Loader = yaml.SafeLoader


class CalendarError(Exception):
    """A holiday file is malformed; the message names the file and the entry."""


@dataclass
class Calendar:
    holidays: dict[dt.date, str] = field(default_factory=dict)
    makeup_workdays: set[dt.date] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    arrangements: dict[int, HolidayYear] = field(default_factory=dict)  # each year as it was entered

    def add_year_file(self, path: Path) -> None:
        try:
            data = yaml.load(path.read_bytes(), Loader=_Loader)
        except (OSError, yaml.YAMLError) as e:
            raise CalendarError(f"节假日文件 {path} 无法读取：{e}") from None
        try:
            self.add_year(parse_year(data, f"节假日文件 {path}"))
        except HolidayYearError as e:
            raise CalendarError(str(e)) from None

    def add_year(self, arrangement: HolidayYear) -> None:
        """A year's arrangement, replacing what was known of that year (a corrected notice replaces the first)."""
        old = self.arrangements.get(arrangement.year)
        if old is not None:
            for r in old.holidays:
                for day in r.days():
                    self.holidays.pop(day, None)
            self.makeup_workdays.difference_update(old.makeup_workdays)
        for r in arrangement.holidays:
            for day in r.days():
                self.holidays[day] = r.name
        self.makeup_workdays.update(arrangement.makeup_workdays)
        self.arrangements[arrangement.year] = arrangement
        self.years.add(arrangement.year)

    def unknown_years(self, start: dt.date, end: dt.date) -> tuple[int, ...]:
        """The years from `start` to `end` whose 放假安排 the calendar does not have."""
        return tuple(y for y in range(start.year, end.year + 1) if y not in self.years)

    def knows(self, year: int) -> bool:
        return year in self.years

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.makeup_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: dt.date, n: int) -> tuple[dt.date, list[str]]:
        """The date N working days after `start`, counting from the next working day; and warnings."""
        if n < 0:
            raise ValueError("工作日数不能为负数")
        day = start
        counted = 0
        seen_years = {start.year}
        while counted < n:
            day += dt.timedelta(days=1)
            seen_years.add(day.year)
            if self.is_working_day(day):
                counted += 1
        return day, self.warnings_for(seen_years)

    def warnings_for(self, years: Iterable[int]) -> list[str]:
        return [
            f"{y}年的法定节假日安排尚未录入，按周一至周五计算，结果可能与实际工作日不符；"
            f"请主管在国务院通知发布后补录 {y} 年节假日。"
            for y in sorted(set(years))
            if y not in self.years
        ]


def load_calendar(extra_dirs: Iterable[Path] = ()) -> Calendar:
    cal = Calendar()
    shipped = resources_dir() / "holidays"
    if not any(shipped.glob("*.yaml")):  # without it every due date would silently skip no holiday
        raise CalendarError(f"找不到程序自带的节假日日历（{shipped}）；安装不完整，请重新安装 yibao-desk")
    for folder in [shipped, *extra_dirs]:
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                cal.add_year_file(path)
    return cal
