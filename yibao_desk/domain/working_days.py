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

    def add_year_file(self, path: Path) -> None:
        try:
            data = yaml.load(path.read_bytes(), Loader=_Loader)
        except (OSError, yaml.YAMLError) as e:
            raise CalendarError(f"节假日文件 {path} 无法读取：{e}") from None
        if not isinstance(data, dict) or not isinstance(data.get("year"), int):
            raise CalendarError(f"节假日文件 {path}：缺少 year（年份）")
        year = data["year"]
        for i, h in enumerate(data.get("holidays") or []):
            try:
                start, end, name = h["from"], h["to"], str(h["name"])
                if not isinstance(start, dt.date) or not isinstance(end, dt.date) or end < start:
                    raise ValueError
            except (KeyError, TypeError, ValueError):
                raise CalendarError(
                    f"节假日文件 {path} 第{i + 1}项：应为 {{name, from: YYYY-MM-DD, to: YYYY-MM-DD}}"
                ) from None
            day = start
            while day <= end:
                self.holidays[day] = name
                day += dt.timedelta(days=1)
        for i, day in enumerate(data.get("makeup_workdays") or []):
            if not isinstance(day, dt.date):
                raise CalendarError(f"节假日文件 {path} makeup_workdays 第{i + 1}项：应为日期 YYYY-MM-DD")
            self.makeup_workdays.add(day)
        self.years.add(year)

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
