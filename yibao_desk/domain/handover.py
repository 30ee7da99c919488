"""Result hand-over (办理结果交付): the ways a collector may prove who they are, from resources/handover.yaml, what
each way asks, and what makes a hand-over impossible — one rule for the dialog (as the clerk types) and the journal
(when it is recorded)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from yibao_desk.domain.catalog import Region
from yibao_desk.domain.paths import resources_dir

FIELDS_ZH = {
    "collector": "领取人姓名",
    "id_number": "领取人写出的身份证号",
    "phone": "领取人写出的手机号码",
    "guarantor": "担保的对口窗口工作人员",
}


@dataclass(frozen=True)
class HandoverWay:
    id: str
    text: str
    asks: tuple[str, ...] = ()  # the details this way asks for (FIELDS_ZH keys), in order
    requires: tuple[str, ...] = ()  # those that must be filled in


@lru_cache(maxsize=1)
def _shared() -> tuple[tuple[HandoverWay, ...], str]:
    data: Any = yaml.safe_load((resources_dir() / "handover.yaml").read_text(encoding="utf-8"))
    ways = tuple(
        HandoverWay(w["id"], w["text"], tuple(w.get("asks", ())), tuple(w.get("requires", ()))) for w in data["ways"]
    )
    return ways, str(data.get("refused", ""))


def handover_ways(region: Region | None = None) -> tuple[HandoverWay, ...]:
    if region is not None and region.profile.handover:
        shared = {w.id: w for w in _shared()[0]}
        out = []
        for w in region.profile.handover:
            known = shared.get(w.id)
            out.append(HandoverWay(w.id, w.text, known.asks, known.requires) if known else HandoverWay(w.id, w.text))
        return tuple(out)
    return _shared()[0]


def handover_refused_text(region: Region | None = None) -> str:
    if region is not None and region.profile.handover_refused:
        return region.profile.handover_refused
    return _shared()[1]


def _plain(text: str) -> str:
    return "".join(text.split()).upper()


def handover_problems(
    way: HandoverWay, detail: Mapping[str, str], applicant_id: str, applicant_phone: str
) -> dict[str, str]:
    """What stops this hand-over, by field (empty: it can be recorded). The ID number and phone the collector
    writes out must be the ones registered at intake (spaces and dashes aside)."""
    problems: dict[str, str] = {}
    for name in way.requires:
        if not detail.get(name, "").strip():
            problems[name] = f"请填写{FIELDS_ZH.get(name, name)}"
    written_id, written_phone = detail.get("id_number", ""), detail.get("phone", "")
    if "id_number" in way.requires and written_id.strip() and _plain(written_id) != _plain(applicant_id):
        problems["id_number"] = "与申办时登记的身份证号不一致，不能现场发放"
    if (
        "phone" in way.requires
        and written_phone.strip()
        and _plain(written_phone).replace("-", "") != _plain(applicant_phone).replace("-", "")
    ):
        problems["phone"] = "与申办时登记的手机号码不一致，不能现场发放"
    return problems
