from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from yibao_desk.gui.cases_page import CasesPage
from yibao_desk.gui.context import AppContext
from yibao_desk.gui.login import LoginDialog

APPLICANT = {"name": "王小明", "id_number": "430981198002290034", "phone": "13800138000"}


def test_login_lock_out(ctx: AppContext, qtbot: QtBot) -> None:
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.staff_id.setText("c01")
    for _ in range(4):
        qtbot.keyClicks(dialog.password, "wrong")
        dialog.on_login()
        assert "还可尝试" in dialog.message.text()
    qtbot.keyClicks(dialog.password, "wrong")
    dialog.on_login()
    assert "锁定" in dialog.message.text()
    qtbot.keyClicks(dialog.password, "secret-c01")
    dialog.on_login()
    assert "锁定" in dialog.message.text() and dialog.actor is None
    qtbot.keyClicks(dialog.password, "")
    assert dialog.result() != LoginDialog.DialogCode.Accepted


def test_login_succeeds(ctx: AppContext, qtbot: QtBot) -> None:
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.staff_id.setText("sup1")
    qtbot.keyClicks(dialog.password, "secret-sup")
    dialog.on_login()
    assert dialog.actor is not None and dialog.actor.role == "supervisor"


def test_scanning_a_case_number_opens_the_case(ctx: AppContext, qtbot: QtBot) -> None:
    numbers = [ctx.service.open_case("c01", "432036011W01", APPLICANT)[0] for _ in range(3)]
    page = CasesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.model.rowCount() == 3
    # a barcode scanner is a keyboard: it types the number (here in lower case, as some scanners do) and Enter
    qtbot.keyClicks(page.search, numbers[1].lower())
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    selected = page.selected()
    assert selected is not None and selected["case_number"] == numbers[1]
    assert numbers[1] in page.detail.toPlainText()


def test_search_by_name_and_id(ctx: AppContext, qtbot: QtBot) -> None:
    ctx.service.open_case("c01", "432036011W01", APPLICANT)
    ctx.service.open_case("c01", "432036011W01", {**APPLICANT, "name": "赵六", "id_number": "110101199003074477"})
    page = CasesPage(ctx)
    qtbot.addWidget(page)
    page.search.insert("赵六")  # committed by the input method
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert [r["applicant_name"] for r in page.model.rows] == ["赵六"]
    page.search.clear()
    qtbot.keyClicks(page.search, "110101199003074477")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert [r["applicant_name"] for r in page.model.rows] == ["赵六"]
