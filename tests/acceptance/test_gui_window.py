"""The rest of a window's day at a 沅江 counter, only through keys, menu entries and visible buttons: a case that
needs supplementing, one that is out of scope, the supervisor's sync setting, the ledger export and the sync
dialog from the 程序 menu."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import psycopg
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QLabel, QLineEdit, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from tests.acceptance.cli import APPLICANT
from tests.acceptance.gui_driver import Person
from tests.acceptance.program import start_program
from tests.sync.conftest import fresh_central
from yibao_desk.domain.catalog import Catalog
from yibao_desk.gui.ledger_dialog import LedgerDialog
from yibao_desk.gui.print_preview import PrintPreviewDialog
from yibao_desk.gui.rating_dialog import RatingDialog
from yibao_desk.gui.sync_view import SyncDialog
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.models import Case
from yibao_desk.sync import central

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def applicant(person: Person) -> None:
    person.key(K.Key_F3)
    person.write(APPLICANT["name"])
    person.key(K.Key_Tab)
    person.write(APPLICANT["id_number"])
    person.key(K.Key_Tab)
    person.write(APPLICANT["phone"])


def preview_then_close(person: Person, title: str, name: str, rating: Qt.Key) -> None:
    """The preview lists the one document; closed; then the applicant rates (沅江 asks for 好差评) with `rating`."""

    def answer(dialog: object) -> None:
        assert isinstance(dialog, PrintPreviewDialog)
        listed = dialog.findChild(QListWidget, "documentList")
        assert listed is not None
        assert [listed.item(i).text() for i in range(listed.count())] == [title]
        person.click(dialog, "关闭")

    def rate(dialog: object) -> None:
        assert isinstance(dialog, RatingDialog)
        person.key(rating, count=False)

    person.expect(PrintPreviewDialog, answer, name)
    person.expect(RatingDialog, rate, f"{name}-rating")


def ok_button(dialog: QDialogButtonBox | object) -> None:
    box = dialog.findChild(QDialogButtonBox)  # type: ignore[attr-defined]
    assert box is not None
    ok = next(b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole)
    QTimer.singleShot(0, lambda: QTest.mouseClick(ok, Qt.MouseButton.LeftButton))


@pytest.mark.postgres
def test_supplement_reject_settings_ledger_and_sync(
    tmp_path: Path, qtbot: QtBot, person: Person, catalog: Catalog, message_boxes: list[str]
) -> None:
    db = tmp_path / "journal.sqlite3"
    window = start_program(person, qtbot, "yuanjiang", db, catalog)

    # 补正: only the first material present → the supplement notice, every other material named
    preview_then_close(person, "补正材料告知单", "supplement", K.Key_3)  # 基本满意
    person.key(K.Key_F2)
    person.keys("ydaz")
    person.key(K.Key_Return)
    person.key(K.Key_Return)  # the first material: all fine
    applicant(person)
    person.key(K.Key_B, CTRL)
    person.wait_handled("supplement-rating")
    person.stop()

    # 不予受理: 个人账户一次性支取 for someone whose insurance is not stopped (the guide's scope)
    def reason(dialog: object) -> None:
        assert isinstance(dialog, QInputDialog)
        assert "停保" in dialog.textValue(), "the reason the domain gives is offered"
        ok_button(dialog)

    person.expect(QInputDialog, reason, "reason")
    preview_then_close(person, "不予受理告知书", "rejection", K.Key_Escape)  # 申请人不评价
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    person.key(K.Key_F2)
    person.keys("zq")
    person.key(K.Key_Return)
    person.key(K.Key_F5)  # the first question: 是否已办理停保
    person.key(K.Key_Down)  # 否
    applicant(person)
    person.key(K.Key_R, CTRL)
    person.wait_handled("rejection-rating")
    person.stop()

    with open_journal(db).read() as s:
        statuses = sorted((c.status, c.ratings_json) for c in s.query(Case))
    assert [(st, [r["level"] for r in json.loads(r)]) for st, r in statuses] == [("rejected", []), ("supplement", [3])]

    with fresh_central() as centre:
        reg = central.add_device(centre, "W01", None, "yuanjiang", "医保服务专区一号窗口")

        # 设置: the supervisor enters the sync target the centre made for this PC
        person.menu(window, "程序", "设置")
        qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.settings)
        target = window.settings.findChild(QLineEdit, "setting_sync_url")
        assert target is not None and target.isVisible()
        QTest.mouseClick(target, Qt.MouseButton.LeftButton)
        person.key(K.Key_A, CTRL, count=False)
        person.write(reg.url)
        person.click(window.settings, "保存设置")
        qtbot.waitUntil(lambda: "设置已保存" in message_boxes)

        # 程序 → 导出台账
        ledger = tmp_path / "台账.xlsx"

        def export(dialog: object) -> None:
            assert isinstance(dialog, LedgerDialog)
            path = dialog.findChild(QLineEdit, "ledgerPath")
            assert path is not None
            QTest.mouseClick(path, Qt.MouseButton.LeftButton)
            person.key(K.Key_A, CTRL, count=False)
            person.write(str(ledger))
            person.click(dialog, "导出")

        def exported(dialog: QWidget) -> bool:
            message = dialog.findChild(QLabel, "ledgerMessage")
            return message is not None and "已导出" in message.text()

        person.expect(LedgerDialog, export, "ledger")
        person.expect_ready(LedgerDialog, exported, lambda d: person.click(d, "关闭"), "ledger-closed")
        person.menu(window, "程序", "导出台账")
        person.wait_handled("ledger-closed", timeout=60_000)
        person.stop()
        sheet = openpyxl.load_workbook(ledger, read_only=True)["台账明细"]
        cells = {str(c) for row in sheet.iter_rows(values_only=True) for c in row if c}
        with open_journal(db).read() as s:
            numbers = {c.case_number for c in s.query(Case)}
        assert numbers <= cells

        # 程序 → 与中心同步: 立即同步, then the dialog says everything is confirmed
        def sync(dialog: object) -> None:
            assert isinstance(dialog, SyncDialog)
            person.click(dialog, "立即同步")

        def synced(dialog: QWidget) -> bool:
            summary = dialog.findChild(QLabel, "syncSummary")
            return summary is not None and "已全部确认" in summary.text()

        person.expect(SyncDialog, sync, "sync")
        person.expect_ready(SyncDialog, synced, lambda d: person.click(d, "关闭"), "sync-closed")
        person.menu(window, "程序", "与中心同步")
        person.wait_handled("sync-closed", timeout=60_000)
        person.stop()
        with psycopg.connect(centre) as conn:
            at_centre = {
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT case_number FROM yibao.events WHERE device_id = 'W01' AND case_number IS NOT NULL"
                )
            }
        assert at_centre == numbers
        window.close()
