"""A day at each region's window, only through what a person can reach: keys, menu entries by their text, visible
buttons and the dialogs as they appear. From the first-run set-up to the printed receipt, then 办件: the case found
by a scanned case number, marked completed and handed over."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pypdf
import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QListWidget, QPushButton
from pytestqt.qtbot import QtBot

from tests.acceptance.cli import APPLICANT
from tests.acceptance.gui_driver import Person
from tests.acceptance.program import start_program
from tests.printing.pdfcheck import to_png
from yibao_desk.domain.catalog import Catalog, load_catalog
from yibao_desk.domain.search import search_services
from yibao_desk.gui.cases_page import COLUMNS as CASE_COLUMNS
from yibao_desk.gui.cases_page import HandoverDialog
from yibao_desk.gui.print_preview import PrintPreviewDialog
from yibao_desk.gui.rating_dialog import RatingDialog
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.models import Case, Event
from yibao_desk.printing.templates import printable_forms

REGIONS = sorted(load_catalog().regions)
SEARCH = "ydjy"  # 异地就医: the standard case of every region (异地安置退休人员备案 where the region has it)
K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def print_everything_to(person: Person, out: Path, titles: list[str], seen: dict[str, int]) -> None:
    """The preview lists every document; 全部打印 to the PDF printer of the print dialog; then 关闭."""

    def preview(dialog: object) -> None:
        assert isinstance(dialog, PrintPreviewDialog)
        seen["keys_to_preview"] = person.presses
        listed = dialog.findChild(QListWidget, "documentList")
        assert listed is not None
        assert [listed.item(i).text() for i in range(listed.count())] == titles
        person.click(dialog, "全部打印")

    def print_dialog(dialog: object) -> None:
        assert isinstance(dialog, QPrintDialog)
        name = dialog.findChild(QLineEdit, "filename")
        assert name is not None and name.isVisible(), "the print dialog offers no file to print to"
        QTest.mouseClick(name, Qt.MouseButton.LeftButton)  # into the file name, as a person clicks there
        person.qtbot.waitUntil(lambda: QApplication.focusWidget() is name)
        person.key(K.Key_A, CTRL, count=False)
        person.write(str(out))
        assert name.text() == str(out), name.text()
        box = dialog.findChild(QDialogButtonBox)
        assert box is not None
        ok = next(b for b in box.buttons() if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole)
        QTimer.singleShot(0, lambda: QTest.mouseClick(ok, Qt.MouseButton.LeftButton))

    def written(_dialog: object) -> bool:  # back in the preview once the print job has been written
        return out.is_file() and out.stat().st_size > 0

    person.expect(PrintPreviewDialog, preview, "preview")
    person.expect(QPrintDialog, print_dialog, "print-dialog")
    person.expect_ready(PrintPreviewDialog, written, lambda d: person.click(d, "关闭"), "preview-closed")


KEY_COUNTS = Path(__file__).parent.parent.parent / "bench" / "keys-to-preview.json"


def record_key_count(region: str, keys: int) -> None:
    """The bench reads the figure the acceptance run counted (bench/bench_gui.py)."""
    import os

    out = os.environ.get("YIBAO_KEY_COUNTS")
    if out:
        path = Path(out)
        counts = json.loads(path.read_text()) if path.is_file() else {}
        counts[region] = keys
        path.write_text(json.dumps(counts, ensure_ascii=False, indent=1))


def decoded(pdf: Path) -> list[str]:
    texts = []
    for i in range(len(pypdf.PdfReader(pdf).pages)):
        reader = pypdf.PdfReader(pdf)
        writer = pypdf.PdfWriter()
        writer.add_page(reader.pages[i])
        buf = io.BytesIO()
        writer.write(buf)
        image = Image.open(to_png(buf.getvalue(), dpi=150))
        texts += [r.text for r in zxingcpp.read_barcodes(image)]
    return texts


@pytest.mark.parametrize("region", REGIONS)
def test_a_day_at_the_window(
    region: str, tmp_path: Path, qtbot: QtBot, person: Person, catalog: Catalog, message_boxes: list[str]
) -> None:
    db = tmp_path / "journal.sqlite3"
    window = start_program(person, qtbot, region, db, catalog)

    standard = search_services(catalog.region(region), SEARCH)[0]
    forms = [f for f in standard.forms if f in printable_forms()]
    reg = catalog.region(region)
    titles = [reg.form_title(f, catalog.forms[f].title) for f in forms] + ["收件回执"]
    printed = tmp_path / "printed.pdf"
    seen: dict[str, int] = {}
    print_everything_to(person, printed, titles, seen)
    rating = reg.profile.rating  # 好差评 where the guide asks for it: after the verdict and after the hand-over
    if rating:
        person.expect(RatingDialog, lambda d: person.key(K.Key_5, count=False), "rating-verdict")

    # 收件: from an empty screen to the print preview (keys counted beyond the personal data)
    person.key(K.Key_F2)
    person.keys(SEARCH)
    person.key(K.Key_Return)
    person.key(K.Key_A)  # 全部齐全; the applicant's name takes the keys next
    person.write(APPLICANT["name"])
    person.key(K.Key_Tab)
    person.write(APPLICANT["id_number"])
    person.key(K.Key_Tab)
    person.write(APPLICANT["phone"])
    person.key(K.Key_Return, CTRL)
    person.wait_handled("preview-closed")
    if rating:
        person.wait_handled("rating-verdict")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    person.stop()
    keys = seen["keys_to_preview"]
    assert keys <= 10, f"{keys} key presses from an empty screen to the print preview"
    offered = window.intake.applicant.delivery.findData("mail") >= 0  # 邮寄 only where the guide offers it
    assert offered == reg.profile.mailing and window.intake.applicant.delivery.isEnabled() == offered
    record_key_count(region, keys)

    journal = open_journal(db)
    with journal.read() as s:
        (case,) = s.query(Case).all()
        assert case.service_code == standard.code and case.status == "accepted"
        printed_docs = [json.loads(e.payload)["document"] for e in s.query(Event).filter(Event.type == "case.printed")]
    assert printed_docs == [*forms, "receipt"]
    pages = len(pypdf.PdfReader(printed).pages)
    assert pages == len(titles)
    assert case.case_number in decoded(printed), "the receipt's codes on the printed paper name the case"

    # 办件: the case found by scanning its number, completed, handed over
    person.key(K.Key_2, Qt.KeyboardModifier.AltModifier, count=False)
    qtbot.waitUntil(lambda: window.tabs.currentIndex() == 1)
    person.keys(case.case_number, count=False)
    person.key(K.Key_Return, count=False)
    person.click(window.cases, "标记办结")
    qtbot.waitUntil(lambda: window.cases.selected() is not None and window.cases.selected()["status"] == "completed")

    def handover(d: object) -> None:
        assert isinstance(d, HandoverDialog)
        person.key(K.Key_Tab, count=False)
        person.write(APPLICANT["name"])
        person.key(K.Key_Return, count=False)

    def bad_rating(d: object) -> None:  # the applicant is not satisfied with the hand-over: 不满意, and why
        assert isinstance(d, RatingDialog)
        person.key(K.Key_2, count=False)
        assert d.submit.isVisible() and not d.submit.isEnabled() and "差评请选择所涉方面" in d.problem.text()
        person.key(K.Key_Down, count=False)
        person.key(K.Key_Down, count=False)  # 办事流程
        person.key(K.Key_Tab, count=False)
        person.write("领取时等候太久")
        person.key(K.Key_Return, count=False)

    person.expect(HandoverDialog, handover, "handover")
    if rating:
        person.expect(RatingDialog, bad_rating, "rating-handover")
    person.click(window.cases, "交付结果")
    person.wait_handled("handover")
    qtbot.waitUntil(lambda: "已记录交付" in message_boxes)
    if rating:
        person.wait_handled("rating-handover")
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    person.stop()
    with journal.read() as s:
        assert s.get(Case, case.case_number).status == "delivered"
        given = json.loads(s.get(Case, case.case_number).ratings_json)
    if rating:
        assert [(r["level"], r["moment"], r.get("aspect"), r.get("reason")) for r in given] == [
            (5, "verdict", None, None),
            (2, "handover", "办事流程", "领取时等候太久"),
        ]
        shown = window.cases.model.index(0, [k for k, _t in CASE_COLUMNS].index("ratings_json"))
        assert shown.data() == "不满意" and shown.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#b00020"
        assert not person.button(window.cases, "服务评价").isEnabled()  # both moments rated
    else:
        assert given == [] and not any(b.isVisible() for b in window.cases.findChildren(QPushButton, "case_rate"))

    # 重打文书 from the 办件 page: the same documents again
    again: list[str] = []

    def reprint(d: object) -> None:
        assert isinstance(d, PrintPreviewDialog)
        listed = d.findChild(QListWidget, "documentList")
        assert listed is not None
        again.extend(listed.item(i).text() for i in range(listed.count()))
        person.click(d, "关闭")

    person.expect(PrintPreviewDialog, reprint, "reprint")
    person.click(window.cases, "重打文书")
    person.wait_handled("reprint")
    person.stop()
    assert again == titles
    journal.close()
    window.close()
