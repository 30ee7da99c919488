"""Issue 17 §6 in the program: an applicant who comes back to rate is served from the 办件 page (服务评价: a 差评
through the keys, with its aspect and reason); the list shows it in red with the reason, the button then says the
case is rated; the status filter 有差评的办件 lists only such cases; a supervisor signing in hears of the day's 差评."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.acceptance.cli import APPLICANT
from tests.acceptance.gui_driver import Person
from tests.acceptance.program import start_program
from tests.journal.test_intake import complete
from yibao_desk.domain.catalog import Catalog
from yibao_desk.gui.cases_page import COLUMNS
from yibao_desk.gui.login import LoginDialog
from yibao_desk.gui.rating_dialog import RatingDialog

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SERVICE = "002036001001"  # 沅江 单位参保登记


def test_a_bad_rating_from_the_cases_page_reaches_the_supervisor(
    person: Person, qtbot: QtBot, tmp_path: Path, catalog: Catalog, message_boxes: list[str]
) -> None:
    window = start_program(person, qtbot, "yuanjiang", tmp_path / "journal.sqlite3", catalog)
    svc = window.ctx.service
    numbers = []
    for _ in range(2):
        number, _ = svc.open_case("sup1", SERVICE, APPLICANT)
        svc.decide("sup1", number, {}, complete(svc, SERVICE, {}))
        numbers.append(number)
    rated, other = numbers
    qtbot.waitUntil(window.isActiveWindow)
    person.key(K.Key_2, ALT, count=False)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.cases)
    person.keys(rated, count=False)  # the receipt's barcode scanned into the search
    person.key(K.Key_Return, count=False)
    qtbot.waitUntil(lambda: (window.cases.selected() or {}).get("case_number") == rated)
    rate = person.button(window.cases, "服务评价")
    assert rate.isEnabled()

    def bad(dialog: object) -> None:
        assert isinstance(dialog, RatingDialog)
        person.key(K.Key_1, count=False)  # 非常不满意
        for _ in range(3):
            person.key(K.Key_Down, count=False)  # 服务规范
        person.key(K.Key_Tab, count=False)
        person.write("窗口人员中途离开二十分钟")
        person.key(K.Key_Return, count=False)

    person.expect(RatingDialog, bad, "rating")
    person.click(window.cases, "服务评价")
    person.wait_handled("rating")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    person.stop()
    column = [k for k, _t in COLUMNS].index("ratings_json")
    qtbot.waitUntil(lambda: (window.cases.selected() or {}).get("ratings_json", "[]") != "[]")
    row = next(i for i, r in enumerate(window.cases.model.rows) if r["case_number"] == rated)
    shown = window.cases.model.index(row, column)
    assert shown.data() == "非常不满意" and shown.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert shown.data(Qt.ItemDataRole.ToolTipRole) == "非常不满意（差评：服务规范，窗口人员中途离开二十分钟）"
    assert "差评（服务规范）：窗口人员中途离开二十分钟" in window.cases.detail.toPlainText()
    assert not rate.isEnabled() and "已对本办件的受理环节作出评价" in rate.toolTip()

    # the supervisor's view: only the cases with a 差评
    QTest.mouseClick(window.cases.search, Qt.MouseButton.LeftButton)
    person.key(K.Key_A, CTRL, count=False)
    person.key(K.Key_Backspace, count=False)
    person.key(K.Key_Return, count=False)  # today's cases again
    assert len(window.cases.model.rows) == 2
    window.cases.status.setFocus()  # the clerk clicks the status box and picks its last entry
    person.key(K.Key_End, count=False)
    assert window.cases.status.currentText() == "有差评的办件"
    assert [r["case_number"] for r in window.cases.model.rows] == [rated] and other not in str(window.cases.model.rows)

    def sign_in_again(dialog: object) -> None:  # the locked screen keeps the supervisor's id, keys in the password
        assert isinstance(dialog, LoginDialog)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.password)
        person.keys("secret-sup1", count=False)
        person.key(K.Key_Return, count=False)

    person.expect(LoginDialog, sign_in_again, "login-again")
    person.key(K.Key_L, CTRL, count=False)
    person.wait_handled("login-again")
    qtbot.waitUntil(lambda: "今日有 1 条差评" in window.statusBar().currentMessage())
    assert "有差评的办件" in window.statusBar().currentMessage()
