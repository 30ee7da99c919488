"""邮寄 on the intake screen: a draft continued keeps its 邮寄 and address (it used to come back as 窗口领取 and be
amended so on the next save); switching to 窗口领取 hides the address and no longer asks for it."""

from __future__ import annotations

import json

from pytestqt.qtbot import QtBot

from tests.gui.test_intake_page import CLAIM, choose, fill_applicant, page  # noqa: F401 (the page fixture)
from yibao_desk.gui.context import AppContext
from yibao_desk.gui.intake.intake_page import IntakePage

MAIL = {
    "recipient": "王小明",
    "phone": "13800138000",
    "address": "湖南省益阳市赫山区龙岭大道12号",
    "postcode": "413000",
}
APPLICANT = {"name": "王小明", "id_number": "430981198002290034", "phone": "13800138000"}


def test_a_continued_draft_keeps_its_mailing(ctx: AppContext, page: IntakePage, qtbot: QtBot) -> None:  # noqa: F811
    number, _ = ctx.service.open_case("c01", CLAIM, APPLICANT, answers={"maternity": "否"}, delivery="mail", mail=MAIL)
    page.load_case(number)
    panel = page.applicant
    assert panel.delivery.currentData() == "mail" and panel.mail.isVisible()
    assert panel.mail.value() == MAIL
    page.save_draft()
    case = ctx.service.case(number)
    assert case["delivery"] == "mail" and json.loads(case["mail_json"]) == MAIL
    assert [e["type"] for e in ctx.service.case_events(number)].count("case.amended") == 0


def test_choosing_the_window_again_drops_the_address_from_the_decision(
    ctx: AppContext,
    page: IntakePage,  # noqa: F811
    qtbot: QtBot,
) -> None:
    choose(page, qtbot, CLAIM)
    fill_applicant(page, qtbot)
    panel = page.applicant
    panel.delivery.setCurrentIndex(panel.delivery.findData("mail"))
    assert panel.mail.isVisible() and panel.mail.edits["recipient"].text() == "王小明"
    assert not panel.ready() and panel.problem() == "邮寄：请填写寄送地址"
    panel.delivery.setCurrentIndex(panel.delivery.findData("pickup"))
    assert not panel.mail.isVisible() and panel.ready() and "mail" not in panel.data()


def test_a_landline_with_an_extension_is_recorded_as_typed_once(
    ctx: AppContext,
    page: IntakePage,  # noqa: F811
    qtbot: QtBot,
) -> None:
    """Found in review: the screen normalised the recipient's 0737-2817103转123 to 0737-2817103-123 and the journal
    normalised that again to 0737-28171031-23 (a wrong number on the label), so every autosave amended the draft."""
    choose(page, qtbot, CLAIM)
    fill_applicant(page, qtbot)
    panel = page.applicant
    panel.delivery.setCurrentIndex(panel.delivery.findData("mail"))
    panel.mail.edits["phone"].clear()
    qtbot.keyClicks(panel.mail.edits["phone"], "0737-2817103")
    panel.mail.edits["phone"].insert("转")
    qtbot.keyClicks(panel.mail.edits["phone"], "123")
    page.save_draft()
    page.save_draft()
    assert page.case_number is not None
    case = ctx.service.case(page.case_number)
    assert json.loads(case["mail_json"])["phone"] == "0737-2817103-123"
    assert [e["type"] for e in ctx.service.case_events(page.case_number)].count("case.amended") == 0
