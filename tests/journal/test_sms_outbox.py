"""The SMS outbox in the journal: a verdict and a completion write their notice in the same transaction; a failed
send waits 1, 2, 4 … minutes and stops after the data file's number of tries; a claim is taken once; a landline
gets no SMS (the clerk phones and marks it); the journal still verifies and rebuilds with the notices in it."""

from __future__ import annotations

import pytest

from tests.journal.conftest import APPLICANT, FixedClock
from tests.journal.test_intake import CLAIM, complete
from yibao_desk.domain.sms import mobile_number, next_try, notice_text, parts, sms_rules, template_problem
from yibao_desk.journal.intake import IntakeError, IntakeService
from yibao_desk.journal.verify import rebuild, verify

ANSWERS = {"maternity": "否"}


def _accepted(service: IntakeService, applicant: dict[str, str] = APPLICANT) -> str:
    number, _ = service.open_case("c01", CLAIM, applicant, answers=ANSWERS)
    service.decide("c01", number, ANSWERS, complete(service, CLAIM, ANSWERS))
    return number


def test_each_step_writes_its_notice(service: IntakeService) -> None:
    number = _accepted(service)
    other, _ = service.open_case("c01", CLAIM, APPLICANT, answers=ANSWERS)
    assert service.sms_outbox(other) == []  # a draft promises nothing yet
    service.decide("c01", other, ANSWERS, {})
    (supplement,) = service.sms_outbox(other)
    assert supplement.kind == "supplement" and "材料需补正：" in supplement.text
    service.complete("c01", number)
    kinds = [n.kind for n in reversed(service.sms_outbox(number))]
    assert kinds == ["received", "ready"]
    assert [n.id for n in reversed(service.sms_outbox(number))] == [f"{number}.1", f"{number}.2"]
    before = service.cases()
    rebuild(service.journal)
    assert service.cases() == before and verify(service.journal).ok
    assert len(service.sms_outbox()) == 3


def test_a_failing_gateway_is_tried_again_later_and_then_left_to_a_person(
    service: IntakeService, clock: FixedClock
) -> None:
    _accepted(service)
    (n,) = service.sms_outbox()
    waits = []
    for attempt in range(1, sms_rules().retry_attempts + 1):
        claimed = service.claim_sms("c01", n.id)
        assert claimed is not None and service.claim_sms("c01", n.id) is None  # taken once
        service.sms_result("c01", n.id, claimed.attempts, None, "HTTP 503")
        (n,) = service.sms_outbox()
        if attempt < sms_rules().retry_attempts:
            assert n.state == "retry" and service.claim_sms("c01", n.id) is None  # not yet
            wait = min(2 ** (attempt - 1), sms_rules().retry_max_minutes)
            waits.append(wait)
            clock.advance(minutes=wait)
    assert waits == [1, 2, 4, 8, 16, 32, 60]
    assert n.state == "failed" and n.error == "HTTP 503" and service.sms_waiting() == (0, 1)
    clock.advance(days=1)
    assert service.claim_sms("c01", n.id) is None  # no automatic try after the last
    service.resend_sms("c01", n.id)
    claimed = service.claim_sms("c01", n.id)
    assert claimed is not None and claimed.send_id == f"{n.id}-r1"  # a gateway that drops repeats takes it
    service.sms_result("c01", n.id, claimed.attempts, "GW1")
    (n,) = service.sms_outbox()
    assert (n.state, n.via, n.ref) == ("sent", "gateway", "GW1")
    with pytest.raises(IntakeError, match="不能重新发送"):
        service.resend_sms("c01", n.id)


def test_a_landline_gets_no_sms(service: IntakeService) -> None:
    _accepted(service, {**APPLICANT, "phone": "0737-2817103"})
    (n,) = service.sms_outbox()
    assert n.state == "no_mobile" and n.phone == "" and service.claim_sms("c01", n.id) is None
    with pytest.raises(IntakeError, match="没有手机号码，请电话告知后标记已发送"):
        service.resend_sms("c01", n.id)
    assert service.mark_sms_sent("c01", n.id, "电话告知").state == "sent"


def test_a_printer_may_send_and_the_hand_over_by_sms_needs_the_sent_notice(service: IntakeService) -> None:
    number = _accepted(service)
    service.complete("c01", number)
    ready = next(n for n in service.sms_outbox(number) if n.kind == "ready")
    detail = {"collector": "王小明", "id_number": APPLICANT["id_number"], "phone": APPLICANT["phone"]}
    with pytest.raises(IntakeError, match="不能凭领证短信交付"):
        service.hand_over("p01", number, "sms-id-phone", detail)
    service.mark_sms_sent("p01", ready.id)
    service.hand_over("p01", number, "sms-id-phone", detail)
    assert service.case(number)["status"] == "delivered"


