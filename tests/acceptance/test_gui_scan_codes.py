"""Issue 18 §3: a barcode gun in keyboard mode types the receipt's QR (the case number) and Enter into the intake's
ID field: a case waiting for supplements opens to be continued; an accepted one opens on the 办件 page; a code
that is no ID number (a 医保电子凭证) is said, not taken as a number."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.acceptance.cli import APPLICANT
from tests.acceptance.gui_driver import Person
from tests.acceptance.program import decide_and_close, start_program, type_applicant
from yibao_desk.domain.catalog import Catalog

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def _scan_into_id_field(person: Person, code: str) -> None:
    person.key(K.Key_F3, count=False)
    person.key(K.Key_Tab, count=False)
    person.keys(code, count=False)
    person.key(K.Key_Return, count=False)


def test_a_scanned_receipt_opens_its_case(person: Person, qtbot: QtBot, tmp_path: Path, catalog: Catalog) -> None:
    window = start_program(person, qtbot, "yiyang-kuayu", tmp_path / "journal.sqlite3", catalog)
    intake = window.intake
    person.key(K.Key_F2, count=False)
    person.keys("ydjy", count=False)
    person.key(K.Key_Return, count=False)  # nothing ticked: 需补正
    person.key(K.Key_F3, count=False)
    type_applicant(person, APPLICANT)
    decide_and_close(person, qtbot, K.Key_B)
    (case,) = window.ctx.service.cases()
    number = case["case_number"]
    assert case["status"] == "supplement"

    person.key(K.Key_N, CTRL, count=False)
    _scan_into_id_field(person, number.lower())  # as a scanner with caps lock off types it
    qtbot.waitUntil(lambda: intake.case_number == number)
    assert intake.applicant.applicant.name.text() == APPLICANT["name"]
    assert "已打开办件" in window.statusBar().currentMessage()

    person.key(K.Key_N, CTRL, count=False)
    _scan_into_id_field(person, "2" * 28 + "ABCDEF")  # a 医保电子凭证's code
    qtbot.waitUntil(lambda: "医保电子凭证的二维码需经国家医保信息平台核验" in window.statusBar().currentMessage())
    assert intake.applicant.applicant.id_number.text() == "" and intake.case_number is None
