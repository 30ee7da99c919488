"""The 短信发件箱 dialog and the sender behind it: found in review — closing the dialog while its 立即发送 was still
with the gateway left the sender marked busy for the rest of the day, so nothing more was sent."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.journal.test_intake import CLAIM, complete
from tests.sms.gateway_server import running_gateway
from yibao_desk.gui.context import AppContext
from yibao_desk.gui.sms_view import SmsController, SmsDialog

APPLICANT = {"name": "王小明", "id_number": "430981198002290034", "phone": "13800138000"}


def _accepted(ctx: AppContext) -> str:
    svc = ctx.service
    number, _ = svc.open_case("c01", CLAIM, APPLICANT, answers={"maternity": "否"})
    svc.decide("c01", number, {"maternity": "否"}, complete(svc, CLAIM, {"maternity": "否"}))
    return number


def test_closing_the_outbox_while_it_sends_does_not_stop_the_sender(
    ctx: AppContext, qtbot: QtBot, message_boxes: list[str]
) -> None:
    _accepted(ctx)
    with running_gateway() as gw:
        ctx.service.change_setting("sup1", "sms_gateway", "http")
        ctx.service.change_setting("sup1", "sms_gateway_url", f"{gw.url}/send")
        controller = SmsController(ctx)
        dialog = SmsDialog(ctx, controller)
        dialog.show()
        assert dialog.send.isEnabled()
        gw.hold = threading.Event()
        dialog.send.click()
        qtbot.waitUntil(lambda: len(gw.received) == 1)
        assert controller.running
        dialog.close()
        dialog.deleteLater()
        QApplication.processEvents()
        gw.hold.set()
        qtbot.waitUntil(lambda: not controller.running, timeout=10_000)
        assert [n.state for n in ctx.service.sms_outbox()] == ["sent"]
        _accepted(ctx)  # the next notice still goes
        controller.send_now()
        qtbot.waitUntil(lambda: len(gw.received) == 2, timeout=10_000)
        qtbot.waitUntil(lambda: not controller.running, timeout=10_000)
        assert [n.state for n in ctx.service.sms_outbox()] == ["sent", "sent"]
