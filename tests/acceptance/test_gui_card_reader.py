"""Issue 18 §1 in the program: the supervisor chooses the reader's SDK in 设置 (a shared library built here from C
that exports termb's functions), F8 reads the card into the applicant's fields (name, ID number, address), the
clerk types only the phone; an expired card read the same way is a problem in the verdict (需补正), and the
supplement notice the clerk would print names it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from tests.acceptance.gui_driver import Person
from tests.acceptance.program import start_program
from tests.devices.fake_sdk import CARDS, built_or_skip
from yibao_desk.domain.catalog import Catalog
from yibao_desk.gui.main_window import MainWindow

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def _use_reader(window: MainWindow, sdk: Path, **more: str) -> None:
    """The supervisor's settings, as the settings page saves them (its keys are walked in the first test)."""
    for key, value in {"id_reader": "sdk", "id_reader_library": str(sdk), **more}.items():
        window.ctx.service.change_setting("sup1", key, value)
    window.ctx.settingsChanged.emit()


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_or_skip(tmp_path_factory.mktemp("sdk"))


def test_f8_reads_the_card_and_an_expired_card_is_a_problem(
    person: Person,
    qtbot: QtBot,
    tmp_path: Path,
    catalog: Catalog,
    message_boxes: list[str],
    sdk: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FAKE_TERMB_PORT", "1002")
    window = start_program(person, qtbot, "yiyang-kuayu", tmp_path / "journal.sqlite3", catalog)
    intake, panel = window.intake, window.intake.applicant

    person.menu(window, "程序", "设置")
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.settings)
    kind = window.settings.findChild(QComboBox, "setting_id_reader")
    assert kind is not None
    kind.setFocus()
    while kind.currentData() != "sdk":
        person.key(K.Key_Down, count=False)
    library = window.settings.findChild(QLineEdit, "setting_id_reader_library")
    assert library is not None
    QTest.mouseClick(library, Qt.MouseButton.LeftButton)
    person.write(str(sdk))
    person.click(window.settings, "保存设置")
    qtbot.waitUntil(lambda: "设置已保存" in message_boxes)
    person.key(K.Key_1, Qt.KeyboardModifier.AltModifier, count=False)

    person.key(K.Key_F2, count=False)
    person.keys("ydjy", count=False)
    person.key(K.Key_Return, count=False)
    person.key(K.Key_A, count=False)
    person.key(K.Key_F8, count=False)
    card = CARDS["ok"]
    qtbot.waitUntil(lambda: panel.applicant.id_number.text() == card[5], timeout=10_000)
    assert panel.applicant.name.text() == card[0] and panel.applicant.address.text() == card[4]  # type: ignore[union-attr]
    assert "读卡：有效期 2020.03.01-2040.03.01" in panel.applicant.id_note.text()
    assert "已读取申请人身份证：王小明" in window.statusBar().currentMessage()
    person.write("13800138000")  # the phone is the only thing typed
    qtbot.waitUntil(lambda: intake.verdict_panel.accept_button.isEnabled())

    monkeypatch.setenv("FAKE_TERMB_CARD", "expired")  # another applicant's card, out of date
    person.key(K.Key_F8, count=False)
    qtbot.waitUntil(lambda: panel.applicant.id_number.text() == CARDS["expired"][5], timeout=10_000)
    problems = [intake.verdict_panel.problems.item(i).text() for i in range(intake.verdict_panel.problems.count())]
    assert "申请人身份证：身份证已过期（有效期至 2025-01-01）：请申请人出示有效证件（如临时身份证）" in problems
    assert not intake.verdict_panel.accept_button.isEnabled()
    assert "✘ 读卡：身份证已过期" in panel.applicant.id_note.text()

    monkeypatch.setenv("FAKE_TERMB_CARD", "none")
    person.key(K.Key_F8, count=False)
    qtbot.waitUntil(lambda: any("无卡" in m for m in message_boxes), timeout=10_000)


