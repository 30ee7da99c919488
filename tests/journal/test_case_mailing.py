"""邮寄 in the journal: the address goes with the case (a draft may hold half of it), the verdict needs it whole,
an amendment changes it, a hand-over by mail needs a case registered for mail and a 邮件号 that can be right; the
case row folds it and a rebuild from the events alone gives the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.journal.conftest import APPLICANT
from tests.journal.test_intake import CLAIM, complete
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal.applicant import IntakeInputError
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.intake import IntakeError, IntakeService
from yibao_desk.journal.verify import rebuild, verify

MAIL = {
    "recipient": "王小明",
    "phone": "13812345678",
    "address": "湖南省益阳市赫山区龙岭大道12号",
    "postcode": "413000",
}
ANSWERS = {"maternity": "否"}


def test_a_mailed_case_from_draft_to_posting(service: IntakeService) -> None:
    number, _ = service.open_case(
        "c01", CLAIM, APPLICANT, answers=ANSWERS, delivery="mail", mail={"recipient": "王小明"}
    )
    assert json.loads(service.case(number)["mail_json"]) == {"recipient": "王小明"}
    states = complete(service, CLAIM, ANSWERS)
    with pytest.raises(IntakeInputError, match=r"结果邮寄：收件人电话：请填写收件人电话.*邮政编码：请填写邮政编码"):
        service.decide("c01", number, ANSWERS, states)
    service.amend("c01", number, mail={**MAIL, "phone": "138-1234-5678"})
    service.decide("c01", number, ANSWERS, states)
    assert json.loads(service.case(number)["mail_json"]) == MAIL
    service.complete("c01", number)
    with pytest.raises(IntakeError, match="校验位应为 5"):
        service.hand_over("c01", number, "mail", {"tracking": "EA123456786CN"})
    with pytest.raises(IntakeError, match="请填写邮件号"):
        service.hand_over("c01", number, "mail", {})
    service.hand_over("c01", number, "mail", {"tracking": "ea123456785cn"})
    case = service.case(number)
    assert case["status"] == "delivered"
    assert json.loads(case["mail_json"]) == {**MAIL, "tracking": "EA123456785CN"}
    before = service.cases()
    rebuild(service.journal)
    assert service.cases() == before
    assert verify(service.journal).ok


def test_a_case_for_the_window_is_not_posted(service: IntakeService) -> None:
    number, _ = service.open_case("c01", CLAIM, APPLICANT, answers=ANSWERS, mail=MAIL)
    assert service.case(number)["mail_json"] is None  # 窗口领取: an address typed and then not wanted is not kept
    service.decide("c01", number, ANSWERS, complete(service, CLAIM, ANSWERS))
    service.complete("c01", number)
    with pytest.raises(IntakeError, match="交付方式：该办件登记为窗口领取，没有寄送地址"):
        service.hand_over("c01", number, "mail", {"tracking": "EA123456785CN"})


def test_one_step_intake_refuses_a_mailed_case_without_its_address(service: IntakeService) -> None:
    data = {"applicant": APPLICANT, "answers": ANSWERS, "materials": {}, "delivery": "mail"}
    with pytest.raises(IntakeInputError, match="结果邮寄：收件人：请填写收件人姓名") as e:
        service.intake("c01", CLAIM, data)
    assert e.value.field == "mail.recipient"
    with pytest.raises(IntakeInputError, match="寄送信息（mail）有未知字段：street"):
        service.intake("c01", CLAIM, {**data, "mail": {**MAIL, "street": "x"}})
    decision = service.intake("c01", CLAIM, {**data, "mail": MAIL})
    assert json.loads(service.case(decision.case_number)["mail_json"]) == MAIL


def test_a_decided_case_keeps_a_whole_address_and_the_window_drops_it(service: IntakeService) -> None:
    """Found in review: an amendment could make an accepted case 邮寄 without an address (a blank label), and a case
    switched back to 窗口领取 kept the address it no longer needs."""
    number, _ = service.open_case("c01", CLAIM, APPLICANT, answers=ANSWERS)
    service.decide("c01", number, ANSWERS, complete(service, CLAIM, ANSWERS))
    with pytest.raises(IntakeInputError, match="结果邮寄：收件人：请填写收件人姓名"):
        service.amend("c01", number, delivery="mail")
    service.amend("c01", number, delivery="mail", mail=MAIL)
    with pytest.raises(IntakeInputError, match="结果邮寄：邮政编码：请填写邮政编码"):
        service.amend("c01", number, mail={**MAIL, "postcode": ""})
    service.amend("c01", number, delivery="pickup")
    case = service.case(number)
    assert case["delivery"] == "pickup" and case["mail_json"] is None
    rebuild(service.journal)
    assert service.case(number)["mail_json"] is None


def test_a_region_whose_guide_offers_no_mailing_takes_none(
    tmp_path: Path, catalog: Catalog, calendar: Calendar
) -> None:
    svc = IntakeService(open_journal(tmp_path / "yj.sqlite3"), catalog, calendar)
    svc.setup_device("W01", "yuanjiang", "一号窗口")
    svc.add_staff(None, "sup1", "张主管", "supervisor", "secret-sup")
    with pytest.raises(IntakeInputError, match="本地区办事指南未提供办理结果邮寄"):
        svc.open_case("sup1", "002036001001", APPLICANT, delivery="mail", mail=MAIL)
    number, _ = svc.open_case("sup1", "002036001001", APPLICANT)
    with pytest.raises(IntakeError, match="本地区办事指南未提供办理结果邮寄"):
        svc.amend("sup1", number, delivery="mail", mail=MAIL)
    svc.journal.close()
