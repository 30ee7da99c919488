"""邮寄 at intake (seed 000 §八（四）2): when the applicant chooses 邮寄, the recipient, phone, address and postcode,
checked as typed by domain.mailing (the postcode against the province the address names). The recipient, phone
and address start as the applicant's; the clerk changes what differs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit

from yibao_desk.domain.mailing import FIELDS, FIELDS_ZH, RECIPIENT_MAX_CHARS, mail_problems, mail_value
from yibao_desk.journal.applicant import ADDRESS_MAX_LENGTH, PHONE_MAX_LENGTH

BAD_STYLE = "color: #b00020;"
_MAX = {"recipient": RECIPIENT_MAX_CHARS, "phone": PHONE_MAX_LENGTH, "address": ADDRESS_MAX_LENGTH, "postcode": 7}
_PLACEHOLDER = {"address": "省市县、街道（村组）、门牌号", "postcode": "6 位数字"}


class MailFields(QGroupBox):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__("寄送信息（邮寄）")
        self.setObjectName("mailBox")
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        for name in FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"mail{name.capitalize()}")
            edit.setMaxLength(_MAX[name])
            edit.setPlaceholderText(_PLACEHOLDER.get(name, ""))
            edit.textChanged.connect(self._on_change)
            self.edits[name] = edit
            form.addRow(FIELDS_ZH[name], edit)
        self.note = QLabel("")
        self.note.setObjectName("mailNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(BAD_STYLE)
        form.addRow("", self.note)

    def _on_change(self, *_a: Any) -> None:
        self.check()
        self.changed.emit()

    def problems(self) -> dict[str, str]:
        return mail_problems(self.raw())

    def raw(self) -> dict[str, str]:
        return {k: e.text() for k, e in self.edits.items()}

    def value(self) -> dict[str, str]:
        return mail_value(self.raw())

    def check(self) -> None:
        """The problems of what is typed so far (an empty field is named only once nothing else is wrong)."""
        problems = self.problems()
        for name, edit in self.edits.items():
            typed_bad = name in problems and edit.text().strip()
            edit.setStyleSheet("border: 1px solid #b00020;" if typed_bad else "")
        typed = {k: v for k, v in problems.items() if self.edits[k].text().strip()}
        shown = typed or problems
        self.note.setText("；".join(f"{FIELDS_ZH[k]}：{v}" for k, v in shown.items()))

    def problem(self) -> str:
        """The first problem (each message names its field)."""
        return next(iter(self.problems().values()), "")

    def first_to_fill(self) -> QLineEdit:
        """The first field with a problem (the address when all are right)."""
        problems = self.problems()
        return next((e for k, e in self.edits.items() if k in problems), self.edits["address"])

    def start_from(self, applicant: dict[str, str]) -> None:
        """Empty fields take the applicant's name, phone and address (what the clerk mostly keeps)."""
        for name, key in (("recipient", "name"), ("phone", "phone"), ("address", "address")):
            if not self.edits[name].text().strip() and applicant.get(key):
                self.edits[name].setText(applicant[key])

    def set_value(self, mail: dict[str, str]) -> None:
        for name, edit in self.edits.items():
            edit.setText(mail.get(name, ""))

    def clear(self) -> None:
        for edit in self.edits.values():
            edit.clear()
