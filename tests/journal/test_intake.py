from __future__ import annotations

import json

import pytest

from tests.journal.conftest import APPLICANT, FixedClock
from yibao_desk.domain.checklist import MaterialState, build_checklist
from yibao_desk.journal.applicant import IntakeInputError
from yibao_desk.journal.intake import IntakeError, IntakeService
from yibao_desk.journal.verify import rebuild, verify

CLAIM = "432036011W01"


def complete(svc: IntakeService, code: str, answers: dict[str, str]) -> dict[str, MaterialState]:
    service = svc.service(code)
    return {
        i.material.id: MaterialState(True, True, i.material.copies or 0, True)
        for i in build_checklist(service, answers)
        if i.applies
    }


def test_accepted_case_from_open_to_delivery(service: IntakeService, clock: FixedClock) -> None:
    number, warnings = service.open_case("c01", CLAIM, APPLICANT, answers={"maternity": "否"})
    assert number == "YYK-W03-20261120-0001" and warnings == []
    states = complete(service, CLAIM, {"maternity": "否"})
    service.save_checklist("c01", number, {"maternity": "否"}, states)
    decision = service.decide("c01", number, {"maternity": "否"}, states)
    assert decision.verdict.verdict == "accept"
    service.record_print("c01", number, "receipt", 1, "HP LaserJet")
    clock.advance(hours=2)
    service.complete("c01", number)
    service.hand_over("p01", number, "id-or-receipt", {"collector": "王小明"})
    case = service.case(number)
    assert case["status"] == "delivered"
    assert case["due_date"] == "2026-11-20"
    assert json.loads(case["printed_json"])[0]["printer"] == "HP LaserJet"
    types = [e["type"] for e in service.case_events(number)]
    assert types == [
        "case.opened",
        "case.checklist",
        "case.accepted",
        "sms.queued",  # 已收件 (益阳跨域 promises SMS notices)
        "case.printed",
        "case.completed",
        "sms.queued",  # 已办结可领取
        "case.delivered",
    ]
    assert verify(service.journal).ok


def test_supplement_lists_every_problem(service: IntakeService) -> None:
    decision = service.intake("c01", CLAIM, {"applicant": APPLICANT, "answers": {"maternity": "是"}, "materials": {}})
    assert decision.verdict.verdict == "supplement"
    assert len(decision.verdict.problems) == 12  # 7 always + 5 for 生育险
    assert service.case(decision.case_number)["status"] == "supplement"
    # the applicant comes back with everything: the same case is decided again
    states = complete(service, CLAIM, {"maternity": "是"})
    again = service.decide("c01", decision.case_number, {"maternity": "是"}, states)
    assert again.verdict.verdict == "accept"


def test_case_numbers_count_per_day(service: IntakeService, clock: FixedClock) -> None:
    a, _ = service.open_case("c01", CLAIM, APPLICANT)
    b, _ = service.open_case("c01", CLAIM, APPLICANT)
    clock.advance(days=1)
    c, _ = service.open_case("c01", CLAIM, APPLICANT)
    assert (a, b, c) == ("YYK-W03-20261120-0001", "YYK-W03-20261120-0002", "YYK-W03-20261121-0001")


def test_invalid_id_number_is_refused_and_nothing_written(service: IntakeService) -> None:
    before = len(service.cases())
    with pytest.raises(IntakeInputError) as e:
        service.open_case("c01", CLAIM, {**APPLICANT, "id_number": "430981198002290035"})
    assert e.value.field == "applicant.id_number" and "校验位" in str(e.value)
    assert len(service.cases()) == before


def test_fifteen_digit_id_is_upgraded_with_warning(service: IntakeService) -> None:
    number, warnings = service.open_case("c01", CLAIM, {**APPLICANT, "id_number": "430981800229003"})
    assert service.case(number)["applicant_id_number"] == "430981198002290034"
    assert any("15位" in w for w in warnings)


def test_state_rules(service: IntakeService) -> None:
    number, _ = service.open_case("c01", CLAIM, APPLICANT)
    with pytest.raises(IntakeError, match="草稿"):
        service.complete("c01", number)
    service.reject("c01", number, "不属于跨域通办窗口收件范围")
    with pytest.raises(IntakeError, match="不予受理"):
        service.decide("c01", number, {}, {})
    with pytest.raises(IntakeError, match="没有编号"):
        service.complete("c01", "YYK-W03-20261120-9999")


def test_void_is_a_new_event_and_needs_a_supervisor(service: IntakeService) -> None:
    from yibao_desk.journal.roles import PermissionDenied

    number, _ = service.open_case("c01", CLAIM, APPLICANT)
    with pytest.raises(PermissionDenied):
        service.void("c01", number, "录入错误")
    service.void("sup1", number, "录入错误")
    assert service.case(number)["status"] == "voided"
    assert service.case_events(number)[-1]["type"] == "case.voided"


def test_handover_by_sms_checks_id_and_phone(service: IntakeService) -> None:
    states = complete(service, CLAIM, {})
    number = service.intake(
        "c01",
        CLAIM,
        {
            "applicant": APPLICANT,
            "answers": {},
            "materials": {
                k: {"received": v.received, "original_checked": v.original_checked, "copies": v.copies, "stamped": True}
                for k, v in states.items()
            },
        },
    ).case_number
    service.complete("c01", number)
    ready = next(n for n in service.sms_outbox(number) if n.kind == "ready")
    service.mark_sms_sent("p01", ready.id)  # 益阳跨域 promises SMS: the 领证短信 must have gone to that phone
    with pytest.raises(IntakeError, match="不一致"):
        service.hand_over("p01", number, "sms-id-phone", {"id_number": "430981198002290034", "phone": "13900000000"})
    service.hand_over("p01", number, "sms-id-phone", {"id_number": "430981198002290034", "phone": "13800138000"})
    assert service.case(number)["status"] == "delivered"


def test_rebuild_gives_the_same_cases(service: IntakeService) -> None:
    for _ in range(3):
        service.intake("c01", CLAIM, {"applicant": APPLICANT, "answers": {}, "materials": {}})
    before = service.cases()
    assert rebuild(service.journal) == 3
    assert service.cases() == before
    assert verify(service.journal).ok


def test_events_cannot_be_updated_or_deleted(service: IntakeService) -> None:
    import sqlalchemy as sa

    service.open_case("c01", CLAIM, APPLICANT)
    with pytest.raises(sa.exc.IntegrityError, match="append-only"), service.journal.write() as s:
        s.execute(sa.text("UPDATE events SET payload='{}'"))
    with pytest.raises(sa.exc.IntegrityError, match="append-only"), service.journal.write() as s:
        s.execute(sa.text("DELETE FROM events"))
