"""One year's 放假安排 as the State Council's notice gives it: holiday ranges and make-up working days (调休上班).

The same shape as `resources/holidays/YYYY.yaml`, whether it comes from a shipped file, a supervisor's file
(`holidays add-year --file`) or the supervisor's dialog, and checked the same way, every problem at once:
each range starts in the year and lasts at most 15 days (元旦 may run into the next year: 2018-12-30 to
2019-01-01 was in the 2018 notice), ranges do not overlap, a make-up working day is a Saturday or a Sunday of the
year and not inside a range."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

# the festivals of 《全国年节及纪念日放假办法》 each notice arranges, in the order it lists them
FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
MAX_RANGE_DAYS = 15
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


class HolidayYearError(ValueError):
    """What is wrong with a year's arrangement; `problems` lists each one in Chinese."""

    def __init__(self, where: str, problems: list[str]) -> None:
        super().__init__(f"{where}：" + "；".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class HolidayRange:
    name: str
    start: dt.date
    end: dt.date

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(days=i) for i in range((self.end - self.start).days + 1)]


@dataclass(frozen=True)
class HolidayYear:
    year: int
    holidays: tuple[HolidayRange, ...]
    makeup_workdays: tuple[dt.date, ...]
    source: str = ""

    def as_data(self) -> dict[str, Any]:
        """The year as the data files and the journal event hold it (dates as YYYY-MM-DD)."""
        return {
            "year": self.year,
            "source": self.source,
            "holidays": [{"name": h.name, "from": h.start.isoformat(), "to": h.end.isoformat()} for h in self.holidays],
            "makeup_workdays": [d.isoformat() for d in self.makeup_workdays],
        }


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def parse_year(data: Any, where: str = "节假日安排") -> HolidayYear:
    """A year's arrangement from data of the files' shape, or HolidayYearError naming every problem."""
    if not isinstance(data, Mapping):
        raise HolidayYearError(where, ["应为包含 year、holidays、makeup_workdays 的对象"])
    year = data.get("year")
    if isinstance(year, bool) or not isinstance(year, int) or not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise HolidayYearError(where, [f"year（年份）应为 {EARLIEST_YEAR} 到 {LATEST_YEAR} 之间的整数"])
    problems: list[str] = []
    ranges: list[HolidayRange] = []
    raw_ranges = data.get("holidays")
    if not isinstance(raw_ranges, list) or not raw_ranges:
        problems.append("holidays（放假安排）应为至少一项的列表")
        raw_ranges = []
    for i, h in enumerate(raw_ranges, 1):
        start = _date(h.get("from")) if isinstance(h, Mapping) else None
        end = _date(h.get("to")) if isinstance(h, Mapping) else None
        name = str(h.get("name") or "").strip() if isinstance(h, Mapping) else ""
        label = f"第{i}项放假（{name or '未命名'}）"
        if not name or start is None or end is None:
            problems.append(f"{label}应为 {{name: 名称, from: YYYY-MM-DD, to: YYYY-MM-DD}}")
            continue
        if end < start:
            problems.append(f"{label}结束日期 {end} 早于开始日期 {start}")
        elif start.year != year:
            problems.append(f"{label}开始日期 {start} 不在 {year} 年")
        elif (end - start).days + 1 > MAX_RANGE_DAYS:
            problems.append(f"{label}共 {(end - start).days + 1} 天，超过 {MAX_RANGE_DAYS} 天，请核对日期")
        else:
            ranges.append(HolidayRange(name, start, end))
    ranges.sort(key=lambda r: r.start)
    for before, after in pairwise(ranges):
        if after.start <= before.end:
            problems.append(f"{before.name}（{before.start}至{before.end}）与{after.name}（{after.start}起）重叠")
    off = {d for r in ranges for d in r.days()}
    makeup: list[dt.date] = []
    raw_makeup = data.get("makeup_workdays") or []
    if not isinstance(raw_makeup, list):
        problems.append("makeup_workdays（调休上班日）应为日期列表")
        raw_makeup = []
    for i, value in enumerate(raw_makeup, 1):
        day = _date(value)
        if day is None:
            problems.append(f"第{i}个调休上班日 {value!r} 应为日期 YYYY-MM-DD")
        elif day.year != year:
            problems.append(f"调休上班日 {day} 不在 {year} 年")
        elif day.weekday() < 5:
            problems.append(
                f"调休上班日 {day} 是星期{'一二三四五'[day.weekday()]}，本来就上班（调休上班日应为周六或周日）"
            )
        elif day in off:
            problems.append(f"调休上班日 {day} 在放假期间内")
        elif day in makeup:
            problems.append(f"调休上班日 {day} 重复")
        else:
            makeup.append(day)
    if problems:
        raise HolidayYearError(f"{where}（{year}年）", problems)
    return HolidayYear(year, tuple(ranges), tuple(sorted(makeup)), str(data.get("source") or "").strip())
