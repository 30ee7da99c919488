"""Every key answers: the form filler by F6 and by its button, keys that cannot act say why, 关于本窗口, and a case
whose documents fail after its verdict was journaled stays on screen with 重打文书."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QTableWidget
from pytestqt.qtbot import QtBot

from tests.acceptance.cli import APPLICANT
from tests.acceptance.gui_driver import Person
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.gui.about import AboutDialog
from yibao_desk.gui.context import AppContext
from yibao_desk.gui.form_filler import FormFillerDialog
from yibao_desk.gui.main_window import MainWindow
from yibao_desk.gui.print_preview import PrintPreviewDialog
from yibao_desk.gui.rating_dialog import RatingDialog
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.intake import IntakeService

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(tmp_path: Path, catalog: Catalog, calendar: Calendar, qtbot: QtBot) -> Iterator[MainWindow]:
    from yibao_desk.gui.app import make_app

    make_app([])
    service = IntakeService(open_journal(tmp_path / "journal.sqlite3"), catalog, calendar)
    service.setup_device("W01", "yuanjiang", "医保服务专区一号窗口")
    service.add_staff(None, "sup1", "张主管", "supervisor", "secret-sup1")
    service.add_staff("sup1", "c01", "李收件", "clerk", "secret-c01")
    ctx = AppContext(service)
    ctx.sign_in(service.login("c01", "secret-c01"))
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.start()
    w.activateWindow()
    yield w
    w.close()
    service.journal.close()


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def test_f6_and_the_button_open_the_services_table(window: MainWindow, qtbot: QtBot, person: Person) -> None:
    person.key(K.Key_F6)
    assert "请先选择事项" in status(window)
    person.key(K.Key_F2)
    person.keys("ydaz")
    person.key(K.Key_Return)
    titles: list[str] = []

    def seen(dialog: object) -> None:
        assert isinstance(dialog, FormFillerDialog)
        titles.append(dialog.windowTitle())
        dialog.reject()

    person.expect(FormFillerDialog, seen, "by-key")
    person.key(K.Key_F6)
    person.wait_handled("by-key")
    person.expect(FormFillerDialog, seen, "by-button")
    person.click(window.intake, "填写官方表格…")
    person.wait_handled("by-button")
    person.stop()
    assert titles == ["填写表格：沅江市异地就医登记备案表"] * 2

    # a service without a table: F6 says so
    person.key(K.Key_F2)
    person.keys("ydcq")  # 异地长期居住人员备案 has no printable table at 沅江
    person.key(K.Key_Return)
    person.key(K.Key_F6)
    assert "“异地长期居住人员备案”没有可打印的官方表格" in status(window)


def test_keys_that_cannot_act_say_why(window: MainWindow, qtbot: QtBot, person: Person) -> None:
    person.key(K.Key_Return, CTRL)
    assert "请先选择事项" in status(window)
    person.key(K.Key_F2)
    person.keys("ydaz")
    person.key(K.Key_Return)
    person.key(K.Key_E)  # 沅江's materials list no common mistakes
    assert "没有列出" in status(window) and "常见错误" in status(window)
    person.key(K.Key_Return, CTRL)
    assert "申请人" in status(window)
    person.key(K.Key_B, CTRL)
    assert "申请人" in status(window)


def test_about_this_window_shows_the_phone_book(window: MainWindow, qtbot: QtBot, person: Person) -> None:
    rows: list[list[str]] = []
    buttons: list[str] = []

    def about(dialog: object) -> None:
        assert isinstance(dialog, AboutDialog)
        table = dialog.findChild(QTableWidget, "phoneBook")
        assert table is not None
        rows.extend([table.item(r, c).text() for c in range(3)] for r in range(table.rowCount()))
        buttons.extend(b.text() for b in dialog.findChildren(QPushButton))
        dialog.reject()

    person.expect(AboutDialog, about, "about")
    person.menu(window, "程序", "关于本窗口")
    person.wait_handled("about")
    person.stop()
    assert ["咨询电话", "沅江市医疗保障事务中心", "0737-2817103"] in rows
    assert buttons == ["关闭"]  # Qt's own words in Chinese (qtbase_zh_CN), not 「Close」


def test_qt_dialogs_say_ok_and_cancel_in_chinese(window: MainWindow) -> None:
    """Every standard button box and input dialog of the program reads 确定 / 取消."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    assert [b.text() for b in box.buttons()] == ["确定", "取消"] or sorted(b.text() for b in box.buttons()) == [
        "取消",
        "确定",
    ]
    box.deleteLater()


