"""Child process of the kill test: records cases in a loop and prints each case number once committed."""

from __future__ import annotations

import sys
from pathlib import Path

from yibao_desk.domain.catalog import load_catalog
from yibao_desk.domain.working_days import load_calendar
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.intake import IntakeService

APPLICANT = {"name": "王小明", "id_number": "430981198002290034", "phone": "13800138000"}


def main() -> None:
    svc = IntakeService(open_journal(Path(sys.argv[1])), load_catalog(only=["yiyang-kuayu"]), load_calendar())
    print("ready", flush=True)
    while True:
        decision = svc.intake(
            "c01",
            "432036011W01",
            {
                "applicant": APPLICANT,
                "answers": {"maternity": "是"},
                "materials": {"patient-id": {"received": True, "original_checked": True, "copies": 1}},
            },
        )
        print(decision.case_number, flush=True)  # only after the transaction committed


if __name__ == "__main__":
    main()
