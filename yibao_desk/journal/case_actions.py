"""The steps a case on the list can take next: the state each needs and the permission it takes. The journal
refuses a step in any other state; the case list offers only the steps it would accept, and says why not."""

from __future__ import annotations

from dataclasses import dataclass

from yibao_desk.journal.projection import STATUS_ZH
from yibao_desk.journal.roles import ACTION_ZH, PERMISSIONS, ROLES, allowed

NOT_VOIDED = frozenset({"draft", "accepted", "supplement", "rejected", "completed", "delivered"})


@dataclass(frozen=True)
class CaseStep:
    permission: str
    statuses: frozenset[str]


STEPS: dict[str, CaseStep] = {
    "resume": CaseStep("case.open", frozenset({"draft", "supplement"})),
    "complete": CaseStep("case.complete", frozenset({"accepted"})),
    "deliver": CaseStep("case.deliver", frozenset({"completed"})),
    "reprint": CaseStep("case.print", NOT_VOIDED),
    "void": CaseStep("case.void", NOT_VOIDED),
    "amend": CaseStep("case.amend", frozenset({"draft", "accepted", "supplement", "completed"})),
    "rate": CaseStep("case.rate", frozenset({"accepted", "supplement", "rejected", "completed", "delivered"})),
    "archive": CaseStep("case.archive", frozenset({"delivered"})),
}


def why_not(step: str, role: str | None, status: str | None) -> str | None:
    """Why `step` cannot be taken for a case in `status` by a `role` (None: it can)."""
    s = STEPS[step]
    what = ACTION_ZH.get(s.permission, step)
    if role is None:
        return "请先登录"
    if not allowed(role, s.permission):
        need = "、".join(ROLES[r] for r in ROLES if r in PERMISSIONS[s.permission])
        return f"{ROLES.get(role, role)}无权{what}（需要：{need}）"
    if status is None:
        return "请先在列表中选择一个办件"
    if status not in s.statuses:
        need = "、".join(STATUS_ZH[x] for x in STATUS_ZH if x in s.statuses)
        return f"办件{STATUS_ZH.get(status, status)}，不能{what}（需为：{need}）"
    return None
