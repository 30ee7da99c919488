"""The scan folder's watch (issue 17 §1): a file is announced once, when it has stopped growing and can be read;
files there before are left alone; a page that opens a dialog while the watch announces (its own event loop) never
gets a file twice nor a crash; a folder that is not there yet is watched once it appears."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from tests.scan_files import jpeg
from yibao_desk.gui.scan_watcher import ScanWatcher


def _pump(qtbot: QtBot, ms: int) -> None:
    qtbot.wait(ms)


def test_a_file_is_announced_once_when_complete(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "高拍仪"
    folder.mkdir()
    jpeg(folder / "old.jpg")
    watcher = ScanWatcher()
    seen: list[tuple[str, int]] = []
    watcher.arrived.connect(lambda p: seen.append((p.name, p.stat().st_size)))
    assert "正在监视扫描文件夹" in watcher.set_folder(folder)
    data = jpeg(tmp_path / "whole.jpg", seed=3).read_bytes()
    with open(folder / "0001.jpg", "wb") as f:  # the scanner writes half, pauses, writes the rest
        f.write(data[: len(data) // 2])
        f.flush()
        _pump(qtbot, 300)
        assert seen == []
        f.write(data[len(data) // 2 :])
    qtbot.waitUntil(lambda: seen == [("0001.jpg", len(data))], timeout=5000)
    (folder / "说明.txt").write_text("x", encoding="utf-8")  # not a scan
    _pump(qtbot, 1000)
    assert seen == [("0001.jpg", len(data))]  # once; the old file and the text file never


def test_a_dialog_opened_on_arrival_does_not_get_a_file_twice(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "scan"
    folder.mkdir()
    watcher = ScanWatcher()
    seen: list[str] = []

    def page(path: Path) -> None:  # the page shows a message box: its loop runs the watch's timers meanwhile
        seen.append(path.name)
        end = time.monotonic() + 0.8
        while time.monotonic() < end:
            QCoreApplication.processEvents()
            watcher._settle()

    watcher.arrived.connect(page)
    watcher.set_folder(folder)
    for i in range(3):
        jpeg(folder / f"{i}.jpg", seed=i)
    qtbot.waitUntil(lambda: sorted(seen) == ["0.jpg", "1.jpg", "2.jpg"], timeout=8000)
    _pump(qtbot, 800)
    assert sorted(seen) == ["0.jpg", "1.jpg", "2.jpg"]


def test_a_folder_that_appears_later_is_watched(qtbot: QtBot, tmp_path: Path, monkeypatch: object) -> None:
    import yibao_desk.gui.scan_watcher as module

    module_retry = module.RETRY_MS
    try:
        module.RETRY_MS = 200
        folder = tmp_path / "网络盘" / "扫描"
        watcher = ScanWatcher()
        seen: list[str] = []
        watcher.arrived.connect(lambda p: seen.append(p.name))
        assert "不存在或无法读取" in watcher.set_folder(folder)
        folder.mkdir(parents=True)
        _pump(qtbot, 600)
        jpeg(folder / "a.jpg")
        qtbot.waitUntil(lambda: seen == ["a.jpg"], timeout=15000)
    finally:
        module.RETRY_MS = module_retry
