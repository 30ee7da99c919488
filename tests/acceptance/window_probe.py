"""Run as `python -m tests.acceptance.window_probe DB [--resize W H]` under an offscreen screen of a given size
(QT_QPA_PLATFORM=offscreen:configfile=…): opens the counter's main window, a print preview and the form filler
(F6) as the program does (the window sizes remembered in YIBAO_DESK_HOME), prints where they stand as JSON,
optionally resizes the window and the preview, and closes them all as the clerk does (关闭, 退出)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QPushButton, QWidget


def _rect(r: QRect) -> list[int]:
    return [r.x(), r.y(), r.width(), r.height()]


def _global(w: QWidget) -> list[int]:
    top_left = w.mapToGlobal(QPoint(0, 0))
    return [top_left.x(), top_left.y(), w.width(), w.height()]


def main(argv: list[str]) -> int:
    from yibao_desk.domain.catalog import default_catalog
    from yibao_desk.domain.working_days import load_calendar
    from yibao_desk.gui.app import make_app
    from yibao_desk.gui.context import AppContext
    from yibao_desk.gui.main_window import MainWindow
    from yibao_desk.gui.print_preview import PrintJob, PrintPreviewDialog
    from yibao_desk.journal.db import open_journal
    from yibao_desk.journal.intake import IntakeService
    from yibao_desk.printing.official import render_official

    db = Path(argv[0])
    make_app([])
    catalog = default_catalog()
    fresh = not db.exists()
    service = IntakeService(open_journal(db), catalog, load_calendar())
    if fresh:
        service.setup_device("W01", "yuanjiang", "一号窗口")
        service.add_staff(None, "sup1", "张主管", "supervisor", "secret-sup")
    ctx = AppContext(service)
    ctx.sign_in(service.login("sup1", "secret-sup"))
    window = MainWindow(ctx)
    window.show()
    pdf = render_official(catalog, "yuanjiang", "remote-care", {}, mode="blank").pdf
    preview = PrintPreviewDialog([PrintJob("remote-care", "异地就医备案表", pdf, [])], lambda *_: None, window)
    preview.show()
    from yibao_desk.gui.form_filler import FormFillerDialog

    filler = FormFillerDialog(ctx, "account-withdraw", "yuanjiang", {}, None, window)  # the longest table
    filler.show()
    QApplication.processEvents()
    screen = window.screen()
    buttons = {b.text(): _global(b) for b in preview.findChildren(QPushButton)}
    filler_buttons = {b.text(): _global(b) for b in filler.findChildren(QPushButton) if b.isVisible()}
    print(
        json.dumps(
            {
                "screen": _rect(screen.availableGeometry()),
                "main": _rect(window.geometry()),
                "main_minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
                "preview": _rect(preview.geometry()),
                "buttons": buttons,
                "filler": _rect(filler.geometry()),
                "filler_buttons": filler_buttons,
            },
            ensure_ascii=False,
        )
    )
    if "--resize" in argv:
        w, h = (int(v) for v in argv[argv.index("--resize") + 1 :][:2])
        preview.resize(w - 200, h - 100)
        window.resize(w, h)
        QApplication.processEvents()
    next(b for b in filler.findChildren(QPushButton) if b.text() == "关闭").click()
    next(b for b in preview.findChildren(QPushButton) if b.text() == "关闭").click()
    window.close()
    service.journal.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
