"""The start-up check while another program writes the same journal (three CLI processes at one counter, or the
window and a script): it reads one snapshot, anchor first, so a commit between two of its reads is never taken for
an unsigned event or a journal behind its anchor. Found by a fresh-clone run of the catalog walk."""

from __future__ import annotations

import threading

from tests.journal.test_intake import CLAIM
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.intake import IntakeService


def test_the_check_never_sees_half_of_another_programs_write(service: IntakeService) -> None:
    reader = open_journal(service.journal.path)
    stop = threading.Event()
    seen: list[list[str]] = []

    def check_repeatedly() -> None:
        while not stop.is_set():
            problems = reader.recheck()
            if problems:
                seen.append(problems)

    checker = threading.Thread(target=check_repeatedly)
    checker.start()
    try:
        for _ in range(40):
            service.open_case("c01", CLAIM, {"name": "王小明", "id_number": "430981198002290034"})
    finally:
        stop.set()
        checker.join()
    assert seen == []
    assert open_journal(service.journal.path).problems == []
    reader.close()
