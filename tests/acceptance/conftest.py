"""The acceptance suite: the product walked through the doors a user has (CLI subprocesses, keys and menus)."""

from tests.gui.conftest import _message_box_guard, message_boxes  # noqa: F401  (a message box no test expected fails)
