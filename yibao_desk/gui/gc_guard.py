"""Garbage collection only on the GUI thread (as Anki does): a cycle that holds a Qt object, collected on a
worker thread, can destroy that object off its thread and crash the program. Automatic collection is switched
off and a timer on the GUI thread collects instead."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

_timer: QTimer | None = None


def collect_on_gui_thread(parent: QObject, interval_ms: int = 5000) -> None:
    global _timer
    if _timer is not None:
        return
    gc.disable()
    gc.collect()
    _timer = QTimer(parent)
    _timer.timeout.connect(lambda: gc.collect())
    _timer.start(interval_ms)