def test_the_domain_rules() -> None:
    assert mobile_number("+86 138-0013-8000") == "13800138000"
    assert mobile_number("0737-2817103") is None and mobile_number("12800138000") is None
    assert template_problem("{case_number}{nope}") is not None and template_problem("{case_number}") is None
    assert template_problem("{case_number") is not None
    assert "不能带格式说明" in str(template_problem("{case_number:%Y}")) and template_problem("{agency!r}")
    text = notice_text("{applicant}：{missing}", {"applicant": "王", "missing": "材" * 80})
    assert text.endswith("…") and len(text) == 62
    assert parts("字" * 70) == 1 and parts("字" * 71) == 2 and parts("字" * 135) == 3
    import datetime as dt

    t = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    assert next_try(t, 1) == t + dt.timedelta(minutes=1) and next_try(t, sms_rules().retry_attempts) is None


def test_a_resend_while_the_gateway_has_it_is_refused_and_its_answer_counts(
    service: IntakeService, clock: FixedClock
) -> None:
    """Found in review: 重新发送 during a send put the notice back, the gateway's 'sent' was thrown away, and it
    went again."""
    _accepted(service)
    (n,) = service.sms_outbox()
    claimed = service.claim_sms("c01", n.id)
    assert claimed is not None
    with pytest.raises(IntakeError, match="正在交短信网关发送"):
        service.resend_sms("c01", n.id)
    clock.advance(minutes=5)  # no answer came: 发送结果不明; the clerk checked, it did not arrive
    service.resend_sms("c01", n.id)
    service.sms_result("c01", n.id, claimed.attempts, None, "late failure of the first try")  # overtaken: ignored
    assert service.sms_outbox()[0].state == "pending"
    service.sms_result("c01", n.id, claimed.attempts, "GW-LATE")  # the first try did go after all: recorded
    (n,) = service.sms_outbox()
    assert n.state == "sent" and n.ref == "GW-LATE" and service.claim_sms("c01", n.id) is None


def test_the_outbox_follows_the_journal_not_the_clock(service: IntakeService, clock: FixedClock) -> None:
    """Found in review: a clock stepped back sorted the attempt before the notice, which was then sent again."""
    _accepted(service)
    (n,) = service.sms_outbox()
    clock.advance(seconds=-30)
    claimed = service.claim_sms("c01", n.id)
    assert claimed is not None
    service.sms_result("c01", n.id, claimed.attempts, "GW2")
    assert service.sms_outbox()[0].state == "sent" and service.claim_sms("c01", n.id) is None


def test_a_corrected_phone_takes_the_notices_with_it(service: IntakeService) -> None:
    """Found in review: a notice kept the mistyped number (a stranger's), and after the 领证短信 had gone to it the
    hand-over by SMS could never be made."""
    number = _accepted(service)
    service.amend("c01", number, applicant={**APPLICANT, "phone": "13912345678"})
    (received,) = service.sms_outbox(number)
    assert received.phone == "13912345678" and received.state == "pending"
    service.complete("c01", number)
    ready = next(n for n in service.sms_outbox(number) if n.kind == "ready")
    service.mark_sms_sent("c01", ready.id)
    service.amend("c01", number, applicant={**APPLICANT, "phone": "13787654321"})
    again = [n for n in service.sms_outbox(number) if n.kind == "ready"]
    assert [(n.phone, n.state) for n in again] == [("13787654321", "pending"), ("13912345678", "sent")]
    detail = {"collector": "王小明", "id_number": APPLICANT["id_number"], "phone": "13787654321"}
    with pytest.raises(IntakeError, match="不能凭领证短信交付"):
        service.hand_over("p01", number, "sms-id-phone", detail)
    service.mark_sms_sent("c01", again[0].id)
    service.hand_over("p01", number, "sms-id-phone", detail)


def test_a_mailing_notice_is_no_collection_sms(service: IntakeService) -> None:
    """Found in review: 已办结待邮寄 counted as the 领证短信 once the case was changed to 窗口领取."""
    mail = {
        "recipient": "王小明",
        "phone": "13800138000",
        "address": "湖南省益阳市赫山区龙岭大道12号",
        "postcode": "413000",
    }
    number, _ = service.open_case("c01", CLAIM, APPLICANT, answers=ANSWERS, delivery="mail", mail=mail)
    service.decide("c01", number, ANSWERS, complete(service, CLAIM, ANSWERS))
    service.complete("c01", number)
    posted = next(n for n in service.sms_outbox(number) if n.kind != "received")
    assert posted.kind == "ready_mail" and posted.kind_zh == "已办结待邮寄" and "邮寄" in posted.text
    service.mark_sms_sent("c01", posted.id)
    detail = {"collector": "王小明", "id_number": APPLICANT["id_number"], "phone": APPLICANT["phone"]}
    service.amend("c01", number, delivery="pickup")
    ready = next(n for n in service.sms_outbox(number) if n.kind == "ready")
    assert ready.state == "pending" and "领取" in ready.text
    with pytest.raises(IntakeError, match="不能凭领证短信交付"):
        service.hand_over("p01", number, "sms-id-phone", detail)
    service.mark_sms_sent("c01", ready.id)
    service.hand_over("p01", number, "sms-id-phone", detail)
