"""读卡 on the intake page (issue 18 §1): F8 reads the card on the 身份证阅读器 that 设置 → 身份证阅读器 names and
fills the applicant's fields — the agent's when the case is 委托办理 (the person at the counter is the agent) —
and the card's validity goes with the number into the verdict (an expired card is a problem to supplement). With
自动读卡 on, a card placed on the reader is read by itself (looked for every second, in the background). The
reader (devices/) answers; this only asks and shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QKeySequence, QShortcut

from yibao_desk.devices.id_reader import IdCardReader, ReaderError, open_reader
from yibao_desk.domain.id_card import IdCard, card_problem
from yibao_desk.gui.messages import report_error, show_error
from yibao_desk.gui.ops import run_in_background

if TYPE_CHECKING:
    from yibao_desk.gui.intake.intake_page import IntakePage

POLL_MS = 1000
BACKOFF_MS = 30_000


class CardReader(QObject):
    def __init__(self, page: IntakePage) -> None:
        super().__init__(page)
        self.page = page
        self.reader: IdCardReader | None = None
        self.reader_error = ""
        self.busy = False
        self.pending_configure = False  # settings changed while the SDK was reading: reopened once it is done
        self.last_number = ""  # the card read last: a card left on the reader is not read into every case
        self.misses = 0  # polls in a row without a card (readers fail a check now and then with the card on)
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(lambda: self.read(quiet=True))
        shortcut = QShortcut(QKeySequence("F8"), page)
        shortcut.activated.connect(lambda: self.read(quiet=False))
        page.shortcuts.append(shortcut)
        page.ctx.settingsChanged.connect(self.configure)

    def configure(self) -> None:
        if self.busy:  # never close the SDK under a read in progress
            self.pending_configure = True
            return
        self.pending_configure = False
        if self.reader is not None:
            self.reader.close()
        self.reader, self.reader_error = None, ""
        settings = self.page.ctx.service.settings()
        try:
            self.reader = open_reader(settings)
        except ReaderError as e:
            self.reader_error = str(e)
        on = self.reader is not None and str(settings.get("id_reader_poll")) == "on"
        if on:
            self.poll.start()
        else:
            self.poll.stop()

    def describe(self) -> str:
        return self.reader.describe() if self.reader is not None else self.reader_error or "未设置身份证阅读器"

    def read(self, quiet: bool) -> None:
        if self.busy:
            return
        if self.reader is None:
            if not quiet:
                self.page.notice.emit(
                    f"F8：{self.reader_error or '未设置身份证阅读器（设置 → 身份证阅读器），请手工输入'}"
                )
            return
        if quiet and (self.page.ctx.locked or not self.page.isVisible() or self.page.decided is not None):
            return
        reader = self.reader
        self.busy = True

        def finish() -> None:
            self.busy = False
            if self.pending_configure:
                self.configure()

        def done(card: IdCard) -> None:
            finish()
            self.misses = 0
            self.poll.setInterval(POLL_MS)
            if quiet and card.id_number == self.last_number:
                return  # the same card still on the reader
            self.last_number = card.id_number
            self.fill(card)

        def failed(error: Exception) -> None:
            finish()
            if isinstance(error, ReaderError):
                if error.kind == "no_card":
                    self.misses += 1
                    if self.misses >= 3:  # taken off (not one failed check): the next card placed is read
                        self.last_number = ""
                if quiet and error.kind in ("port", "library"):
                    self.poll.setInterval(BACKOFF_MS)  # no reader there: not every second on every port
                if not quiet:
                    show_error(self.page, str(error))
                return
            if not quiet:
                report_error(self.page, error)

        run_in_background(self.page, reader.read, done, failed)

    def fill(self, card: IdCard) -> None:
        import datetime as dt

        page = self.page
        entrusted = page.scenarios.answers().get("entrusted") == "是"
        fields = page.applicant.agent if entrusted else page.applicant.applicant
        fields.fill_from_card(card)
        who = "代办人" if entrusted else "申请人"
        problem = card_problem(card, dt.date.today())
        page.notice.emit(
            f"已读取{who}身份证：{card.name}（有效期 {card.validity_text()}）" + (f"　{problem}" if problem else "")
        )
        page.recompute()
        if not fields.phone.text().strip():
            fields.phone.setFocus()  # the card has no phone: the next thing to type
