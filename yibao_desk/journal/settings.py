"""Supervisor settings, declared in resources/settings.yaml (type, default, bounds, label) and stored in the
journal's `settings` table. Every change is journaled."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from yibao_desk.domain.paths import resources_dir
from yibao_desk.journal.models import Setting


class SettingError(ValueError):
    pass


@dataclass(frozen=True)
class SettingSpec:
    key: str
    type: str
    default: Any
    label: str
    description: str = ""
    min: float | None = None
    max: float | None = None
    options: tuple[str, ...] = ()

    def coerce(self, value: Any) -> Any:
        try:
            if self.type == "int":
                v: Any = int(value)
            elif self.type == "float":
                v = float(value)
            elif self.type == "choice":
                v = str(value)
                if v not in self.options:
                    raise SettingError(f"{self.label}应为：{'、'.join(self.options)}")
            else:
                v = str(value)
        except (TypeError, ValueError) as e:
            if isinstance(e, SettingError):
                raise
            raise SettingError(f"{self.label}应为{'整数' if self.type == 'int' else '数字'}") from None
        if (self.min is not None and v < self.min) or (self.max is not None and v > self.max):
            raise SettingError(f"{self.label}应在 {self.min} 到 {self.max} 之间")
        return v


@lru_cache(maxsize=1)
def declared() -> dict[str, SettingSpec]:
    data = yaml.safe_load((resources_dir() / "settings.yaml").read_text(encoding="utf-8"))
    specs = {}
    for item in data:
        item = dict(item)
        item["options"] = tuple(item.get("options", ()))
        specs[item["key"]] = SettingSpec(**item)
    return specs


def read_all(session: Any) -> dict[str, Any]:
    values = {k: s.default for k, s in declared().items()}
    for row in session.query(Setting).all():
        if row.key in values:
            values[row.key] = json.loads(row.value_json)
    return values


def write(session: Any, key: str, value: Any) -> Any:
    spec = declared().get(key)
    if spec is None:
        raise SettingError(f"未知的设置项 {key}")
    v = spec.coerce(value)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value_json=json.dumps(v, ensure_ascii=False)))
    else:
        row.value_json = json.dumps(v, ensure_ascii=False)
    return v
