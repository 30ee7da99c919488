from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from yibao_desk.gui.context import AppContext
from yibao_desk.gui.sync_view import SyncController, SyncDialog, status_text
from yibao_desk.sync.state import local_status

APPLICANT = {"name": "王小明", "id_number": "430981198002290034", "phone": "13800138000"}


def test_status_is_green_only_when_everything_is_confirmed(ctx: AppContext) -> None:
    ctx.service.intake("c01", "432036011W01", {"applicant": APPLICANT, "materials": {}})
    status = local_status(ctx.service.journal)
    text, colour = status_text(status, target_set=False)
    assert f"{status.pending} 个事件待中心确认" in text and "未配置中心" in text and colour != "#1b5e20"
    from yibao_desk.sync.state import save_ack

    save_ack(ctx.service.journal, status.device, status.highest_seq)
    text, colour = status_text(local_status(ctx.service.journal), target_set=True)
    assert "已全部确认" in text and colour == "#1b5e20"


@pytest.mark.postgres
def test_background_sync_and_usb_export(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path, central_url: str, message_boxes: list[str]
) -> None:
    from yibao_desk.sync import central

    ctx.service.intake("c01", "432036011W01", {"applicant": APPLICANT, "materials": {}})
    reg = central.add_device(central_url, "W03")
    ctx.sign_in(ctx.service.login("sup1", "secret-sup"))
    ctx.service.change_setting("sup1", "sync_url", reg.url)
    controller = SyncController(ctx)
    dialog = SyncDialog(ctx, controller)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(controller.syncing, timeout=20_000, check_params_cb=lambda busy: busy is False):
        controller.sync_now(dialog)
    assert "已全部确认" in dialog.summary.text()
    ctx.service.intake("c01", "432036011W01", {"applicant": APPLICANT, "materials": {}})
    controller.refresh()
    assert "待中心确认" in dialog.summary.text()
    dialog.on_export(str(tmp_path / "usb" / "W03.bundle"))
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=20_000)
    assert "读回校验" in message_boxes[0] and (tmp_path / "usb" / "W03.bundle").exists()
