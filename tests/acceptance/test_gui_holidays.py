"""Issue 17 §7 in the program: a supervisor enters 2027's 放假安排 through 程序 → 节假日安排, typed key by key —
保存 stays off while the dialog lists what is wrong — and due dates count it at once; until then a due date
counted through 2027 is marked in red beside the verdict and noted on the receipt; from 1 November the
supervisor is reminded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from tests.acceptance.gui_driver import Person
from tests.acceptance.program import start_program
from tests.journal.test_intake import complete
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.checklist import MaterialState, evaluate
from yibao_desk.gui.cases_page import COLUMNS
from yibao_desk.gui.holidays_dialog import HolidaysDialog
from yibao_desk.gui.intake.verdict_panel import VerdictPanel
from yibao_desk.printing.case_info import CaseInfo
from yibao_desk.printing.documents import render_receipt

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SERVICE = "002036001001"  # 沅江 单位参保登记: 5 working days
LATE_DECEMBER = dt.date(2026, 12, 28)


def _all_present(catalog: Catalog) -> dict[str, MaterialState]:
    service = catalog.region("yuanjiang").service(SERVICE)
    full = MaterialState(received=True, original_checked=True, copies=9, stamped=True)
    return {m.id: full for m in service.materials}


def test_a_supervisor_enters_2027_through_the_menu_and_due_dates_count_it(
    person: Person, qtbot: QtBot, tmp_path: Path, catalog: Catalog, message_boxes: list[str]
) -> None:
    window = start_program(person, qtbot, "yuanjiang", tmp_path / "journal.sqlite3", catalog)
    calendar = window.ctx.service.calendar
    service = catalog.region("yuanjiang").service(SERVICE)
    before = evaluate(service, {}, _all_present(catalog), LATE_DECEMBER, calendar)
    assert before.due_date == dt.date(2027, 1, 4) and before.estimated_years == (2027,)  # 1 Jan counted as a workday
    svc = window.ctx.service  # a case accepted on 28 December, before 2027 is entered: its due date is estimated
    number, _ = svc.open_case("sup1", SERVICE, {"name": "李建国", "id_number": "430981198002290034"})
    assert svc.decide("sup1", number, {}, complete(svc, SERVICE, {}), LATE_DECEMBER).verdict.estimated_years == (2027,)
    window.cases.refresh()
    due = window.cases.model.index(0, [k for k, _t in COLUMNS].index("due_date"))
    assert due.data() == "2027-01-04" and due.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert "按周一至周五推算" in due.data(Qt.ItemDataRole.ToolTipRole)
    assert "2027年法定节假日安排尚未录入" in window.remind_holidays(dt.date(2026, 11, 1))
    assert window.remind_holidays(dt.date(2026, 10, 31)) == ""

    def enter(dialog: object) -> None:
        assert isinstance(dialog, HolidaysDialog)
        save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
        QTest.mouseClick(dialog.year, Qt.MouseButton.LeftButton)
        person.key(K.Key_A, CTRL, count=False)
        person.keys("2027", count=False)
        assert not save.isEnabled() and "至少一项" in dialog.note.text()
        dialog.table.setFocus()
        dialog.table.setCurrentCell(0, 1)  # 元旦, 放假开始
        person.key(K.Key_F2, count=False)  # edit the cell
        person.keys("2027-01-01", count=False)
        person.key(K.Key_Tab, count=False)
        person.keys("2027-01-03", count=False)
        person.key(K.Key_Return, count=False)
        dialog.table.setCurrentCell(1, 1)  # 春节
        person.key(K.Key_F2, count=False)
        person.keys("2027-02-05", count=False)
        person.key(K.Key_Tab, count=False)
        person.keys("2027-02-13", count=False)
        person.key(K.Key_Return, count=False)
        QTest.mouseClick(dialog.makeup, Qt.MouseButton.LeftButton)
        person.keys("2027-02-15", count=False)  # a Monday: not a make-up day
        assert not save.isEnabled() and "是星期一，本来就上班" in dialog.note.text()
        person.key(K.Key_Backspace, count=False)
        person.keys("4", count=False)
        assert save.isEnabled() and dialog.note.text() == "", dialog.data()
        QTest.mouseClick(save, Qt.MouseButton.LeftButton)

    person.expect(HolidaysDialog, enter, "holidays")
    person.menu(window, "程序", "节假日安排")
    person.wait_handled("holidays")
    qtbot.waitUntil(lambda: "已录入 2027 年节假日安排" in " ".join(message_boxes))
    person.stop()
    after = evaluate(service, {}, _all_present(catalog), LATE_DECEMBER, calendar)
    assert after.due_date == dt.date(2027, 1, 5) and after.estimated_years == ()
    assert calendar.is_working_day(dt.date(2027, 2, 14))
    assert window.remind_holidays(dt.date(2026, 11, 1)) == ""
    window.cases.refresh()  # the case accepted before stays as journaled: its date was estimated, and says so
    due = window.cases.model.index(0, [k for k, _t in COLUMNS].index("due_date"))
    assert due.data() == "2027-01-04" and due.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
    assert [y["year"] for y in window.ctx.service.holiday_years() if y["entered_here"]] == [2027]


def test_a_due_date_counted_through_an_unknown_year_is_marked_and_noted(
    qtbot: QtBot, catalog: Catalog, calendar: object
) -> None:
    from yibao_desk.domain.serialize import verdict_dict
    from yibao_desk.domain.working_days import Calendar

    assert isinstance(calendar, Calendar)
    service = catalog.region("yuanjiang").service(SERVICE)
    verdict = evaluate(service, {}, _all_present(catalog), LATE_DECEMBER, calendar)
    panel = VerdictPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.show_verdict(verdict, "")
    assert panel.estimate.isVisible() and "2027年节假日安排尚未录入" in panel.estimate.text()
    info = CaseInfo(
        "YJ-W01-20261228-0001",
        catalog.region("yuanjiang"),
        service,
        {"name": "李建国", "id_number": "430981198002290034"},
        dt.datetime(2026, 12, 28, 9, 0),
        "李收件",
        "一号窗口",
        verdict=verdict_dict(verdict),
    )
    pdf = render_receipt(info).pdf
    text = "".join(page.extract_text() for page in pypdf.PdfReader(__import__("io").BytesIO(pdf)).pages)
    assert "2027年法定节假日安排尚未公布录入" in text.replace("\n", "")
    within = evaluate(service, {}, _all_present(catalog), dt.date(2026, 12, 1), calendar)
    panel.show_verdict(within, "")
    assert not panel.estimate.isVisible()