def test_a_passing_message_leaves_the_status_labels_in_place(window: MainWindow, person: Person) -> None:
    """The clerk's message and the region, clerk, journal and sync labels share the line: none covers another."""
    person.key(K.Key_Return, CTRL)
    message = status(window)
    assert "请先选择事项" in message
    bar = window.statusBar()
    labels = list(window.status_labels.values())
    assert all(label.isVisible() for label in labels)
    room = bar.width() - sum(label.width() for label in labels)
    assert room >= bar.fontMetrics().horizontalAdvance(message)
    assert room >= bar.width() * 0.3


def test_documents_that_fail_after_the_verdict_keep_the_case_on_screen(
    window: MainWindow, qtbot: QtBot, person: Person, monkeypatch: pytest.MonkeyPatch, message_boxes: list[str]
) -> None:
    import yibao_desk.gui.case_jobs as page_module  # where the page renders its documents

    real = page_module.render_case_document

    def no_font(*_a: object, **_k: object) -> object:
        raise OSError("打印字体文件不可读")

    monkeypatch.setattr(page_module, "render_case_document", no_font)  # the fault: the printing layer fails
    person.key(K.Key_F2)
    person.keys("ydaz")
    person.key(K.Key_Return)
    person.key(K.Key_A)
    person.write(APPLICANT["name"])
    person.key(K.Key_Tab)
    person.write(APPLICANT["id_number"])
    person.key(K.Key_Return, CTRL)
    qtbot.waitUntil(lambda: bool(message_boxes))
    assert "已记入日志" in message_boxes[0] and "请勿重新收件" in message_boxes[0]
    cases = window.ctx.service.cases()
    assert [c["status"] for c in cases] == ["accepted"]
    # the screen stays on the case: a second Ctrl+Enter makes no second case
    person.key(K.Key_Return, CTRL)
    assert "已作出结论" in status(window)
    assert len(window.ctx.service.cases()) == 1

    monkeypatch.setattr(page_module, "render_case_document", real)  # the fault mended: 重打文书 prints
    printed: list[str] = []

    def preview(dialog: object) -> None:
        assert isinstance(dialog, PrintPreviewDialog)
        printed.extend(job.document for job in dialog.jobs)
        dialog.reject()

    def no_rating(dialog: object) -> None:  # the verdict's 好差评 follows its documents (沅江 asks for it)
        assert isinstance(dialog, RatingDialog)
        person.key(K.Key_Escape, count=False)  # 申请人不评价

    person.expect(PrintPreviewDialog, preview, "preview")
    person.expect(RatingDialog, no_rating, "rating")
    person.click(window.intake, "重打文书")
    person.wait_handled("rating")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    person.stop()
    assert printed == ["remote-care", "receipt"]
    assert [c["ratings_json"] for c in window.ctx.service.cases()] == ["[]"]


def test_the_sync_dialog_and_window_leave_no_background_work_behind(
    window: MainWindow, qtbot: QtBot, person: Person
) -> None:
    """Found by a fresh-clone run: a closed sync dialog's progress bar was called by the sync that went on after the
    window closed (RuntimeError: Internal C++ object already deleted, in a later test's event loop)."""
    from yibao_desk.gui.sync_view import SyncDialog

    person.expect(SyncDialog, lambda d: person.click(d, "关闭"), "sync")
    person.menu(window, "程序", "与中心同步")
    person.wait_handled("sync")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    person.stop()
    controller = window.sync
    for _ in range(3):
        QApplication.processEvents()  # the dialog's deleteLater
    controller.syncing.emit(True)  # a sync still running when the dialog has gone: nothing is called on it
    controller.syncing.emit(False)
    window.close()
    assert not controller.timer.isActive(), "the background sync goes on after the window closed"


def test_the_detail_line_says_where_the_applicant_gets_a_materials_table(
    window: MainWindow, qtbot: QtBot, person: Person
) -> None:
    """Issue 15 §2: a table this window prints says so (F6); one no seed lays out is brought or collected."""
    person.key(K.Key_F2)
    person.keys("dwcbxxbg")  # 单位参保信息变更登记: its first material is the table itself
    person.key(K.Key_Return)
    person.key(K.Key_F4)
    detail = window.intake.checklist.detail
    qtbot.waitUntil(lambda: "变更登记表" in detail.text())
    assert "《沅江市基本医疗保险参保单位信息变更登记表》本窗口打印（F6 填表）" in detail.text()
    person.key(K.Key_F2)
    person.keys("yljgsqdd")  # 医疗机构申请定点协议管理: no seed lays out its 定点医疗机构申请表
    person.key(K.Key_Return)
    person.key(K.Key_F4)
    qtbot.waitUntil(lambda: "定点医疗机构申请表" in detail.text())
    assert "《沅江市定点医疗机构申请表》申请人自备 / 向经办机构领取" in detail.text()
