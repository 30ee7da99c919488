"""The 办件 page offers only the steps the journal would take (issue 16): each button enabled by the case's state and
the clerk's role, the reason as its tooltip; the hand-over dialog shows the fields of the chosen way and checks them
as the clerk types (OK stays disabled until the hand-over can be recorded); voiding needs a reason; the case detail
reads in Chinese, staff by name."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.journal.test_intake import complete
from yibao_desk.gui.case_dialogs import HandoverDialog, VoidDialog
from yibao_desk.gui.cases_page import COLUMNS, CasesPage
from yibao_desk.gui.context import AppContext
from yibao_desk.journal.intake import IntakeError

CLAIM = "432036011W01"
APPLICANT = {"name": "王小明", "id_number": "430981198002290034", "phone": "13800138000"}


def _accepted(ctx: AppContext) -> str:
    svc = ctx.service
    number, _ = svc.open_case("c01", CLAIM, APPLICANT, answers={"maternity": "否"})
    states = complete(svc, CLAIM, {"maternity": "否"})
    assert svc.decide("c01", number, {"maternity": "否"}, states).verdict.verdict == "accept"
    return number


def _page(ctx: AppContext, qtbot: QtBot) -> CasesPage:
    page = CasesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 600)
    page.show()
    page.refresh()
    page.table.selectRow(0)
    return page


def test_steps_follow_state_and_role(ctx: AppContext, qtbot: QtBot) -> None:
    number = _accepted(ctx)
    page = _page(ctx, qtbot)
    b = page.buttons
    assert b["complete"].isEnabled() and b["reprint"].isEnabled()
    assert not b["deliver"].isEnabled() and "已办结" in b["deliver"].toolTip()
    assert not b["resume"].isEnabled() and "草稿" in b["resume"].toolTip()
    assert not b["void"].isEnabled() and b["void"].toolTip() == "窗口收件员无权作废办件（需要：主管）"
    qtbot.mouseClick(b["complete"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected()["status"] == "completed")
    assert page.buttons["deliver"].isEnabled() and not page.buttons["complete"].isEnabled()
    ctx.sign_in(ctx.service.login("sup1", "secret-sup"))
    assert page.buttons["void"].isEnabled() and page.buttons["void"].toolTip() == ""
    page.table.clearSelection()
    page.table.setCurrentIndex(page.model.index(-1, -1))
    assert not page.buttons["complete"].isEnabled()
    assert page.buttons["complete"].toolTip() == "请先在列表中选择一个办件"
    assert number


def test_the_hand_over_dialog_checks_as_the_clerk_types(ctx: AppContext, qtbot: QtBot) -> None:
    number = _accepted(ctx)
    ctx.service.complete("c01", number)
    case = ctx.service.case(number)
    dialog = HandoverDialog(ctx, case)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    visible = lambda: [n for n, e in dialog.fields.items() if e.isVisible()]  # noqa: E731
    assert dialog.way.currentData() == "id-or-receipt"
    assert visible() == ["collector"] and not ok.isEnabled()
    assert "请填写领取人姓名" in dialog.problem.text()
    dialog.collector.insert("王小明")  # committed by the input method
    assert ok.isEnabled() and dialog.problem.text() == ""

    dialog.way.setCurrentIndex(dialog.way.findData("sms-id-phone"))
    assert visible() == ["collector", "id_number", "phone"] and not ok.isEnabled()
    qtbot.keyClicks(dialog.id_number, "430981198002290034")
    qtbot.keyClicks(dialog.phone, "139 0000 0000")
    assert not ok.isEnabled() and "手机号码" in dialog.problem.text() and "不一致" in dialog.problem.text()
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Return)  # Enter with OK disabled: the dialog stays, nothing is lost
    assert dialog.isVisible() and dialog.phone.text() == "139 0000 0000"
    dialog.phone.clear()
    qtbot.keyClicks(dialog.phone, "138 0013 8000")
    assert ok.isEnabled()

    dialog.way.setCurrentIndex(dialog.way.findData("counterpart-guarantee"))
    assert visible() == ["collector", "guarantor"] and not ok.isEnabled()
    dialog.way.setCurrentIndex(dialog.way.findData("mail"))  # a case for the window has no address to post to
    assert visible() == ["tracking"] and not ok.isEnabled()
    qtbot.keyClicks(dialog.fields["tracking"], "EA123456785CN")
    assert not ok.isEnabled() and "交付方式：该办件登记为窗口领取，没有寄送地址" in dialog.problem.text()


def test_the_journal_applies_the_same_rule(ctx: AppContext) -> None:
    """The rule the dialog shows is the rule the journal enforces (domain.handover.handover_problems)."""
    number = _accepted(ctx)
    ctx.service.complete("c01", number)
    ready = next(n for n in ctx.service.sms_outbox(number) if n.kind == "ready")
    ctx.service.mark_sms_sent("c01", ready.id)  # 益阳跨域 sends SMS: the 领证短信 went to the registered phone
    with pytest.raises(IntakeError, match="领取人写出的手机号码：与申办时登记的手机号码不一致"):
        ctx.service.hand_over("c01", number, "sms-id-phone", {"id_number": APPLICANT["id_number"], "phone": "139"})
    ctx.service.hand_over(
        "c01", number, "sms-id-phone", {"id_number": APPLICANT["id_number"], "phone": "138-0013-8000"}
    )


def test_voiding_needs_a_reason(qtbot: QtBot) -> None:
    dialog = VoidDialog("YYK-W03-20261202-0001")
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.reason, "   ")
    assert not ok.isEnabled()
    dialog.reason.insert("重复录入")
    assert ok.isEnabled()


def test_the_detail_reads_in_chinese_with_names(ctx: AppContext, qtbot: QtBot) -> None:
    number = _accepted(ctx)
    ctx.service.record_print("c01", number, "receipt", 1, "")
    ctx.service.complete("c01", number)
    ctx.service.hand_over("c01", number, "id-or-receipt", {"collector": "王小明"})
    page = _page(ctx, qtbot)
    text = page.detail.toPlainText()
    for words in ("收件", "受理", "收件回执 × 1", "办结", "交付办理结果", "领取人：王小明", "李收件（c01）"):
        assert words in text, words
    assert "case." not in text
    clerk_column = [key for key, _title in COLUMNS].index("clerk_id")
    assert page.model.index(0, clerk_column).data() == "李收件（c01）"


def test_a_long_name_does_not_push_the_columns_off_the_screen(ctx: AppContext, qtbot: QtBot) -> None:
    ctx.service.open_case("c01", CLAIM, {**APPLICANT, "name": "欧阳" * 20})
    page = _page(ctx, qtbot)
    header = page.table.horizontalHeader()
    last = header.sectionViewportPosition(page.model.columnCount() - 1) + header.sectionSize(
        page.model.columnCount() - 1
    )
    assert last <= page.table.viewport().width()
    name_col = [key for key, _title in COLUMNS].index("applicant_name")
    assert page.model.index(0, name_col).data(Qt.ItemDataRole.ToolTipRole) == "欧阳" * 20


def _search(page: CasesPage, qtbot: QtBot, term: str) -> list[str]:
    page.search.clear()
    page.search.insert(term)  # typed, or committed by the input method
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    return [r["applicant_name"] for r in page.model.rows]


def test_search_as_the_clerk_types_it(ctx: AppContext, qtbot: QtBot, message_boxes: list[str]) -> None:
    """The receipt's masked number, an old 15-digit number, a name with the last four digits: found, or explained."""
    ctx.service.open_case("c01", CLAIM, APPLICANT)
    ctx.service.open_case("c01", CLAIM, {**APPLICANT, "name": "赵六", "id_number": "110101199003074477"})
    # 15-digit 430981800229003 is 430981198002290034's old form
    page = _page(ctx, qtbot)
    assert _search(page, qtbot, "430981********0034") == ["王小明"]
    assert "后四位 0034" in page.search_note.text()
    assert _search(page, qtbot, "430981800229003") == ["王小明"]
    assert "430981198002290034" in page.search_note.text()
    assert _search(page, qtbot, "赵六 4477") == ["赵六"] and page.search_note.text() == ""
    assert _search(page, qtbot, "王小明4477") == []
    assert "没有找到" in page.search_note.text()
    assert sorted(_search(page, qtbot, "")) == ["王小明", "赵六"]
    assert message_boxes == []


def test_the_case_number_time_id_and_clerk_are_shown_whole(ctx: AppContext, qtbot: QtBot) -> None:
    """At 1366 px the 办件 list showed 「YYK-W03-2026120…」 and 「2026-12-03 0…」: the number a clerk reads out
    was cut while 事项 took half the width. Every column but 事项 fits its usual value."""
    ctx.service.open_case("c01", CLAIM, APPLICANT)
    page = _page(ctx, qtbot)
    page.resize(1366, 700)
    metrics = page.table.fontMetrics()
    keys = [key for key, _title in COLUMNS]
    for key in ("case_number", "opened_local", "applicant_id_number", "status", "clerk_id"):
        col = keys.index(key)
        shown = str(page.model.index(0, col).data())
        assert metrics.horizontalAdvance(shown) + 8 <= page.table.columnWidth(col), (key, shown)
