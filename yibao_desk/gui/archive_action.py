"""归档 from the 办件 page: the selected case (completed and handed over) gets its 档案号 and its case file in the
archive folder (设置 → 归档文件夹), made in the background; the clerk is told the number, the pages and the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from yibao_desk.gui.context import AppContext
from yibao_desk.gui.messages import report_error, show_info
from yibao_desk.gui.ops import run_in_background
from yibao_desk.settings_paths import data_dir


def archive_folder(ctx: AppContext) -> Path:
    chosen = str(ctx.service.settings().get("archive_folder") or "").strip()
    return Path(chosen).expanduser() if chosen else data_dir() / "archive"


def archive_case(ctx: AppContext, case_number: str, parent: QWidget) -> None:
    from yibao_desk.archive.export import archive_one

    staff = ctx.require_actor().staff_id
    folder = archive_folder(ctx)
    svc = ctx.service

    def done(result: dict[str, Any]) -> None:
        ctx.casesChanged.emit()
        said = f"已归档 {case_number}：档案号 {result['number']}，案卷 {result['pages']} 页\n{result['path']}"
        if result["warnings"]:
            said += "\n" + "；".join(result["warnings"])
        show_info(parent, said)

    def failed(error: Exception) -> None:
        ctx.casesChanged.emit()
        report_error(parent, error)

    run_in_background(parent, lambda: archive_one(svc, staff, case_number, folder), done, failed, label="正在生成案卷…")
