"""Issue 17 §2 in the program, through keys, clicks and menu entries: 邮寄 chosen at intake opens the address (the
applicant's name and phone already in it), a postcode of another province keeps 受理 off with the reason on
screen, the receipt prints the address; on the 办件 page the hand-over offers 邮寄 for such a case and asks the
邮件号 (a wrong check digit refused as typed); 程序 → 寄送清单与邮寄标签 lists the day's results, previews the list
and the labels, and saves the workbook."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QWidget
from pytestqt.qtbot import QtBot

from tests.acceptance.cli import APPLICANT
from tests.acceptance.gui_driver import Person
from tests.acceptance.program import start_program, type_remote_care
from yibao_desk.domain.catalog import Catalog
from yibao_desk.gui.case_dialogs import HandoverDialog
from yibao_desk.gui.mail_dialog import MailDialog
from yibao_desk.gui.print_preview import PrintPreviewDialog
from yibao_desk.gui.rating_dialog import RatingDialog
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.models import Case

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
ADDRESS = "湖南省益阳市赫山区龙岭大道12号"


def _type_into(person: Person, edit: QLineEdit, text: str) -> None:
    QTest.mouseClick(edit, Qt.MouseButton.LeftButton)
    person.qtbot.waitUntil(lambda: QApplication.focusWidget() is edit)
    person.key(K.Key_A, CTRL, count=False)
    person.write(text)


def test_a_result_mailed_from_the_counter(
    person: Person, qtbot: QtBot, tmp_path: Path, catalog: Catalog, message_boxes: list[str]
) -> None:
    db = tmp_path / "journal.sqlite3"
    window = start_program(person, qtbot, "yiyang-kuayu", db, catalog)
    intake, panel = window.intake, window.intake.applicant
    seen: list[str] = []

    def preview(dialog: object) -> None:
        assert isinstance(dialog, PrintPreviewDialog)
        receipt = next(j for j in dialog.jobs if j.document == "receipt")
        reader = PdfReader(io.BytesIO(receipt.pdf))
        seen.append("".join("".join((p.extract_text() or "").split()) for p in reader.pages))
        person.click(dialog, "关闭")

    type_remote_care(person, APPLICANT)
    assert not panel.mail.isVisible()
    panel.delivery.setFocus()  # the clerk clicks 结果交付 and picks 邮寄
    person.key(K.Key_Down, count=False)
    qtbot.waitUntil(panel.mail.isVisible)
    assert panel.mail.edits["recipient"].text() == APPLICANT["name"]
    assert panel.mail.edits["phone"].text() == APPLICANT["phone"]
    assert not intake.verdict_panel.accept_button.isEnabled()
    assert (
        "邮寄：请填写寄送地址" in intake.verdict_panel.problems.item(intake.verdict_panel.problems.count() - 1).text()
    )
    _type_into(person, panel.mail.edits["address"], ADDRESS)
    person.key(K.Key_Tab, count=False)
    person.write("435100")  # a 大冶 postcode for an 益阳 address
    assert "邮政编码 435100 属湖北，与寄送地址中的湖南不符" in panel.mail.note.text()
    person.key(K.Key_Return, CTRL, count=False)
    qtbot.waitUntil(lambda: "邮政编码 435100 属湖北" in window.statusBar().currentMessage())
    _type_into(person, panel.mail.edits["postcode"], "413000")
    assert panel.mail.note.text() == "" and intake.verdict_panel.accept_button.isEnabled()
    person.expect(PrintPreviewDialog, preview, "preview")
    person.expect(RatingDialog, lambda d: person.key(K.Key_5, count=False), "rating-verdict")  # 益阳 asks for 好差评
    person.key(K.Key_Return, CTRL, count=False)
    person.wait_handled("preview")
    person.wait_handled("rating-verdict")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    person.stop()
    assert f"寄送：{APPLICANT['name']}（138****8000）{ADDRESS}邮编413000" in seen[0]

    journal = open_journal(db)
    with journal.read() as s:
        (case,) = s.query(Case).all()
        number = case.case_number
        assert case.delivery == "mail" and json.loads(case.mail_json or "{}")["postcode"] == "413000"

    # 办件: completed, then posted with its 邮件号
    person.key(K.Key_2, Qt.KeyboardModifier.AltModifier, count=False)
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 1)
    person.keys(number, count=False)
    person.key(K.Key_Return, count=False)
    person.click(window.cases, "标记办结")
    qtbot.waitUntil(lambda: (window.cases.selected() or {}).get("status") == "completed")

    def handover(d: object) -> None:
        assert isinstance(d, HandoverDialog)
        assert d.way.currentData() == "mail" and d.fields["tracking"].isVisible()
        assert not d.fields["collector"].isVisible()
        QTest.mouseClick(d.fields["tracking"], Qt.MouseButton.LeftButton)
        person.keys("EA123456786CN", count=False)
        assert "校验位应为 5" in d.problem.text() and not d.ok_button().isEnabled()
        person.key(K.Key_Backspace, count=False)
        person.key(K.Key_Backspace, count=False)
        person.key(K.Key_Backspace, count=False)
        person.keys("5CN", count=False)
        assert d.ok_button().isEnabled()
        person.key(K.Key_Return, count=False)

    person.expect(HandoverDialog, handover, "handover")
    person.expect(RatingDialog, lambda d: person.key(K.Key_Escape, count=False), "rating-handover")  # 不评价
    person.click(window.cases, "交付结果")
    person.wait_handled("handover")
    person.wait_handled("rating-handover")
    qtbot.waitUntil(lambda: "已记录交付" in message_boxes)
    person.stop()
    with journal.read() as s:
        posted = s.get(Case, number)
        assert posted is not None and posted.status == "delivered"
        assert json.loads(posted.mail_json or "{}")["tracking"] == "EA123456785CN"

    # 程序 → 寄送清单与邮寄标签: the day's list, its preview and workbook
    titles: list[str] = []

    def mail_dialog(d: object) -> None:
        assert isinstance(d, MailDialog)
        assert d.model.rowCount() == 1 and "当日已交寄 1 件" in d.summary.text()
        assert d.model.index(0, 8).data() == "EA123456785CN" and d.model.index(0, 1).data() == number
        person.key(K.Key_P, CTRL, count=False)

    def listed(p: object) -> None:
        assert isinstance(p, PrintPreviewDialog)
        box = p.findChild(QListWidget, "documentList")
        assert box is not None
        titles.extend(box.item(i).text() for i in range(box.count()))
        text = "".join((PdfReader(io.BytesIO(p.jobs[0].pdf)).pages[0].extract_text() or "").split())
        assert ADDRESS in text and "EA123456785CN" in text
        person.click(p, "关闭")

    def save_and_close(d: QWidget) -> None:
        assert isinstance(d, MailDialog)
        d.on_save(str(tmp_path / "寄送清单"))  # the file dialog's answer
        person.click(d, "关闭")

    person.expect(MailDialog, mail_dialog, "mail-dialog")
    person.expect(PrintPreviewDialog, listed, "mail-preview")
    person.expect_ready(MailDialog, lambda _d: bool(titles), save_and_close, "mail-closed")
    person.menu(window, "程序", "寄送清单与邮寄标签")
    person.wait_handled("mail-closed")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    person.stop()
    assert titles == ["寄送清单（1 件）"]  # posted already: its label is on it
    rows = list(openpyxl.load_workbook(tmp_path / "寄送清单.xlsx")["寄送清单"].iter_rows(values_only=True))
    assert rows[3][1] == number and rows[3][5] == ADDRESS
    assert any("已导出 1 件" in m for m in message_boxes)
    journal.close()
    window.close()
