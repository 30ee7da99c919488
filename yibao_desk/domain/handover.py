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
from yibao_desk.domain.mailing import tracking_problem
from yibao_desk.domain.paths import resources_dir

FIELDS_ZH = {
    "collector": "领取人姓名",
    "id_number": "领取人写出的身份证号",
    "phone": "领取人写出的手机号码",
    "guarantor": "担保的对口窗口工作人员",
    "tracking": "邮件号（运单号）",
}
WAY_FIELD = "way"  # a problem with the way itself (not with one of its details)


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
    way: HandoverWay,
    detail: Mapping[str, str],
    applicant_id: str,
    applicant_phone: str,
    delivery: str = "pickup",
) -> dict[str, str]:
    """What stops this hand-over, by field (empty: it can be recorded). The ID number and phone the collector
    writes out must be the ones registered at intake (spaces and dashes aside); a result is posted only to a case
    registered for 邮寄 (that is where its address is), with a 邮件号 that can be right."""
    problems: dict[str, str] = {}
    if way.id == "mail" and delivery != "mail":
        problems[WAY_FIELD] = "该办件登记为窗口领取，没有寄送地址：如需邮寄，请先在收件时改为邮寄并登记地址"
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
    written_tracking = detail.get("tracking", "")
    if "tracking" in way.requires and written_tracking.strip() and (why := tracking_problem(written_tracking)):
        problems["tracking"] = why
    return problems
