"""The 好差评 window by its keys: a digit is the level (a good one is given at once), a 差评 asks the aspect and the
reason — submit stays off until both are there, and a digit typed in the reason is text, not a level; Esc is
「申请人不评价」; the hall's online-rating link shows as a QR code that reads back to the link for this case; with a
second monitor the window goes full screen on the applicant's screen (setting auto), never with one screen or
with the setting 「clerk」."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from pytestqt.qtbot import QtBot

from tests.screens import run_probe, screen
from yibao_desk.gui.rating_dialog import RatingDialog

K = Qt.Key
CASE = {"case_number": "YYK-W03-20261203-0007", "service_name": "异地安置退休人员备案"}


def _open(qtbot: QtBot, url: str = "") -> RatingDialog:
    dialog = RatingDialog(CASE, "李收件（c01）", url)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _key(dialog: RatingDialog, key: Qt.Key) -> None:
    focused = QApplication.focusWidget()
    QTest.keyClick(focused if focused is not None else dialog, key)


def test_a_good_rating_is_one_key(qtbot: QtBot) -> None:
    dialog = _open(qtbot)
    _key(dialog, K.Key_4)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.level == 4
    assert dialog.chosen_aspect() == "" and dialog.reason() == ""


def test_a_bad_rating_needs_the_aspect_and_a_reason(qtbot: QtBot) -> None:
    dialog = _open(qtbot)
    _key(dialog, K.Key_1)
    assert dialog.isVisible() and dialog.level == 1 and not dialog.submit.isEnabled()
    assert "差评请选择所涉方面" in dialog.problem.text() and "请填写" in dialog.problem.text()
    _key(dialog, K.Key_Down)  # 事项管理
    assert dialog.chosen_aspect() == "事项管理" and not dialog.submit.isEnabled()
    _key(dialog, K.Key_Tab)
    _key(dialog, K.Key_Return)  # Enter with no reason: stays open, says why
    assert dialog.isVisible() and "差评请填写申请人不满意的理由" in dialog.problem.text()
    dialog.reason_edit.insert("等了")
    QTest.keyClicks(dialog.reason_edit, "2")  # a digit in the reason is text, not the level 2
    dialog.reason_edit.insert("小时")
    assert dialog.level == 1 and dialog.reason() == "等了2小时" and dialog.submit.isEnabled()
    _key(dialog, K.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (dialog.level, dialog.chosen_aspect(), dialog.reason()) == (1, "事项管理", "等了2小时")


def test_esc_is_no_rating(qtbot: QtBot) -> None:
    dialog = _open(qtbot)
    _key(dialog, K.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.level is None


def test_the_online_rating_qr_names_this_case(qtbot: QtBot) -> None:
    dialog = _open(qtbot, "https://zwfw.example.gov.cn/hcp?bj={case_number}")
    label = dialog.findChild(QLabel, "ratingQr")
    assert label is not None and label.isVisible()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    label.pixmap().save(buffer, "PNG")
    from io import BytesIO

    read = zxingcpp.read_barcodes(Image.open(BytesIO(bytes(buffer.data()))))
    assert [r.text for r in read] == ["https://zwfw.example.gov.cn/hcp?bj=YYK-W03-20261203-0007"]
    assert _open(qtbot).findChild(QLabel, "ratingQr") is None  # no link set: no code


def _probe(tmp_path: Path, screens: int, placement: str) -> dict[str, Any]:
    listed = [screen(f"s{i + 1}", 1920 * i, 1920, 1080) for i in range(screens)]
    return run_probe(tmp_path, listed, "tests.gui.rating_probe", placement)


@pytest.mark.parametrize(("screens", "placement", "where"), [(2, "auto", "s2"), (2, "clerk", "s1"), (1, "auto", "s1")])
def test_the_window_faces_the_applicant_on_a_second_monitor(
    tmp_path: Path, screens: int, placement: str, where: str
) -> None:
    seen = _probe(tmp_path, screens, placement)
    assert seen["screens"] == [f"s{i + 1}" for i in range(screens)] and seen["clerk"] == "s1"
    assert seen["dialog"] == where, seen
    if where == "s2":
        assert seen["moved"] and seen["full_screen"] and seen["geometry"] == [1920, 0, 1920, 1080], seen
    else:
        assert not seen["moved"] and not seen["full_screen"], seen


def test_a_link_too_long_for_a_qr_code_does_not_stop_the_rating(qtbot: QtBot) -> None:
    """Found in review: a 线上评价网址 over what a QR code holds raised an English error after every verdict."""
    dialog = _open(qtbot, "https://zwfw.example.gov.cn/hcp?bj={case_number}&x=" + "a" * 3000)
    assert dialog.findChild(QLabel, "ratingQr") is None
    assert any("线上评价网址过长" in label.text() for label in dialog.findChildren(QLabel))
    _key(dialog, K.Key_5)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.level == 5


def test_the_list_cell_shows_a_bad_rating_before_a_later_good_one() -> None:
    """Found in review: 不满意 at the verdict, 非常满意 at the hand-over showed 非常满意 in red."""
    from yibao_desk.gui.cases_page import shown_rating

    assert shown_rating([]) == {}
    assert shown_rating([{"level": 2}, {"level": 5}]) == {"text": "不满意", "bad": True}
    assert shown_rating([{"level": 4}, {"level": 5}]) == {"text": "非常满意", "bad": False}
