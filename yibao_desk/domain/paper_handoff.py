"""纸质材料分发 (seed 000 §八（七）, §九; issue 17 §4): where each paper of an accepted case goes — back to the
applicant (退回申请人), on to the 承办部门 (流转承接部门: on that day's 移交清单), or nowhere (无需纸质档) — read from
the material's `paper` in the catalog and what the checklist recorded (received, copies kept)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from yibao_desk.domain.catalog import Region, Service
from yibao_desk.domain.catalog_schema import PAPER_ZH
from yibao_desk.domain.checklist import build_checklist


@dataclass(frozen=True)
class PaperLine:
    material_id: str
    name: str
    paper: str  # return / forward / none / "" (the guide does not say)
    copies: int  # copies kept at the window
    original: bool  # the original was checked (and goes with the copies where it is to be kept)

    @property
    def paper_zh(self) -> str:
        return PAPER_ZH.get(self.paper, "办事指南未规定")


def paper_lines(service: Service, answers: Mapping[str, str], materials: Mapping[str, Any]) -> list[PaperLine]:
    """The papers the window holds for a case: each applicable material it received, with its handling."""
    lines = []
    for item in build_checklist(service, answers):
        state = materials.get(item.material.id) or {}
        if not item.applies or not state.get("received"):
            continue
        m = item.material
        copies = int(state.get("copies") or 0)
        lines.append(PaperLine(m.id, m.name, m.paper or "", copies, bool(state.get("original_checked"))))
    return lines


def forwarded(lines: list[PaperLine]) -> list[PaperLine]:
    """What goes on the 移交清单."""
    return [line for line in lines if line.paper == "forward"]


def departments(region: Region) -> tuple[str, ...]:
    """The 承办部门 a window of this region hands papers to (empty: its guide names no hand-off)."""
    return tuple(region.profile.handoff_departments)


def department_problem(region: Region, name: str) -> str | None:
    """Why `name` is not a 承办部门 of this region (None: it is, or the region hands nothing off)."""
    known = departments(region)
    if not known:
        return None
    if not name.strip():
        return f"请选择承办部门（参保地的医疗保障事务中心）：{'、'.join(known)}"
    if name.strip() not in known:
        return f"承办部门“{name.strip()}”不在本地区的名录中：{'、'.join(known)}"
    return None
