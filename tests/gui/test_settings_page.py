"""The settings page refuses what it cannot keep (issue 16): a folder that does not exist, a sync target that is not
one, a number out of its declared range (with the range, never clamped) — and saves nothing while one is wrong; the
printer is chosen from this PC's printers; staff are added in one dialog with the password typed twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from yibao_desk.gui.context import AppContext
from yibao_desk.gui.settings_page import SettingsPage
from yibao_desk.gui.staff_dialog import StaffDialog
from yibao_desk.sync import central


def _page(ctx: AppContext, qtbot: QtBot) -> SettingsPage:
    ctx.sign_in(ctx.service.login("sup1", "secret-sup"))
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.load()
    return page


def _type(page: SettingsPage, key: str, text: str) -> None:
    editor = page.findChild(QLineEdit, f"setting_{key}")
    assert editor is not None
    editor.selectAll()
    editor.insert(text)


def _save(page: SettingsPage, qtbot: QtBot) -> None:
    button = page.findChild(QPushButton, "saveSettings")
    assert button is not None
    button.click()


def test_wrong_values_are_refused_all_at_once(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path, message_boxes: list[str]
) -> None:
    page = _page(ctx, qtbot)
    _type(page, "backup_folder", "/nonexistent/备份")
    _type(page, "sync_url", "not a url at all")
    _type(page, "idle_lock_minutes", "999")
    _type(page, "overlay_scale", "abc")
    _type(page, "backup_keep_days", "30")  # right, but not saved while others are wrong
    _save(page, qtbot)
    (message,) = message_boxes
    for words in ("设置未保存", "postgresql://", "应在 1 到 240 之间", "套打缩放应为数字"):
        assert words in message, words
    assert "/nonexistent" not in message  # a missing folder is offered to be created once the rest is right
    assert ctx.service.settings()["idle_lock_minutes"] == 10 and ctx.service.settings()["backup_keep_days"] == 14
    assert page.findChild(QLineEdit, "setting_idle_lock_minutes").text() == "999"  # kept as typed, to correct

    message_boxes.clear()
    _type(page, "backup_folder", str(tmp_path))
    _type(page, "sync_url", "")
    _type(page, "idle_lock_minutes", "240")
    _type(page, "overlay_scale", "1.1")
    _save(page, qtbot)
    assert message_boxes == ["设置已保存"]
    s = ctx.service.settings()
    assert (s["backup_folder"], s["idle_lock_minutes"], s["overlay_scale"], s["backup_keep_days"]) == (
        str(tmp_path),
        240,
        1.1,
        30,
    )


def test_the_printer_is_chosen_from_this_pcs_printers(ctx: AppContext, qtbot: QtBot) -> None:
    from PySide6.QtPrintSupport import QPrinterInfo

    ctx.service.change_setting("sup1", "default_printer", "不存在的打印机")
    page = _page(ctx, qtbot)
    box = page.findChild(QComboBox, "setting_default_printer")
    assert box is not None and not box.isEditable()
    items = [box.itemText(i) for i in range(box.count())]
    assert items == ["（系统默认打印机）", *QPrinterInfo.availablePrinterNames(), "不存在的打印机（本机未找到）"]
    assert box.currentText() == "不存在的打印机（本机未找到）"


def test_staff_are_added_in_one_dialog_with_the_password_twice(
    ctx: AppContext, qtbot: QtBot, message_boxes: list[str]
) -> None:
    page = _page(ctx, qtbot)
    seen: list[str] = []

    def fill(dialog: object) -> None:
        assert isinstance(dialog, StaffDialog)
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        qtbot.keyClicks(dialog.staff_id, "p02")
        dialog.name.insert("周打印")
        dialog.role.setCurrentIndex(dialog.role.findData("printer"))
        qtbot.keyClicks(dialog.password, "secret-p02")
        qtbot.keyClicks(dialog.again, "secret-p0")
        seen.append(dialog.note.text())
        assert not ok.isEnabled()
        qtbot.keyClicks(dialog.again, "2")
        assert ok.isEnabled() and dialog.note.text() == ""
        ok.click()

    page.staffDialogOpened.connect(lambda d: QTimer.singleShot(0, lambda: fill(d)))  # once the dialog is up
    add = next(b for b in page.findChildren(QPushButton) if b.text() == "添加…")
    add.click()
    assert seen == ["两次输入的密码不一致"]
    assert any(s["id"] == "p02" and s["role"] == "printer" for s in ctx.service.staff_list())
    assert ctx.service.login("p02", "secret-p02").name == "周打印"
    assert message_boxes == []


def test_the_staff_dialog_asks_for_everything() -> None:
    dialog = StaffDialog()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and dialog.note.text() == ""
    dialog.staff_id.setText("c 02")
    assert dialog.note.text() == "工号不能含空格"
    dialog.staff_id.setText("c02")
    assert dialog.note.text() == "请填写姓名"
    dialog.name.setText("钱收件")
    dialog.password.setText("12345")
    assert "至少 6 位" in dialog.note.text() and not ok.isEnabled()
    dialog.deleteLater()


def _answer(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton, asked: list[str]) -> None:
    def question(*args: object, **_kw: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))


def test_a_missing_folder_is_created_when_the_supervisor_confirms(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path, message_boxes: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _page(ctx, qtbot)
    folder = tmp_path / "备份" / "每日"
    asked: list[str] = []
    _answer(monkeypatch, QMessageBox.StandardButton.No, asked)
    _type(page, "backup_folder", str(folder))
    _save(page, qtbot)
    assert asked == [f"每日备份文件夹：文件夹 {folder} 不存在。\n要建立这个文件夹吗？"]
    assert message_boxes[-1].startswith("设置未保存") and not folder.exists()
    assert ctx.service.settings()["backup_folder"] == ""

    _answer(monkeypatch, QMessageBox.StandardButton.Yes, asked)
    _save(page, qtbot)
    assert folder.is_dir() and message_boxes[-1] == "设置已保存"
    assert ctx.service.settings()["backup_folder"] == str(folder)

    blocker = tmp_path / "一个文件"
    blocker.write_text("x", encoding="utf-8")
    _type(page, "backup_folder", str(blocker / "子文件夹"))  # under a file: cannot be created
    _save(page, qtbot)
    assert message_boxes[-1].startswith(f"设置未保存：无法建立文件夹 {blocker / '子文件夹'}")
    assert ctx.service.settings()["backup_folder"] == str(folder)


def _try(page: SettingsPage, qtbot: QtBot, message_boxes: list[str]) -> str:
    seen = len(message_boxes)
    button = page.findChild(QPushButton, "trySyncTarget")
    assert button is not None and button.isVisible()
    button.click()
    qtbot.waitUntil(lambda: len(message_boxes) > seen and button.isEnabled(), timeout=20_000)
    return message_boxes[-1]


def test_the_sync_target_is_tried_on_request(
    ctx: AppContext, qtbot: QtBot, central_url: str, message_boxes: list[str]
) -> None:
    page = _page(ctx, qtbot)
    mine = central.add_device(central_url, "W03").url
    other = central.add_device(central_url, "W09").url
    _type(page, "sync_url", mine)
    assert "连接成功" in _try(page, qtbot, message_boxes) and "W03" in message_boxes[-1]
    assert ctx.service.settings()["sync_url"] == ""  # tried, not saved

    _type(page, "sync_url", other)
    assert "属于设备 W09，不是本机（设备 W03）" in _try(page, qtbot, message_boxes)
    _type(page, "sync_url", central_url)  # the owner's address, not a device's
    assert "不是某台设备的同步地址" in _try(page, qtbot, message_boxes)
    _type(page, "sync_url", "postgresql://nobody@127.0.0.1:1/none")
    assert "无法连接中心库" in _try(page, qtbot, message_boxes)
    _type(page, "sync_url", "not a url at all")
    assert "postgresql://" in _try(page, qtbot, message_boxes)

    _type(page, "sync_url", mine)
    _save(page, qtbot)
    assert message_boxes[-1] == "设置已保存" and "***" in page.findChild(QLineEdit, "setting_sync_url").text()
    assert "连接成功" in _try(page, qtbot, message_boxes)  # the saved target, its password shown as ***


def test_a_choice_reads_in_words_and_saves_its_value(ctx: AppContext, qtbot: QtBot, message_boxes: list[str]) -> None:
    """Found looking at the page: the choices showed their stored values (a4, auto) instead of words."""
    from PySide6.QtCore import Qt

    page = _page(ctx, qtbot)
    width = page.findChild(QComboBox, "setting_receipt_width")
    screen = page.findChild(QComboBox, "setting_rating_screen")
    assert width is not None and screen is not None
    assert [width.itemText(i) for i in range(width.count())] == ["A4 纸", "80 毫米小票"]
    assert screen.currentText() == "有第二块屏幕时面向申请人"
    screen.setFocus()
    qtbot.keyClick(screen, Qt.Key.Key_Down)
    assert screen.currentText() == "总在工作人员屏幕"
    _save(page, qtbot)
    assert ctx.service.settings()["rating_screen"] == "clerk"
    page.load()
    assert screen.currentText() == "总在工作人员屏幕" and width.currentText() == "A4 纸"
