"""Issue 16 «windows that fit the screen they are on»: the main window and the print preview open inside the
available screen (a 1920×1080 screen at 150 % offers 1280×680), keep their buttons on it, and come back at the
size the clerk left them — run as the program runs, in a process with a screen of that size."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.acceptance.gui_driver import Person
from tests.acceptance.program import login, start_program
from tests.screens import run_probe, screen
from yibao_desk.domain.catalog import Catalog
from yibao_desk.gui.main_window import MainWindow


def _probe(tmp_path: Path, width: int, height: int, dpr: float, *extra: str) -> dict[str, Any]:
    return run_probe(
        tmp_path,
        [screen("s1", 0, width, height, dpr)],
        "tests.acceptance.window_probe",
        str(tmp_path / "journal.sqlite3"),
        *extra,
        env={"YIBAO_DESK_HOME": str(tmp_path)},
    )


def _inside(rect: list[int], area: list[int]) -> bool:
    x, y, w, h = rect
    ax, ay, aw, ah = area
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


@pytest.mark.parametrize(("width", "height", "dpr"), [(1280, 680, 1.5), (1366, 728, 1.0), (1024, 700, 1.0)])
def test_the_windows_and_the_preview_buttons_stay_on_a_small_screen(
    tmp_path: Path, width: int, height: int, dpr: float
) -> None:
    for _start in range(2):  # the first start and the next, when the saved sizes come back
        seen = _probe(tmp_path, width, height, dpr)
        area = seen["screen"]
        assert seen["main_minimum"][0] <= area[2] and seen["main_minimum"][1] <= area[3], seen
        assert _inside(seen["main"], area), seen
        assert _inside(seen["preview"], area), seen
        for label in ("打印此文书（Ctrl+P）", "另存为 PDF…", "关闭"):
            assert _inside(seen["buttons"][label], area), (label, seen)
        assert _inside(seen["filler"], area), seen
        assert {"预览并打印", "打印空白表", "关闭"} <= set(seen["filler_buttons"]), seen
        for label, rect in seen["filler_buttons"].items():
            assert _inside(rect, area), (label, seen)


def test_a_size_the_clerk_gave_comes_back_and_a_screen_too_small_for_it_is_fitted(tmp_path: Path) -> None:
    first = _probe(tmp_path, 1920, 1080, 1.0, "--resize", "1500", "900")
    assert first["main"][2:] == [1366, 768]  # the preferred size, where the screen has room for it
    again = _probe(tmp_path, 1920, 1080, 1.0)
    assert again["main"][2:] == [1500, 900] and again["preview"][2:] == [1300, 800]
    small = _probe(tmp_path, 1280, 680, 1.5)  # the same PC, now at 150 %: the saved size no longer fits
    assert _inside(small["main"], small["screen"]) and _inside(small["preview"], small["screen"]), small


def test_ctrl_q_and_the_next_start_keep_the_main_window_size(
    person: Person, qtbot: QtBot, tmp_path: Path, catalog: Catalog
) -> None:
    from yibao_desk.gui.app import open_program

    db = tmp_path / "journal.sqlite3"
    window = start_program(person, qtbot, "yuanjiang", db, catalog)
    window.resize(780, 560)  # the offscreen screen is 800×800
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    person.key(Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    login(person)
    again, code = open_program(str(db))
    assert isinstance(again, MainWindow), (code, person.errors)
    qtbot.addWidget(again)
    person.stop()
    assert (again.width(), again.height()) == (780, 560)
