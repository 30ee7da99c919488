"""A guard against a defect of PySide6 6.12.0 on Python 3.11: every call of a Qt method that returns nothing
(`setText`, `QTimer.stop`, `setEnabled` …) releases one reference to `None` that it never took. On Python 3.12 and
later `None` is immortal and nothing happens; on 3.11 its count falls by one per call, and once it reaches zero the
interpreter aborts (「Fatal Python error: none_dealloc」) — a counter PC after some thousands of clicks, a scan
folder watched for an afternoon. PySide6 6.11.3 does not have the defect (measured: 0 after 1,000 calls, against
−1,000 on 6.12.0).

The guard gives `None` as many references as it can never lose (2⁶⁰: at a million Qt calls a second, thirty-six
thousand years), which is what Python 3.12 does for it. It is applied once, when the GUI package is imported,
and only where the defect can bite: Python before 3.12."""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 60
_applied = False


def guard_none() -> bool:
    """Make `None` as good as immortal on Python 3.11 (True when the guard was applied now)."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    count = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt: the first field of every CPython object
    count.value += RESERVE
    _applied = True
    return True
