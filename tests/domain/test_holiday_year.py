"""A year's 放假安排 is checked before it counts (issue 17 §7): every problem at once, in Chinese."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from yibao_desk.domain.holiday_year import HolidayYearError, parse_year
from yibao_desk.domain.paths import resources_dir
from yibao_desk.domain.working_days import Calendar

GOOD = {
    "year": 2027,
    "holidays": [
        {"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"},
        {"name": "春节", "from": "2027-02-05", "to": "2027-02-13"},
    ],
    "makeup_workdays": ["2027-02-14"],
}


@pytest.mark.parametrize("path", sorted((resources_dir() / "holidays").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_shipped_year_passes_the_check(path: Path) -> None:
    year = parse_year(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
    assert year.year == int(path.stem) and year.holidays


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ({"year": 1999}, "2000 到 2100"),
        ({"year": "2027"}, "2000 到 2100"),
        ({"holidays": []}, "至少一项"),
        ({"holidays": [{"name": "元旦", "from": "2027-01-03", "to": "2027-01-01"}]}, "早于开始日期"),
        ({"holidays": [{"name": "元旦", "from": "2026-12-31", "to": "2027-01-01"}]}, "不在 2027 年"),
        ({"holidays": [{"name": "春节", "from": "2027-02-01", "to": "2027-02-28"}]}, "超过 15 天"),
        ({"holidays": [{"name": "", "from": "2027-01-01", "to": "2027-01-01"}]}, "应为 {name"),
        ({"holidays": [{"name": "元旦", "from": "2027-1-1", "to": "2027-01-01"}]}, "应为 {name"),
        ({"makeup_workdays": ["2027-02-15"]}, "是星期一，本来就上班"),
        ({"makeup_workdays": ["2027-02-06"]}, "在放假期间内"),
        ({"makeup_workdays": ["2026-12-26"]}, "不在 2027 年"),
        ({"makeup_workdays": ["2027-02-14", "2027-02-14"]}, "重复"),
        ({"makeup_workdays": "2027-02-14"}, "应为日期列表"),
    ],
)
def test_a_wrong_arrangement_is_refused_with_the_reason(change: dict[str, object], said: str) -> None:
    with pytest.raises(HolidayYearError, match=said.replace("{", r"\{")):
        parse_year({**GOOD, **change})


def test_every_problem_is_named_at_once_and_overlaps_are_found() -> None:
    data = {
        **GOOD,
        "holidays": [
            {"name": "甲", "from": "2027-05-01", "to": "2027-05-05"},
            {"name": "乙", "from": "2027-05-05", "to": "2027-05-06"},
        ],
        "makeup_workdays": ["2027-05-06", "2027-05-03"],
    }
    with pytest.raises(HolidayYearError) as raised:
        parse_year(data)
    assert len(raised.value.problems) == 3 and "重叠" in raised.value.problems[0]


def test_a_corrected_year_replaces_the_first_entry() -> None:
    calendar = Calendar()
    calendar.add_year(parse_year(GOOD))
    assert not calendar.is_working_day(dt.date(2027, 2, 8)) and calendar.is_working_day(dt.date(2027, 2, 14))
    corrected = {**GOOD, "holidays": [GOOD["holidays"][0]], "makeup_workdays": []}  # type: ignore[index]
    calendar.add_year(parse_year(corrected))
    assert calendar.is_working_day(dt.date(2027, 2, 8)) and not calendar.is_working_day(dt.date(2027, 2, 14))
    assert not calendar.is_working_day(dt.date(2027, 1, 1))
