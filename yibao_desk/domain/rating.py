"""好差评: the five levels of the national standard (resources/rating.yaml, seed 001 评价标准), which of them are
差评, and what a rating needs before it can be recorded — one rule for the rating window (as the applicant chooses)
and the journal (when it is recorded)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from yibao_desk.domain.paths import resources_dir

FIELDS_ZH = {"level": "评价等级", "aspect": "差评所涉方面", "reason": "差评理由"}


@dataclass(frozen=True)
class RatingLevel:
    value: int  # 5 非常满意 … 1 非常不满意 (the key the clerk presses for it)
    text: str
    bad: bool  # 差评: asks the aspect and a reason


@dataclass(frozen=True)
class RatingRules:
    levels: tuple[RatingLevel, ...]
    aspects: tuple[str, ...]
    reason_max_chars: int

    def level(self, value: int) -> RatingLevel | None:
        return next((lv for lv in self.levels if lv.value == value), None)


@lru_cache(maxsize=1)
def rating_rules() -> RatingRules:
    data: Any = yaml.safe_load((resources_dir() / "rating.yaml").read_text(encoding="utf-8"))
    levels = tuple(RatingLevel(int(lv["value"]), str(lv["text"]), bool(lv.get("bad", False))) for lv in data["levels"])
    return RatingRules(levels, tuple(str(a) for a in data["aspects"]), int(data["reason_max_chars"]))


def level_text(value: Any) -> str:
    found = rating_rules().level(value) if isinstance(value, int) else None
    return found.text if found else str(value)


def is_bad(value: Any) -> bool:
    found = rating_rules().level(value) if isinstance(value, int) else None
    return bool(found and found.bad)


def rating_problems(level: Any, aspect: str = "", reason: str = "") -> dict[str, str]:
    """What stops this rating from being recorded, by field (empty: it can be). A 差评 needs the aspect it is about
    and the applicant's reason; a good rating takes neither."""
    rules = rating_rules()
    found = rules.level(level) if isinstance(level, int) and not isinstance(level, bool) else None
    if found is None:
        choices = "、".join(f"{lv.value}（{lv.text}）" for lv in rules.levels)
        return {"level": f"应为 {choices} 之一"}
    problems: dict[str, str] = {}
    aspect, reason = aspect.strip(), reason.strip()
    if found.bad:
        if aspect not in rules.aspects:
            problems["aspect"] = f"差评请选择所涉方面：{'、'.join(rules.aspects)}"
        if not reason:
            problems["reason"] = "差评请填写申请人不满意的理由"
        elif len(reason) > rules.reason_max_chars:
            problems["reason"] = f"理由最多 {rules.reason_max_chars} 字（现 {len(reason)} 字）"
    elif aspect or reason:
        problems["reason"] = f"“{found.text}”不是差评，无需所涉方面和理由"
    return problems


MOMENT_SHORT = {"verdict": "受理", "handover": "交付"}


def rating_text(ratings: list[dict[str, Any]]) -> str:
    """The 服务评价 cell: each rating's level, a 差评 with its aspect and reason; the moment when there are two."""
    parts = []
    for r in ratings:
        text = level_text(r.get("level"))
        if r.get("reason"):
            text += f"（差评：{r.get('aspect', '')}，{r['reason']}）"
        if len(ratings) > 1:
            text = f"{MOMENT_SHORT.get(str(r.get('moment')), '')}：{text}"
        parts.append(text)
    return "；".join(parts)
