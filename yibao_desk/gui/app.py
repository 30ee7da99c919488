"""Start the counter program: open the journal, first-run set-up, login, main window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from yibao_desk.domain.paths import project_root


def _cjk_font() -> QFont | None:
    for family in (
        "Microsoft YaHei",
        "SimSun",
        "Noto Sans CJK SC",
        "WenQuanYi Zen Hei",
        "WenQuanYi Micro Hei",
        "AR PL UMing CN",
    ):
        if family in QFontDatabase.families():
            return QFont(family)
    return None


def chinese_translator(parent: QObject | None = None) -> QTranslator | None:
    """qtbase_zh_CN from Qt's translations folder (in a frozen bundle: the one PyInstaller collected), or None."""
    translator = QTranslator(parent)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder):
        return None
    return translator


def install_translations(app: QApplication) -> bool:
    """Qt's own words in Chinese (确定 / 取消 in every button box and input dialog): PySide6 ships qtbase_zh_CN.
    Returns whether they were found; without them the buttons stay in English, nothing else changes."""
    if getattr(app, "_zh_translator", None) is not None:
        return True
    translator = chinese_translator(app)
    if translator is None:
        return False
    app.installTranslator(translator)
    app._zh_translator = translator  # type: ignore[attr-defined]  # kept alive with the application
    return True


def make_app(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("yibao-desk")
    app.setApplicationDisplayName("医保窗口桌面")
    install_translations(app)
    font = _cjk_font()
    if font is not None:
        font.setPointSize(10)
        app.setFont(font)
    qss = project_root() / "ui" / "style.qss"
    if qss.is_file():
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    icon = project_root() / "resources" / "icons" / "yibao-desk.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    from yibao_desk.gui.gc_guard import collect_on_gui_thread

    collect_on_gui_thread(app)
    return app


def open_program(db: str | None = None) -> tuple[Any, int]:
    """Everything up to the main window on screen: journal, first-run set-up, login, daily backup. Returns the
    window (or None and the exit code when the program ends before it: journal unusable, set-up or login left)."""
    from yibao_desk.gui.login import LoginDialog

    make_app(sys.argv)
    from yibao_desk.domain.paths import DataMissing, require_data

    try:
        require_data()
    except DataMissing as e:
        QMessageBox.critical(None, "安装不完整", str(e))
        return None, 3
    # Show the login window first: importing the journal and catalog layers is most of the start-up time.
    login = LoginDialog(None)
    login.show()
    QApplication.processEvents()

    from yibao_desk.domain.catalog import default_catalog
    from yibao_desk.domain.working_days import load_calendar
    from yibao_desk.gui.context import AppContext
    from yibao_desk.gui.first_run import FirstRunDialog
    from yibao_desk.gui.main_window import MainWindow
    from yibao_desk.gui.messages import install_excepthook, setup_logging
    from yibao_desk.journal.backup import daily_backup
    from yibao_desk.journal.db import JournalError, open_journal, resolve_db_path
    from yibao_desk.journal.intake import IntakeService
    from yibao_desk.settings_paths import data_dir, user_holidays_dir

    setup_logging()
    install_excepthook()
    from yibao_desk import version
    from yibao_desk.gui.messages import log

    log.info("程序启动：版本 %s，数据文件 %s", version(), project_root())
    try:
        journal = open_journal(resolve_db_path(db))
    except JournalError as e:
        login.hide()
        QMessageBox.critical(None, "无法打开办件日志", str(e))
        return None, 2
    for warning in journal.warnings:
        QMessageBox.warning(login, "办件日志位置不安全", warning)
    service = IntakeService(journal, default_catalog(), load_calendar([user_holidays_dir()]))
    needs_setup = service.device() is None or not service.has_supervisor()
    if needs_setup:
        login.hide()
        log.info("显示首次设置窗口")
        if FirstRunDialog(service).exec() != QDialog.DialogCode.Accepted:
            return None, 0
    ctx = AppContext(service)
    login.set_context(ctx)
    log.info("显示登录窗口")
    if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
        return None, 0
    ctx.sign_in(login.actor)
    settings = service.settings()
    folder = Path(settings["backup_folder"]) if settings.get("backup_folder") else data_dir() / "backups"
    try:
        daily_backup(journal.path, folder, keep=int(settings.get("backup_keep_days", 14)))
    except JournalError as e:
        QMessageBox.warning(None, "每日备份失败", str(e))
    window = MainWindow(ctx)
    window.show()
    window.start()
    return window, 0


def run(db: str | None = None) -> int:
    window, code = open_program(db)
    if window is None:
        return code
    return QApplication.instance().exec()  # type: ignore[union-attr]
