"""The official table as a form: pre-filled from the applicant, checked field by field, printed and journaled."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from tests.printing.pdfcheck import text
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.gui.context import AppContext
from yibao_desk.gui.form_filler import FormFillerDialog
from yibao_desk.gui.intake.intake_page import IntakePage
from yibao_desk.gui.print_preview import PrintPreviewDialog
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.intake import IntakeService


@pytest.fixture
def yj(tmp_path: Path, catalog: Catalog, calendar: Calendar, qapp) -> AppContext:  # type: ignore[no-untyped-def]
    svc = IntakeService(open_journal(tmp_path / "yj.sqlite3"), catalog, calendar)
    svc.setup_device("W05", "yuanjiang", "医保服务专区 5 号窗口")
    svc.add_staff(None, "c01", "李收件", "supervisor", "secret-c01")
    ctx = AppContext(svc)
    ctx.sign_in(svc.login("c01", "secret-c01"))
    return ctx


def test_fill_check_and_print_the_remote_care_table(yj: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    page = IntakePage(yj)
    qtbot.addWidget(page)
    page.new_case()
    page.picker.search.setText("002036004001")  # 异地安置退休人员备案 → 异地就医登记备案表
    page.picker.choose_current()
    assert page.fill_button.isEnabled()
    a = page.applicant.applicant
    a.name.setText("王小明")
    a.id_number.setText("430981198002290034")
    a.phone.setText("13800138000")
    saved: list[Path] = []
    seen: list[FormFillerDialog] = []
    checks: list[bool] = []
    refusal: list[str] = []

    def on_filler(dialog: FormFillerDialog) -> None:
        seen.append(dialog)

        def preview(p: PrintPreviewDialog) -> None:
            def save() -> None:
                path = tmp_path / "remote-care.pdf"
                p.save_to(p.jobs[0], path)
                saved.append(path)
                p.accept()

            QTimer.singleShot(0, save)

        dialog.previewOpened = preview  # type: ignore[method-assign]

        def work() -> None:
            try:
                name = dialog.editors["name"]
                checks.append(isinstance(name, QLineEdit) and name.text() == "王小明")  # pre-filled
                phone = dialog.editors["phone1"]
                assert isinstance(phone, QLineEdit)
                phone.setText("12345")
                dialog.on_print("normal")
                refusal.append(dialog.notes["phone1"].text())  # refused, the field named
                checks.append(not saved)
                phone.setText("13800138000")
                for field, option in (("person_category", "异地安置退休人员"), ("registration_type", "新增")):
                    box = dialog.editors[field]
                    assert isinstance(box, QComboBox)
                    box.setCurrentText(option)
                dialog.on_print("normal")
            finally:
                dialog.accept()

        QTimer.singleShot(0, work)

    page.formFillerOpened.connect(on_filler)
    page.on_fill_form()
    assert seen and checks == [True, True] and saved, (checks, refusal)
    assert "无效" in refusal[0]
    content = text(saved[0].read_bytes())
    assert "沅江市异地就医登记备案表" in content and "王小明" in content and "430981198002290034" in content
    events = yj.service.case_events(page.case_number or "")
    assert events[-1]["type"] == "case.printed" and "remote-care" in events[-1]["payload"]
