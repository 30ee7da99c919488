"""Windows that fit the screen they are on and keep the size the clerk gave them.

`fit(window, key, preferred)` when a window opens: the size it had when it was last closed on this PC (from
`gui-windows.ini` in the data folder, read through QSettings), if that still fits the screen; else the preferred
size, shrunk to the screen's available area (a 1920×1080 screen at 150 % offers 1280×~680). The window is kept
on that screen. `remember(window, key)` when it closes (a dialog remembers by itself). Window sizes are this PC's,
not the office's: they are not in the journal's settings."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QDialog, QWidget

from yibao_desk.settings_paths import data_dir

FILE = "gui-windows.ini"
DECORATION = QSize(16, 40)  # a title bar and two borders, in device-independent pixels


def _store() -> QSettings:
    return QSettings(str(data_dir() / FILE), QSettings.Format.IniFormat)


def _screen(window: QWidget) -> QScreen | None:
    parent = window.parentWidget()
    anchor = parent.window() if parent is not None else window
    return anchor.screen() or QGuiApplication.primaryScreen()


def _fits(rect: QRect, area: QRect) -> bool:
    return rect.width() <= area.width() and rect.height() <= area.height()


def fit(window: QWidget, key: str, preferred: QSize) -> None:
    """A dialog is remembered when it finishes; a main window calls `remember` from its closeEvent."""
    if isinstance(window, QDialog):
        window.finished.connect(lambda _result: remember(window, key))
    screen = _screen(window)
    area = screen.availableGeometry() if screen is not None else QRect(0, 0, preferred.width(), preferred.height())
    saved = _store().value(f"{key}/geometry")
    if isinstance(saved, QByteArray) and window.restoreGeometry(saved) and _fits(window.geometry(), area):
        if not area.contains(window.geometry().topLeft()):  # saved on a screen no longer there
            window.move(area.topLeft())
        return
    frame = window.frameGeometry().size() - window.geometry().size()  # title bar and borders, once shown
    if frame.isEmpty():  # not known before the window is first shown: leave room for a title bar and borders
        frame = DECORATION
    size = QSize(
        min(preferred.width(), area.width() - frame.width()), min(preferred.height(), area.height() - frame.height())
    )
    window.resize(size)
    window.move(
        area.x() + (area.width() - size.width() - frame.width()) // 2,
        area.y() + (area.height() - size.height() - frame.height()) // 2,
    )


def remember(window: QWidget, key: str) -> None:
    store = _store()
    store.setValue(f"{key}/geometry", window.saveGeometry())
    store.sync()
