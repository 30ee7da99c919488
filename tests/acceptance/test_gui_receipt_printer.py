"""Issue 18 §2 in the program: with 设置 → 小票打印机 naming a network ESC/POS printer (a local TCP server here),
the print preview of an accepted case offers 打印小票 (Ctrl+T), which sends the receipt natively — GB18030 text,
the printer's Code 128 and QR commands carrying the case number, the cut — and journals the print."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.acceptance.cli import APPLICANT
from tests.acceptance.gui_driver import Person
from tests.acceptance.program import start_program, type_remote_care
from tests.devices.tcp_printer import TcpPrinter, tcp_printer
from yibao_desk.domain.catalog import Catalog
from yibao_desk.gui.print_preview import PrintPreviewDialog
from yibao_desk.gui.rating_dialog import RatingDialog

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_t_prints_the_receipt_on_the_escpos_printer(
    person: Person, qtbot: QtBot, tmp_path: Path, catalog: Catalog
) -> None:
    with tcp_printer() as printer:
        _print_receipt(person, qtbot, tmp_path, catalog, printer)


def _print_receipt(person: Person, qtbot: QtBot, tmp_path: Path, catalog: Catalog, printer: TcpPrinter) -> None:
    window = start_program(person, qtbot, "yiyang-kuayu", tmp_path / "journal.sqlite3", catalog)
    svc = window.ctx.service
    svc.change_setting("sup1", "receipt_printer", "network")
    svc.change_setting("sup1", "receipt_printer_address", printer.address)
    window.ctx.settingsChanged.emit()
    seen: list[str] = []

    def preview(dialog: object) -> None:
        assert isinstance(dialog, PrintPreviewDialog)
        assert dialog.receipt_button.isVisible()
        person.key(K.Key_T, CTRL, count=False)
        qtbot.waitUntil(lambda: len(svc.case_events(number_of())) > 0 and printed(), timeout=10_000)
        seen.append("printed")
        person.click(dialog, "关闭")

    def number_of() -> str:
        return str(svc.cases()[0]["case_number"])

    def printed() -> bool:
        return any(
            e["type"] == "case.printed" and "ESC/POS:network" in e["payload"] for e in svc.case_events(number_of())
        )

    type_remote_care(person, APPLICANT)
    person.expect(PrintPreviewDialog, preview, "preview")
    person.expect(RatingDialog, lambda d: person.key(K.Key_5, count=False), "rating")
    person.key(K.Key_Return, CTRL, count=False)
    person.wait_handled("preview")
    person.wait_handled("rating")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    person.stop()
    number = number_of()
    data = printer.wait()
    assert seen == ["printed"]
    assert "收件回执".encode("gb18030") in data and APPLICANT["name"].encode("gb18030") in data
    assert b"{B" + number.encode() in data and b"1P0" + number.encode() in data and b"\x1dV" in data
    event = next(e for e in svc.case_events(number) if e["type"] == "case.printed" and "ESC/POS" in e["payload"])
    assert json.loads(event["payload"])["document"] == "receipt"
