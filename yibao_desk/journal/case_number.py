"""Case numbers, unique across devices without a network: region prefix, device, local date, daily counter.

`YJ-W03-20261122-0007` — printed on every receipt (Code 128 and QR) and typed or scanned to open a case.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import text
from sqlalchemy.orm import Session

from yibao_desk.journal.checkpoint import case_counter

PATTERN = re.compile(r"^[A-Z]{2,4}-[A-Z0-9]{1,8}-\d{8}-\d{4,}$")
DEVICE_ID = re.compile(r"^[A-Z0-9]{1,8}$")


def next_case_number(session: Session, prefix: str, device_id: str, day: dt.date, floor: str = "") -> str:
    """The day's next number: one above the highest the events ever opened (and above `floor`, the signed
    checkpoint's highest), never a count of the `cases` projection, which a lost row would make repeat."""
    stem = f"{prefix}-{device_id}-{day:%Y%m%d}-"
    top = session.execute(
        text(
            "SELECT max(CAST(substr(case_number, :n) AS INTEGER)) FROM events "
            "WHERE +type = 'case.opened' AND case_number >= :lo AND case_number < :hi"
        ),
        {"n": len(stem) + 1, "lo": stem, "hi": stem + "~"},
    ).scalar()
    return f"{stem}{max(int(top or 0), case_counter(floor, stem)) + 1:04d}"


def normalize(text: str) -> str:
    """What a scanner or a hurried clerk types, as a case number: upper case, no blanks."""
    return "".join(text.split()).upper()


def looks_like_case_number(text: str) -> bool:
    return bool(PATTERN.match(normalize(text)))
