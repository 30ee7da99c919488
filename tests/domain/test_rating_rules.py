"""The 好差评 rule (seed 001 评价标准): five levels, the last two 差评, which need the aspect and the reason."""

from __future__ import annotations

import pytest

from yibao_desk.domain.rating import is_bad, level_text, rating_problems, rating_rules, rating_text


def test_the_five_levels_of_the_guide_best_first() -> None:
    rules = rating_rules()
    assert [(lv.value, lv.text, lv.bad) for lv in rules.levels] == [
        (5, "非常满意", False),
        (4, "满意", False),
        (3, "基本满意", False),
        (2, "不满意", True),
        (1, "非常不满意", True),
    ]
    assert rules.aspects == ("事项管理", "办事流程", "服务规范", "服务质量", "监督管理")


@pytest.mark.parametrize("level", [0, 6, -1, True, "5", 4.0, None])
def test_only_the_five_levels(level: object) -> None:
    assert "level" in rating_problems(level)


@pytest.mark.parametrize("level", [5, 4, 3])
def test_a_good_rating_takes_no_reason(level: int) -> None:
    assert rating_problems(level) == {}
    assert "不是差评" in rating_problems(level, reason="很好")["reason"]
    assert not is_bad(level)


@pytest.mark.parametrize("level", [2, 1])
def test_a_bad_rating_needs_the_aspect_and_the_reason(level: int) -> None:
    assert set(rating_problems(level)) == {"aspect", "reason"}
    assert set(rating_problems(level, "别的方面", "太慢")) == {"aspect"}
    assert rating_problems(level, "办事流程", "  ") == {"reason": "差评请填写申请人不满意的理由"}
    assert rating_problems(level, "办事流程", "慢" * 201) == {"reason": "理由最多 200 字（现 201 字）"}
    assert rating_problems(level, "办事流程", "慢" * 200) == {}
    assert is_bad(level)


def test_the_ledger_cell() -> None:
    assert rating_text([]) == ""
    assert rating_text([{"level": 4, "moment": "verdict"}]) == "满意"
    two = [
        {"level": 5, "moment": "verdict"},
        {"level": 2, "moment": "handover", "aspect": "服务质量", "reason": "结果有误"},
    ]
    assert rating_text(two) == "受理：非常满意；交付：不满意（差评：服务质量，结果有误）"
    assert level_text(9) == "9"
