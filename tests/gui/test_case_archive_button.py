"""归档 on the 办件 page: offered for a case completed and handed over (with the reason where it is not), the case
file made in the background into 设置 → 归档文件夹, the clerk told the 档案号; then the button says it is done."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from tests.gui.test_sms_dialog import _accepted
from yibao_desk.gui.cases_page import CasesPage
from yibao_desk.gui.context import AppContext


def test_the_archive_button(ctx: AppContext, qtbot: QtBot, tmp_path: Path, message_boxes: list[str]) -> None:
    svc = ctx.service
    number = _accepted(ctx)
    svc.change_setting("sup1", "archive_folder", str(tmp_path))
    page = CasesPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.search.setText(number)
    QTest.keyClick(page.search, Qt.Key.Key_Return)
    button = page.buttons["archive"]
    assert not button.isEnabled() and "需为：已交付" in button.toolTip()
    svc.complete("c01", number)
    svc.hand_over("c01", number, "id-or-receipt", {"collector": "王小明"})
    page.refresh()
    assert button.isEnabled()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("已归档" in m for m in message_boxes), timeout=30_000)
    said = next(m for m in message_boxes if "已归档" in m)
    found = re.search(r"YYK-DA\d{4}-W03-00001", said)  # this year's first on this PC
    assert found is not None, said
    archived = found.group(0)
    assert f"档案号 {archived}" in said and str(tmp_path) in said
    assert (tmp_path / f"{archived}.pdf").is_file()
    qtbot.waitUntil(lambda: not button.isEnabled())
    assert button.toolTip() == f"已归档（{archived}）"
    assert f"已归档（{archived}）" in page.detail.toPlainText()
