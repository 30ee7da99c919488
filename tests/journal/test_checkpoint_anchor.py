"""The anchor file under two writers in one process (the GUI's background sync and its window, or two services
on one journal): each writer replaces the file through its own temporary name, so none fails after its commit.
The shared name made `test_two_programs_on_one_journal_are_safe` fail now and then (FileNotFoundError)."""

from __future__ import annotations

import threading
from pathlib import Path

from yibao_desk.journal.checkpoint import anchor_path, write_anchor


def test_two_threads_replace_the_anchor_without_an_error(tmp_path: Path) -> None:
    errors: list[BaseException] = []

    def work(n: int) -> None:
        for i in range(300):
            try:
                write_anchor(tmp_path / "journal.sqlite3", f'{{"n": {n}, "i": {i}}}', "00")
            except BaseException as e:
                errors.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert anchor_path(tmp_path / "journal.sqlite3").exists()
    assert not list(anchor_path(tmp_path / "journal.sqlite3").parent.glob("*.tmp"))
