"""The one door for long work: run a function on a worker thread, hand the result or error back on the GUI thread.

Like Anki's CollectionOp/QueryOp and Electrum's WaitingDialog: rendering, printing, exports and sync all go
through `run_in_background`, so the window never freezes and every error is reported the same way.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(object, str)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn, self.signals = fn, signals

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as e:  # handed to the GUI thread, never lost
            self.signals.failed.emit(e, traceback.format_exc())
            return
        self.signals.finished.emit(result)


_alive: set[_Signals] = set()


def run_in_background(
    parent: QWidget | None,
    fn: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_error: Callable[[Exception], None] | None = None,
    label: str | None = None,
) -> None:
    """Run `fn()` on the thread pool; `on_success(result)` or `on_error(exc)` run on the GUI thread.

    With `label`, a modal progress dialog shows while it runs (after a short delay, so quick work does not flash).
    """
    signals = _Signals()
    _alive.add(signals)
    progress: QProgressDialog | None = None
    if label and parent is not None:
        progress = QProgressDialog(label, "", 0, 0, parent)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setWindowTitle("请稍候")

    def done() -> None:
        _alive.discard(signals)
        signals.deleteLater()  # destroyed on this (the GUI) thread, never by a collection on a worker
        if progress is not None and shiboken6.isValid(progress):  # gone with a parent closed meanwhile
            progress.close()
            progress.deleteLater()

    @Slot(object)
    def ok(result: Any) -> None:
        done()
        on_success(result)

    @Slot(object, str)
    def bad(error: Exception, trace: str) -> None:
        done()
        if on_error is not None:
            on_error(error)
        else:
            from yibao_desk.gui.messages import report_error

            report_error(parent, error, trace)

    signals.finished.connect(ok, Qt.ConnectionType.QueuedConnection)
    signals.failed.connect(bad, Qt.ConnectionType.QueuedConnection)
    QThreadPool.globalInstance().start(_Task(fn, signals))
