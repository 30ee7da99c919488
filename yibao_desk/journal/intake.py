"""The intake service: the one layer through which the GUI and the CLI act on cases.

Every call checks the staff member (active, role) and writes its events in one transaction. Verdicts come from
the domain's checklist engine; this layer only records them.

`IntakeService` is assembled from one part per concern, each its own module:

- `device_setup` — the device, its region and window, service lookups;
- `staff_accounts` — staff accounts, login, roles;
- `case_flow` — opening a case, the checklist draft, the verdict;
- `case_handling` — print records, completion, hand-over, voiding, amending;
- `case_rating` — 好差评 after the verdict and after the hand-over (`case.rated`);
- `case_reading` — one case, its events, the case list, the most used services;
- `service_settings` — settings and ledger-export records;
- `case_archive` — 归档: the 档案号 and the case file's record (`case.archived`);
- `case_handoff` — 移交清单 printed and signed for (`handoff.printed`, `handoff.confirmed`), where papers are;
- `case_attachments` — 电子化处理: scans of the materials (`attachment.added`, `attachment.removed`), reuse;
- `sms_outbox` — the SMS notices of the cases (journal/sms_notices.py), their sending and marking;
- `service_calendar` — the holiday years a supervisor enters (`calendar.year_added`);
- `service_base` — what they share: `IntakeError`, `DeviceInfo`, `Decision`, `DELIVERY`, `MAX_COPIES` and the
  helpers (device, role, case state), all importable from here as before.
"""

from __future__ import annotations

import json
from typing import Any

from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal.case_archive import CaseArchive
from yibao_desk.journal.case_attachments import CaseAttachments
from yibao_desk.journal.case_flow import CaseFlow
from yibao_desk.journal.case_handling import CaseHandling
from yibao_desk.journal.case_handoff import CaseHandoff
from yibao_desk.journal.case_rating import CaseRating
from yibao_desk.journal.case_reading import CaseReading
from yibao_desk.journal.db import Journal
from yibao_desk.journal.device_setup import DeviceSetup
from yibao_desk.journal.events import Clock, system_clock
from yibao_desk.journal.service_base import DELIVERY, MAX_COPIES, Decision, DeviceInfo, IntakeError
from yibao_desk.journal.service_calendar import ServiceCalendar
from yibao_desk.journal.service_settings import ServiceSettings
from yibao_desk.journal.sms_outbox import SmsOutbox
from yibao_desk.journal.staff_accounts import StaffAccounts

__all__ = ["DELIVERY", "MAX_COPIES", "Decision", "DeviceInfo", "IntakeError", "IntakeService", "loads"]


class IntakeService(
    DeviceSetup,
    StaffAccounts,
    CaseFlow,
    CaseHandling,
    CaseRating,
    CaseReading,
    ServiceSettings,
    ServiceCalendar,
    SmsOutbox,
    CaseArchive,
    CaseHandoff,
    CaseAttachments,
):
    """The one door of the GUI and the CLI to the journal: device, staff, cases, settings and exports."""

    def __init__(self, journal: Journal, catalog: Catalog, calendar: Calendar, clock: Clock = system_clock) -> None:
        self.journal = journal
        self.catalog = catalog
        self.calendar = calendar
        self.clock = clock
        self.load_journal_years()  # the holidays a supervisor entered here count from the first due date


def loads(text: str | None) -> Any:
    return json.loads(text) if text else None
