"""The day's 寄送清单 as data: every result to be mailed that was completed by that day and not yet posted before it
(those posted that day carry their 邮件号), read from the journal's case rows."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from yibao_desk.journal.events import case_dict
from yibao_desk.journal.intake import IntakeService
from yibao_desk.journal.models import Case

NO_ADDRESS = "（未登记寄送地址：请按申请材料核对后填写）"


@dataclass(frozen=True)
class MailItem:
    case_number: str
    service_name: str
    applicant_name: str
    recipient: str
    phone: str
    address: str
    postcode: str
    completed: dt.date
    tracking: str = ""  # posted that day: the 邮件号 recorded at the hand-over

    @property
    def labelled(self) -> bool:
        """Still to be posted, with an address to put on its label (a case completed before the program took
        addresses has none: the list says so, and the clerk writes it from the application)."""
        return not self.tracking and bool(self.address)

    def row(self, index: int) -> list[str]:
        """The list's columns (printing/documents.yaml mail_list.columns), in order."""
        return [
            str(index),
            self.case_number,
            self.service_name,
            self.recipient,
            self.phone,
            self.address or NO_ADDRESS,
            self.postcode,
            f"{self.completed:%Y-%m-%d}",
            self.tracking,
        ]


def _day(utc: str | None) -> dt.date | None:
    return dt.datetime.fromisoformat(utc).astimezone().date() if utc else None


def item_for(case: dict[str, Any], day: dt.date) -> MailItem | None:
    """The case's line on `day`'s list (None: not to be mailed that day — not completed yet, posted before, or
    collected at the window instead)."""
    completed, delivered = _day(case.get("completed_utc")), _day(case.get("delivered_utc"))
    if case.get("delivery") != "mail" or completed is None or completed > day:
        return None
    mail = json.loads(case["mail_json"]) if case.get("mail_json") else {}
    tracking = ""
    if delivered is not None and delivered <= day:
        tracking = str(mail.get("tracking", ""))
        if delivered < day or not tracking:
            return None
    return MailItem(
        case_number=case["case_number"],
        service_name=case["service_name"],
        applicant_name=case["applicant_name"],
        recipient=str(mail.get("recipient", "")),
        phone=str(mail.get("phone", "")),
        address=str(mail.get("address", "")),
        postcode=str(mail.get("postcode", "")),
        completed=completed,
        tracking=tracking,
    )


def mail_items(service: IntakeService, day: dt.date) -> list[MailItem]:
    """`day`'s 寄送清单, in the order the results were completed."""
    with service.journal.read() as s:
        rows = s.scalars(
            select(Case)
            .where(Case.delivery == "mail", Case.status.in_(("completed", "delivered")))
            .order_by(Case.completed_utc, Case.case_number)
        )
        cases = [case_dict(c) for c in rows]
    return [item for c in cases if (item := item_for(c, day)) is not None]
