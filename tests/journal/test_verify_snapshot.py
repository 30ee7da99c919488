"""The start-up check reads the events and the case rows in one snapshot. Before, it read them apart: a case the
clerk opened in between (the check runs in the background while the counter works) was found 「在办件表中但没有任何
事件」 and the journal was made read-only. The test opens a case at that very moment, between the check's reads."""

from __future__ import annotations

from typing import Any

import pytest

from yibao_desk.journal import verify as verify_mod
from yibao_desk.journal.intake import IntakeService
from yibao_desk.journal.verify import verify

APPLICANT = {"name": "王小明", "id_number": "430981198002290034", "phone": "13800138000"}


def test_a_case_opened_while_the_check_runs_is_no_tampering(
    service: IntakeService, monkeypatch: pytest.MonkeyPatch
) -> None:
    service.open_case("c01", "432036011W01", APPLICANT)
    fold = verify_mod.projection.fold
    opened: list[str] = []

    def clerk_meanwhile(events: Any) -> Any:
        if not opened:  # the clerk takes the next case while the check works through the events
            opened.append(service.open_case("c01", "432036011W01", APPLICANT)[0])
        return fold(events)

    monkeypatch.setattr(verify_mod.projection, "fold", clerk_meanwhile)
    report = verify(service.journal)
    assert opened and report.ok, report.problems
    monkeypatch.setattr(verify_mod.projection, "fold", fold)
    assert verify(service.journal).ok and report.cases == 1  # the snapshot held one; the journal now holds two
