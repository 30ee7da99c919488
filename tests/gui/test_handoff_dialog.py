"""程序 → 纸质材料移交清单: the day's papers for the chosen 承办部门, the list in the preview (printing it journaled),
确认签收 with the 接收人; the case detail then says where its papers are; the 承办部门 is chosen at intake."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from tests.journal.test_intake import CLAIM, complete
from yibao_desk.gui.cases_page import CasesPage
from yibao_desk.gui.context import AppContext
from yibao_desk.gui.handoff_dialog import HandoffDialog
from yibao_desk.gui.intake.applicant_panel import ApplicantPanel
from yibao_desk.gui.print_preview import PrintPreviewDialog

APPLICANT = {"name": "王小明", "id_number": "430981198002290034", "phone": "13800138000"}
HESHAN = "赫山区医疗保障事务中心"


def _accepted(ctx: AppContext, department: str) -> str:
    svc = ctx.service
    number, _ = svc.open_case("c01", CLAIM, APPLICANT, answers={"maternity": "否"}, department=department)
    svc.decide("c01", number, {"maternity": "否"}, complete(svc, CLAIM, {"maternity": "否"}))
    return number


def test_the_list_its_preview_and_the_receipt(ctx: AppContext, qtbot: QtBot, message_boxes: list[str]) -> None:
    number = _accepted(ctx, HESHAN)
    dialog = HandoffDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.department.setCurrentIndex(dialog.department.findData(HESHAN))
    assert dialog.model.rowCount() == 1 and dialog.model.index(0, 1).data() == number
    assert "1 件" in dialog.summary.text() and dialog.confirm.isEnabled()
    previews: list[PrintPreviewDialog] = []
    texts: list[str] = []

    def seen(p: object) -> None:
        assert isinstance(p, PrintPreviewDialog)
        QTimer.singleShot(0, p.reject)  # once its own loop runs (first: a failed check must not leave it open)
        previews.append(p)
        reader = PdfReader(io.BytesIO(p.jobs[0].pdf))
        texts.append("".join("".join((pg.extract_text() or "").split()) for pg in reader.pages))
        p.record(p.jobs[0], 1, "HP")  # what 打印 does once the printer took it

    dialog.previewReady.connect(seen)
    dialog.on_preview()
    qtbot.waitUntil(lambda: bool(previews), timeout=20_000)
    assert number in texts[0] and HESHAN in texts[0]
    assert "待承办部门签收" in ctx.service.paper_place(number)
    dialog.on_confirm("刘接收")
    assert any("刘接收" in m for m in message_boxes)
    page = CasesPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    page.table.selectRow(0)
    assert "移交赫山区医疗保障事务中心（接收人：刘接收）" in page.detail.toPlainText()


def test_the_department_at_intake(ctx: AppContext, qtbot: QtBot) -> None:
    panel = ApplicantPanel()
    qtbot.addWidget(panel)
    panel.set_departments(tuple(ctx.region.profile.handoff_departments))
    assert panel.department.count() == 10 and "department" not in panel.data()
    panel.set_department(HESHAN)
    assert panel.data()["department"] == HESHAN
    panel.clear()
    assert "department" not in panel.data()
