"""One place that turns errors into Chinese messages, and one handler for the unexpected (logs, apologises,
keeps the case in progress — drafts are journaled)."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QMessageBox, QWidget

from yibao_desk.settings_paths import data_dir

log = logging.getLogger("yibao_desk")

# Errors a person can cause or fix: their message is shown as it is.
_USER_ERRORS: tuple[str, ...] = (
    "JournalError",
    "IntakeError",
    "IntakeInputError",
    "AuthError",
    "StaffError",
    "PermissionDenied",
    "RecordError",
    "TemplateError",
    "CheckInputError",
    "CatalogError",
    "CalendarError",
    "SettingError",
    "CliError",
    "MailingError",
    "ArchiveError",
    "GatewayError",
    "SmsTemplateError",
    "AttachmentRefused",
)


def is_user_error(error: BaseException) -> bool:
    return type(error).__name__ in _USER_ERRORS


def log_file() -> Path:
    return data_dir() / "logs" / "yibao-desk.log"


def setup_logging() -> None:
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


def show_error(parent: QWidget | None, message: str, title: str = "无法完成操作") -> None:
    QMessageBox.warning(parent, title, message)


def show_info(parent: QWidget | None, message: str, title: str = "提示") -> None:
    QMessageBox.information(parent, title, message)


def ask(parent: QWidget | None, message: str, title: str = "请确认") -> bool:
    answer = QMessageBox.question(
        parent,
        title,
        message,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def report_error(parent: QWidget | None, error: BaseException, trace: str | None = None) -> None:
    if is_user_error(error):
        show_error(parent, str(error))
        return
    log.error("unexpected error: %s\n%s", error, trace or "".join(traceback.format_exception(error)))
    show_error(
        parent,
        "程序遇到了意外错误，已记录到日志文件：\n"
        f"{log_file()}\n\n正在办理的办件已自动保存为草稿，不会丢失。请将日志文件交给技术人员。\n\n"
        f"（{type(error).__name__}: {error}）",
        "抱歉，出现了意外错误",
    )


def install_excepthook() -> None:
    """An exception escaping a slot goes to the log and a polite dialog instead of vanishing."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        report_error(None, value, "".join(traceback.format_exception(kind, value, tb)))

    sys.excepthook = hook