def test_a_card_placed_on_a_polling_reader_is_read_by_itself(
    person: Person, qtbot: QtBot, tmp_path: Path, catalog: Catalog, sdk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_TERMB_CARD", "none")
    window = start_program(person, qtbot, "yiyang-kuayu", tmp_path / "journal.sqlite3", catalog)
    panel = window.intake.applicant
    _use_reader(window, sdk, id_reader_poll="on")
    person.key(K.Key_F2, count=False)
    person.keys("ydjy", count=False)
    person.key(K.Key_Return, count=False)
    qtbot.wait(1500)  # no card: nothing happens, nothing is said
    assert panel.applicant.id_number.text() == ""
    monkeypatch.setenv("FAKE_TERMB_CARD", "long")  # the applicant puts the card down
    qtbot.waitUntil(lambda: panel.applicant.id_number.text() == CARDS["long"][5], timeout=10_000)
    assert "有效期 2010.01.01-长期" in panel.applicant.id_note.text()
    panel.applicant.name.clear()  # the card stays on the reader: it is not read again over the clerk's typing
    qtbot.wait(2500)
    assert panel.applicant.name.text() == ""


def test_when_entrusted_the_card_read_is_the_agents(
    person: Person, qtbot: QtBot, tmp_path: Path, catalog: Catalog, sdk: Path
) -> None:
    window = start_program(person, qtbot, "yiyang-kuayu", tmp_path / "journal.sqlite3", catalog)
    panel = window.intake.applicant
    _use_reader(window, sdk)
    person.key(K.Key_F2, count=False)
    person.keys("432036011W01", count=False)
    person.key(K.Key_Return, count=False)
    person.key(K.Key_F5, count=False)  # 是否办理生育保险 → 是否委托他人代为办理
    person.key(K.Key_Tab, count=False)
    person.key(K.Key_Up, count=False)  # 是
    qtbot.waitUntil(lambda: window.intake.scenarios.answers().get("entrusted") == "是")
    person.key(K.Key_F8, count=False)
    qtbot.waitUntil(lambda: panel.agent.id_number.text() == CARDS["ok"][5], timeout=10_000)
    assert panel.agent.name.text() == CARDS["ok"][0] and panel.applicant.id_number.text() == ""
    assert "已读取代办人身份证" in window.statusBar().currentMessage()


def test_a_continued_case_keeps_the_expired_card_it_recorded(
    person: Person,
    qtbot: QtBot,
    tmp_path: Path,
    catalog: Catalog,
    sdk: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QApplication

    from yibao_desk.gui.print_preview import PrintPreviewDialog
    from yibao_desk.gui.rating_dialog import RatingDialog

    monkeypatch.setenv("FAKE_TERMB_CARD", "expired")
    window = start_program(person, qtbot, "yiyang-kuayu", tmp_path / "journal.sqlite3", catalog)
    svc, intake, panel = window.ctx.service, window.intake, window.intake.applicant
    _use_reader(window, sdk)
    person.key(K.Key_F2, count=False)
    person.keys("ydjy", count=False)
    person.key(K.Key_Return, count=False)
    person.key(K.Key_A, count=False)
    person.key(K.Key_F8, count=False)
    qtbot.waitUntil(lambda: panel.applicant.id_number.text() == CARDS["expired"][5], timeout=10_000)
    person.write("13700137000")
    person.expect(PrintPreviewDialog, lambda d: person.click(d, "关闭"), "preview")
    person.expect(RatingDialog, lambda d: person.key(K.Key_5, count=False), "rating")
    person.key(K.Key_B, CTRL, count=False)  # 补正: the card is out of date
    person.wait_handled("preview")
    person.wait_handled("rating")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    person.stop()
    (case,) = svc.cases()
    assert case["status"] == "supplement"

    person.key(K.Key_N, CTRL, count=False)  # the applicant comes back with the receipt, and the same card
    person.key(K.Key_F3, count=False)
    person.key(K.Key_Tab, count=False)
    person.keys(case["case_number"], count=False)
    person.key(K.Key_Return, count=False)
    qtbot.waitUntil(lambda: intake.case_number == case["case_number"])
    problems = [intake.verdict_panel.problems.item(i).text() for i in range(intake.verdict_panel.problems.count())]
    assert any(p.startswith("申请人身份证：身份证已过期") for p in problems)
    assert not intake.verdict_panel.accept_button.isEnabled()
