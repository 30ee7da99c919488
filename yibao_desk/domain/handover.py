"""Result hand-over (办理结果交付): the ways a collector may prove who they are, from resources/handover.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from yibao_desk.domain.catalog import Region
from yibao_desk.domain.paths import resources_dir


@dataclass(frozen=True)
class HandoverWay:
    id: str
    text: str


@lru_cache(maxsize=1)
def _shared() -> tuple[tuple[HandoverWay, ...], str]:
    data: Any = yaml.safe_load((resources_dir() / "handover.yaml").read_text(encoding="utf-8"))
    return tuple(HandoverWay(w["id"], w["text"]) for w in data["ways"]), str(data.get("refused", ""))


def handover_ways(region: Region | None = None) -> tuple[HandoverWay, ...]:
    if region is not None and region.profile.handover:
        return tuple(HandoverWay(w.id, w.text) for w in region.profile.handover)
    return _shared()[0]


def handover_refused_text(region: Region | None = None) -> str:
    if region is not None and region.profile.handover_refused:
        return region.profile.handover_refused
    return _shared()[1]
