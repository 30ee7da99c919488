"""Case numbers, unique across devices without a network: region prefix, device, local date, daily counter.

`YJ-W03-20261122-0007` — printed on every receipt (Code 128 and QR) and typed or scanned to open a case.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from yibao_desk.journal.models import Case

PATTERN = re.compile(r"^[A-Z]{2,4}-[A-Z0-9]{1,8}-\d{8}-\d{4,}$")
DEVICE_ID = re.compile(r"^[A-Z0-9]{1,8}$")


def next_case_number(session: Session, prefix: str, device_id: str, day: dt.date) -> str:
    stem = f"{prefix}-{device_id}-{day:%Y%m%d}-"
    count = session.scalar(select(func.count()).select_from(Case).where(Case.case_number.like(stem + "%"))) or 0
    return f"{stem}{count + 1:04d}"


def normalize(text: str) -> str:
    """What a scanner or a hurried clerk types, as a case number: upper case, no blanks."""
    return "".join(text.split()).upper()


def looks_like_case_number(text: str) -> bool:
    return bool(PATTERN.match(normalize(text)))
