from __future__ import annotations

from pathlib import Path

import openpyxl
from pytestqt.qtbot import QtBot

from yibao_desk.gui.context import AppContext
from yibao_desk.gui.ledger_dialog import LedgerDialog

APPLICANT = {"name": "王小明", "id_number": "430981198002290034", "phone": "13800138000"}


def test_export_runs_in_the_background_and_reports(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    for _ in range(3):
        ctx.service.intake("c01", "432036011W01", {"applicant": APPLICANT, "materials": {}})
    dialog = LedgerDialog(ctx)
    qtbot.addWidget(dialog)
    assert not dialog.full_id.isEnabled()  # a clerk cannot ask for full ID numbers
    dialog.path.setText(str(tmp_path / "台账.xlsx"))
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as done:
        dialog.on_export()
    assert done.args[0].endswith("台账.xlsx")
    assert "3 个办件" in dialog.message.text() and dialog.open_folder.isEnabled()
    assert dialog.progress.value() == dialog.progress.maximum()
    rows = list(openpyxl.load_workbook(tmp_path / "台账.xlsx")["台账明细"].iter_rows(values_only=True))
    assert len(rows) == 5 and rows[2][7] == "430981********0034"


def test_supervisor_full_ids_need_the_password(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path, message_boxes: list[str]
) -> None:
    shown = message_boxes
    ctx.service.intake("c01", "432036011W01", {"applicant": APPLICANT, "materials": {}})
    ctx.sign_in(ctx.service.login("sup1", "secret-sup"))
    dialog = LedgerDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.full_id.setChecked(True)
    dialog.path.setText(str(tmp_path / "full.xlsx"))
    dialog.on_export(password="wrong")
    assert not (tmp_path / "full.xlsx").exists() and "密码错误" in shown[0]
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.on_export(password="secret-sup")
    rows = list(openpyxl.load_workbook(tmp_path / "full.xlsx")["台账明细"].iter_rows(values_only=True))
    assert rows[2][7] == "430981198002290034"
