"""Issue 16 through the doors a supervisor and a clerk have: Alt+3 opens 设置, the visible 添加… button adds a clerk
in one dialog typed key by key (the password twice), Ctrl+L hands the screen to that clerk — whose Alt+3 and other
supervisor keys say in the status line why they do nothing, and whose 作废（主管） button is off with the reason; the
supervisor, back at the screen, voids the case through that button with a reason typed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QListWidget
from pytestqt.qtbot import QtBot

from tests.acceptance.cli import APPLICANT
from tests.acceptance.gui_driver import Person
from tests.acceptance.program import start_program
from yibao_desk.domain.catalog import Catalog
from yibao_desk.gui.case_dialogs import VoidDialog
from yibao_desk.gui.login import LoginDialog
from yibao_desk.gui.staff_dialog import StaffDialog

K = Qt.Key
ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _take_over(person: Person, qtbot: QtBot, offered: str, staff_id: str) -> Callable[[object], None]:
    """The locked screen (Ctrl+L) offers the last one's id with the keys in the password: back up, type over it."""

    def answer(dialog: object) -> None:
        assert isinstance(dialog, LoginDialog)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.password)
        assert dialog.staff_id.text() == offered
        person.key(K.Key_Backtab, count=False)
        person.key(K.Key_A, CTRL, count=False)
        person.keys(staff_id, count=False)
        person.key(K.Key_Tab, count=False)
        person.keys(f"secret-{staff_id}", count=False)
        person.key(K.Key_Return, count=False)

    return answer


def test_a_supervisor_adds_a_clerk_and_the_clerks_supervisor_keys_say_why(
    person: Person, qtbot: QtBot, tmp_path: Path, catalog: Catalog
) -> None:
    window = start_program(person, qtbot, "yuanjiang", tmp_path / "journal.sqlite3", catalog)
    number, _ = window.ctx.service.open_case("sup1", "002036002001", APPLICANT)  # a draft to void later
    qtbot.waitUntil(window.isActiveWindow)
    person.key(K.Key_3, ALT, count=False)
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.settings)

    def add(dialog: object) -> None:
        assert isinstance(dialog, StaffDialog)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.staff_id)
        person.keys("c02", count=False)
        person.key(K.Key_Tab, count=False)
        person.write("王收件")
        person.key(K.Key_Tab, count=False)
        while dialog.role.currentData() != "clerk":
            person.key(K.Key_Down, count=False)
        person.key(K.Key_Tab, count=False)
        person.keys("secret-c02", count=False)
        person.key(K.Key_Tab, count=False)
        person.keys("secret-c0", count=False)
        assert dialog.note.text() == "两次输入的密码不一致"
        person.keys("2", count=False)
        person.key(K.Key_Return, count=False)

    person.expect(StaffDialog, add, "staff")
    person.click(window.settings, "添加…")
    person.wait_handled("staff")
    staff = window.settings.findChild(QListWidget, "staffList")
    assert staff is not None
    qtbot.waitUntil(
        lambda: any(staff.item(i).text().startswith("c02　王收件　窗口收件员") for i in range(staff.count()))
    )

    person.expect(LoginDialog, _take_over(person, qtbot, "sup1", "c02"), "clerk login")
    person.key(K.Key_L, CTRL, count=False)
    person.wait_handled("clerk login")
    qtbot.waitUntil(lambda: window.ctx.actor is not None and window.ctx.actor.staff_id == "c02")
    assert not window.tabs.isTabVisible(2) and window.tabs.currentIndex() == 0
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    person.key(K.Key_3, ALT, count=False)
    assert window.tabs.currentIndex() == 0
    assert window.statusBar().currentMessage() == "「设置」仅限主管使用（当前登录：王收件（窗口收件员））"

    # 办件: the clerk finds the draft; 作废 is not offered to a clerk, and its tooltip says why
    person.key(K.Key_2, ALT, count=False)
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 1)
    person.keys(number, count=False)
    person.key(K.Key_Return, count=False)
    qtbot.waitUntil(lambda: (window.cases.selected() or {}).get("case_number") == number)
    void = person.button(window.cases, "作废")
    assert not void.isEnabled() and void.toolTip() == "窗口收件员无权作废办件（需要：主管）"

    person.expect(LoginDialog, _take_over(person, qtbot, "c02", "sup1"), "supervisor login")
    person.key(K.Key_L, CTRL, count=False)
    person.wait_handled("supervisor login")
    qtbot.waitUntil(lambda: person.button(window.cases, "作废").isEnabled())

    def give_reason(dialog: object) -> None:
        assert isinstance(dialog, VoidDialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # no reason, no voiding
        person.write("申请人撤回申请")
        assert ok.isEnabled()
        person.key(K.Key_Return, count=False)

    person.expect(VoidDialog, give_reason, "void")
    person.click(window.cases, "作废")
    person.wait_handled("void")
    qtbot.waitUntil(lambda: window.ctx.service.case(number)["status"] == "voided")
    person.stop()
