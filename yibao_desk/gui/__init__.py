"""The PySide6 counter program: the only code in yibao-desk that imports Qt."""

from yibao_desk.gui.none_refcount import guard_none

guard_none()  # before any Qt call: PySide6 6.12.0 drops a reference to None at each call of a void method
