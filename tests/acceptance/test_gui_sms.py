"""Issue 17 §3 in the program: at 益阳跨域 (seed 000 §八（四）3) an accepted case puts 已收件 in the outbox and the
status bar says so; 程序 → 短信发件箱 (Ctrl+Shift+M) lists it with its text, Ctrl+M marks it sent by hand; with the
HTTP gateway set, the completion's 已办结可领取 is sent in the background to a local gateway and the status bar
clears."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.acceptance.cli import APPLICANT
from tests.acceptance.gui_driver import Person
from tests.acceptance.program import start_program, try_remote_care_intake
from tests.sms.gateway_server import running_gateway
from yibao_desk.domain.catalog import Catalog
from yibao_desk.gui.print_preview import PrintPreviewDialog
from yibao_desk.gui.rating_dialog import RatingDialog
from yibao_desk.gui.sms_view import SmsDialog

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def test_the_outbox_at_the_counter(person: Person, qtbot: QtBot, tmp_path: Path, catalog: Catalog) -> None:
    window = start_program(person, qtbot, "yiyang-kuayu", tmp_path / "journal.sqlite3", catalog)
    sms_label = window.status_labels["sms"]
    assert sms_label.text() == ""
    person.expect(PrintPreviewDialog, lambda d: person.click(d, "关闭"), "preview")
    person.expect(RatingDialog, lambda d: person.key(K.Key_5, count=False), "rating")
    try_remote_care_intake(person, APPLICANT)
    person.wait_handled("preview")
    person.wait_handled("rating")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    person.stop()
    qtbot.waitUntil(lambda: "短信：1 条待发（手工）" in (sms_label.toolTip() + sms_label.text()))
    (notice,) = window.ctx.service.sms_outbox()
    seen: list[str] = []

    def outbox(d: object) -> None:
        assert isinstance(d, SmsDialog)
        assert d.model.rowCount() == 1 and "手工发送" in d.summary.text()
        assert [d.model.index(0, c).data() for c in (1, 2, 3, 4)] == [
            notice.case_number, "已收件", APPLICANT["phone"], "待发送"
        ]  # fmt: skip
        assert d.model.index(0, 5).data() == notice.text and not d.send.isEnabled()
        person.key(K.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier, count=False)
        # a button's key animates the click: it lands a moment later
        qtbot.waitUntil(lambda: QApplication.clipboard().text() == f"{APPLICANT['phone']}\n{notice.text}")
        person.key(K.Key_M, CTRL, count=False)
        qtbot.waitUntil(lambda: d.model.index(0, 4).data() != "待发送")
        seen.append(str(d.model.index(0, 4).data()))
        assert not d.mark.isEnabled()
        person.key(K.Key_Escape, count=False)

    person.expect(SmsDialog, outbox, "outbox")
    person.key(K.Key_M, CTRL | Qt.KeyboardModifier.ShiftModifier, count=False)
    person.wait_handled("outbox")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    person.stop()
    assert seen == ["已发送（手工）"]
    qtbot.waitUntil(lambda: sms_label.text() == "")

    with running_gateway() as gw:
        svc = window.ctx.service
        svc.change_setting("sup1", "sms_gateway", "http")
        svc.change_setting("sup1", "sms_gateway_url", f"{gw.url}/send")
        window.ctx.settingsChanged.emit()
        # 办件: 标记办结 → 已办结可领取 goes out in the background
        person.key(K.Key_2, Qt.KeyboardModifier.AltModifier, count=False)
        qtbot.waitUntil(lambda: window.tabs.currentIndex() == 1)
        person.keys(notice.case_number, count=False)
        person.key(K.Key_Return, count=False)
        person.click(window.cases, "标记办结")
        qtbot.waitUntil(lambda: len(gw.received) == 1, timeout=20_000)
        assert gw.received[0]["body"]["mobile"] == APPLICANT["phone"]
        assert "已办结" in gw.received[0]["body"]["content"]
        qtbot.waitUntil(lambda: [n.state for n in svc.sms_outbox()] == ["sent", "sent"], timeout=10_000)
        qtbot.waitUntil(lambda: sms_label.text() == "")
    window.close()
