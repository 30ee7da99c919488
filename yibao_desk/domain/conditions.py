"""Scenario conditions: when a material (or a time-limit variant) applies.

A condition is a mapping. Plain keys are scenario ids whose answer must equal the option (or be one of a
list of options); the keys ``any``, ``all`` and ``not`` combine sub-conditions. Every entry must hold.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

COMBINATORS = ("any", "all", "not")


class ConditionError(ValueError):
    """A condition in the data is malformed."""


def holds(condition: Mapping[str, Any] | None, answers: Mapping[str, str]) -> bool:
    if not condition:
        return True
    for key, value in condition.items():
        if key == "any":
            if not any(holds(c, answers) for c in value):
                return False
        elif key == "all":
            if not all(holds(c, answers) for c in value):
                return False
        elif key == "not":
            if holds(value, answers):
                return False
        else:
            wanted = value if isinstance(value, list | tuple) else [value]
            if answers.get(key) not in wanted:
                return False
    return True


def referenced(condition: Mapping[str, Any] | None) -> Iterator[tuple[str, list[str]]]:
    """Yield (scenario id, options) for every comparison in the condition; raise on a malformed one."""
    if not condition:
        return
    if not isinstance(condition, Mapping):
        raise ConditionError(f"条件应为映射（scenario: 选项），实际为 {condition!r}")
    for key, value in condition.items():
        if key in ("any", "all"):
            if not isinstance(value, list | tuple) or not value:
                raise ConditionError(f"{key} 需要一个非空的条件列表")
            for sub in value:
                yield from referenced(sub)
        elif key == "not":
            yield from referenced(value)
        else:
            options = list(value) if isinstance(value, list | tuple) else [value]
            if not options or not all(isinstance(o, str) for o in options):
                raise ConditionError(f"情形 {key} 的取值应为选项文字，实际为 {value!r}")
            yield key, options


def describe(condition: Mapping[str, Any] | None, questions: Mapping[str, str] | None = None) -> str:
    """A short Chinese description, e.g. for the checklist's 'when' column."""
    if not condition:
        return ""
    parts = []
    for key, value in condition.items():
        if key == "any":
            parts.append("（" + " 或 ".join(describe(c, questions) for c in value) + "）")
        elif key == "all":
            parts.append("（" + " 且 ".join(describe(c, questions) for c in value) + "）")
        elif key == "not":
            parts.append("非（" + describe(value, questions) + "）")
        else:
            label = (questions or {}).get(key, key)
            options = value if isinstance(value, list | tuple) else [value]
            parts.append(f"{label}：{'/'.join(options)}")
    return "；".join(parts)
