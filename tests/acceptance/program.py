"""The program started as a person starts it the first time: first-run set-up, then login, through the keys."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.acceptance.gui_driver import Person
from yibao_desk.domain.catalog import Catalog
from yibao_desk.gui.first_run import FirstRunDialog
from yibao_desk.gui.login import LoginDialog
from yibao_desk.gui.main_window import MainWindow

K = Qt.Key


def first_run(person: Person, region: str, catalog: Catalog) -> None:
    def answer(dialog: object) -> None:
        assert isinstance(dialog, FirstRunDialog)
        combo = dialog.region
        person.qtbot.waitUntil(lambda: QApplication.focusWidget() is combo)
        for _ in range(len(catalog.regions)):
            if combo.currentData() == region:
                break
            person.key(K.Key_Down, count=False)
        assert combo.currentData() == region
        person.key(K.Key_Tab, count=False)
        person.write("医保服务专区一号窗口")
        person.key(K.Key_Tab, count=False)
        person.write("W01")
        person.key(K.Key_Tab, count=False)
        person.write("sup1")
        person.key(K.Key_Tab, count=False)
        person.write("张主管")
        for _ in range(2):
            person.key(K.Key_Tab, count=False)
            person.write("secret-sup1")
        person.key(K.Key_Return, count=False)

    person.expect(FirstRunDialog, answer, "first-run")


def login(person: Person) -> None:
    def answer(dialog: object) -> None:
        assert isinstance(dialog, LoginDialog)
        person.write("sup1")
        person.key(K.Key_Tab, count=False)
        person.write("secret-sup1")
        person.key(K.Key_Return, count=False)

    person.expect(LoginDialog, answer, "login")


def start_program(person: Person, qtbot: QtBot, region: str, db: Path, catalog: Catalog) -> MainWindow:
    """First run at a new counter PC: set up the region, window and device, the first supervisor, and log in."""
    from yibao_desk.gui.app import open_program

    first_run(person, region, catalog)
    login(person)
    window, code = open_program(str(db))
    assert isinstance(window, MainWindow), f"the program ended before its window (exit {code})"
    qtbot.addWidget(window)
    window.activateWindow()
    person.stop()
    assert person.handled == ["first-run", "login"]
    return window


def try_remote_care_intake(person: Person, applicant: dict[str, str]) -> None:
    """F2, the 异地就医备案 service by its pinyin, every material present (A), the applicant typed, Ctrl+Enter."""
    type_remote_care(person, applicant)
    person.key(K.Key_Return, Qt.KeyboardModifier.ControlModifier, count=False)


def type_remote_care(person: Person, applicant: dict[str, str]) -> None:
    """F2, the 异地就医备案 service by its pinyin, every material present (A), the applicant's name, ID and phone."""
    person.key(K.Key_F2, count=False)
    person.keys("ydjy", count=False)
    person.key(K.Key_Return, count=False)
    person.key(K.Key_A, count=False)
    type_applicant(person, applicant)


def type_applicant(person: Person, applicant: dict[str, str]) -> None:
    """Name, ID number and phone, from the field that has the keys (the name after A, or after F3)."""
    person.write(applicant["name"])
    person.key(K.Key_Tab, count=False)
    person.write(applicant["id_number"])
    person.key(K.Key_Tab, count=False)
    person.write(applicant["phone"])


def decide_and_close(person: Person, qtbot: QtBot, key: Qt.Key, suffix: str = "") -> None:
    """Ctrl+Enter / Ctrl+B: the print preview closed as it opens, the 好差评 answered 5 (益阳 asks for it)."""
    from yibao_desk.gui.print_preview import PrintPreviewDialog
    from yibao_desk.gui.rating_dialog import RatingDialog

    person.expect(PrintPreviewDialog, lambda d: person.click(d, "关闭"), f"preview{suffix}")
    person.expect(RatingDialog, lambda d: person.key(K.Key_5, count=False), f"rating{suffix}")
    person.key(key, Qt.KeyboardModifier.ControlModifier, count=False)
    person.wait_handled(f"preview{suffix}")
    person.wait_handled(f"rating{suffix}")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    person.stop()
