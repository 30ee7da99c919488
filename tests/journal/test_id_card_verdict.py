"""Issue 18 §1: the validity read from a card travels with the applicant's (or the agent's) data into the
journal; an expired card is a problem of the verdict, recorded like a missing material (需补正), and the
supplement notice names it; a number typed by hand carries no validity and gives no such problem."""

from __future__ import annotations

import pytest

from tests.journal.conftest import APPLICANT
from tests.journal.test_intake import CLAIM, complete
from yibao_desk.journal.applicant import IntakeInputError
from yibao_desk.journal.intake import IntakeService

ANSWERS = {"maternity": "否"}


def test_an_expired_card_keeps_the_case_from_acceptance(service: IntakeService) -> None:
    states = complete(service, CLAIM, ANSWERS)
    data = {"applicant": {**APPLICANT, "id_valid_to": "2025-01-01"}, "answers": ANSWERS, "materials": states}
    data["materials"] = {k: v.__dict__ for k, v in states.items()}
    decision = service.intake("c01", CLAIM, data)
    assert decision.verdict.verdict == "supplement"
    (problem,) = decision.verdict.problems
    assert problem.material == "申请人身份证" and problem.reason.startswith("身份证已过期（有效期至 2025-01-01）")
    case = service.case(decision.case_number)
    assert '"id_valid_to":"2025-01-01"' in case["applicant_json"]
    for valid in ("2040-03-01", "长期", None):
        applicant = {**APPLICANT, **({"id_valid_to": valid} if valid else {})}
        assert service.intake("c01", CLAIM, {**data, "applicant": applicant}).verdict.verdict == "accept"


def test_the_draft_decided_later_reads_the_card_it_recorded(service: IntakeService) -> None:
    number, _ = service.open_case("c01", CLAIM, {**APPLICANT, "id_valid_to": "2020-02-29"}, answers=ANSWERS)
    decision = service.decide("c01", number, ANSWERS, complete(service, CLAIM, ANSWERS))
    assert decision.verdict.verdict == "supplement"
    assert "2020-02-29" in decision.verdict.problems[0].reason


def test_a_validity_that_is_no_date_is_refused() -> None:
    from yibao_desk.journal.applicant import person

    with pytest.raises(IntakeInputError, match="证件有效期应为 YYYY-MM-DD 或 长期"):
        person({**APPLICANT, "id_valid_to": "明年"}, "applicant", [])
    assert person({**APPLICANT, "id_valid_to": "20400301"}, "applicant", [])["id_valid_to"] == "2040-03-01"


def test_an_agent_named_after_the_draft_was_opened_is_judged_by_its_card(service: IntakeService) -> None:
    entrusted = {**ANSWERS, "entrusted": "是"}
    number, _ = service.open_case("c01", CLAIM, APPLICANT, answers=entrusted)
    agent = {"name": "李建国", "id_number": "11010519491231002X", "id_valid_to": "2025-01-01", "relation": "子女"}
    service.amend("c01", number, agent=agent)
    decision = service.decide("c01", number, entrusted, complete(service, CLAIM, entrusted))
    assert decision.verdict.verdict == "supplement"
    assert [p.material for p in decision.verdict.problems] == ["代办人身份证"]
    service.amend("c01", number, agent={})  # no longer 委托办理: the agent goes
    assert service.case(number)["agent_json"] in (None, "{}")
