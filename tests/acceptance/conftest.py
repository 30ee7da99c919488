"""The acceptance suite: the product walked through the doors a user has (CLI subprocesses, keys and menus)."""

import pytest
from pytestqt.qtbot import QtBot

from tests.acceptance.gui_driver import Person
from tests.gui.conftest import _message_box_guard, message_boxes  # noqa: F401  (a message box no test expected fails)


@pytest.fixture
def person(qtbot: QtBot):  # type: ignore[no-untyped-def]
    """A clerk at the keyboard; the watch on dialogs ends with the test."""
    p = Person(qtbot)
    yield p
    p.close()
