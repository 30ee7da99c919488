"""Issue 13 row 7 in the program: a journal that fails its start-up check opens read-only, with a red banner that
names the problem and the way out, and Ctrl+Enter records nothing."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.acceptance.cli import APPLICANT, Cli
from tests.acceptance.gui_driver import Person
from tests.acceptance.program import login, try_remote_care_intake
from yibao_desk.gui.main_window import MainWindow


def test_a_tampered_journal_opens_read_only_with_a_red_banner(
    person: Person, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: list[str]
) -> None:
    db = tmp_path / "journal.sqlite3"
    pc = Cli(tmp_path)  # a counter set up as every other (the CLI's own door), then edited behind its back
    pc.set_up("W01", "yiyang-kuayu", "一号窗口")
    monkeypatch.setenv("YIBAO_DESK_HOME", str(pc.home))  # the program runs on that PC: its key and anchor
    with closing(sqlite3.connect(db)) as conn:  # someone edits the staff table behind the program's back
        conn.execute("UPDATE staff SET name = '王五' WHERE id = 'sup1'")
        conn.commit()

    from yibao_desk.gui.app import open_program

    login(person)
    again, code = open_program(str(db))
    assert isinstance(again, MainWindow), (code, person.errors, person.handled)
    qtbot.addWidget(again)
    again.activateWindow()
    person.stop()
    assert again.banner.isVisible()
    text = again.banner.text()
    assert "已停止收件" in text and "工作人员 sup1" in text and "journal recover" in text
    again.grab().save(str(tmp_path / "read-only.png"))

    again.activateWindow()
    try_remote_care_intake(person, APPLICANT)
    qtbot.waitUntil(lambda: bool(message_boxes))  # the clerk tries anyway: told why, nothing recorded
    assert "已停止写入" in message_boxes[0] and "工作人员 sup1" in message_boxes[0]
    assert again.ctx.service.cases() == []


def test_a_missing_default_printer_is_refused_before_anything_is_journaled(
    person: Person, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: list[str]
) -> None:
    db = tmp_path / "journal.sqlite3"
    pc = Cli(tmp_path)
    pc.set_up("W01", "yiyang-kuayu", "一号窗口")
    pc.run("settings", "set", "default_printer", "三楼的打印机", "--staff", "sup1")
    monkeypatch.setenv("YIBAO_DESK_HOME", str(pc.home))

    from yibao_desk.gui.app import open_program

    login(person)
    window, code = open_program(str(db))
    assert isinstance(window, MainWindow), (code, person.errors)
    qtbot.addWidget(window)
    window.activateWindow()
    person.stop()
    try_remote_care_intake(person, APPLICANT)
    qtbot.waitUntil(lambda: bool(message_boxes))
    assert "三楼的打印机" in message_boxes[0] and "未记录任何办件" in message_boxes[0]
    assert window.ctx.service.cases() == []
