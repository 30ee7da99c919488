"""The case list's dialogs: 交付办理结果 (only the details the chosen way asks for — the 邮件号 when posted — checked
as the clerk types against the domain's rule) and 作废办件 (a reason is required). OK is enabled only when the
entries can be recorded."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yibao_desk.domain.handover import FIELDS_ZH, HandoverWay, handover_problems, handover_ways
from yibao_desk.gui.context import AppContext

BAD = "color: #b00020;"


class HandoverDialog(QDialog):
    """办理结果交付: how the collector proves identity, with the details that way needs."""

    def __init__(self, ctx: AppContext, case: dict[str, Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("交付办理结果")
        self.case = case or {}
        self.ways: dict[str, HandoverWay] = {w.id: w for w in handover_ways(ctx.region)}
        self.way = QComboBox()
        self.way.setObjectName("handoverWay")
        for w in self.ways.values():
            self.way.addItem(w.text, w.id)
        self.fields: dict[str, QLineEdit] = {}
        self.form = QFormLayout()
        self.form.addRow("核验方式", self.way)
        self.address = QLabel(self._address_text())
        self.address.setObjectName("handoverAddress")
        self.address.setWordWrap(True)
        self.form.addRow("寄送", self.address)
        for name, label in FIELDS_ZH.items():
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.textChanged.connect(self.check)
            self.fields[name] = edit
            self.form.addRow(label, edit)
        self.collector, self.id_number = self.fields["collector"], self.fields["id_number"]
        self.phone, self.guarantor = self.fields["phone"], self.fields["guarantor"]
        self.problem = QLabel("")
        self.problem.setObjectName("handoverProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(BAD)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        if self.case.get("delivery") == "mail" and "mail" in self.ways:  # registered for 邮寄: posted, mostly
            self.way.setCurrentIndex(self.way.findData("mail"))
        self.way.currentIndexChanged.connect(self.on_way)
        self.on_way()

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def chosen(self) -> HandoverWay:
        return self.ways[str(self.way.currentData())]

    def _address_text(self) -> str:
        """Where a case registered for 邮寄 goes (the clerk checks it against the envelope)."""
        import json

        from yibao_desk.domain.mailing import mail_text

        if self.case.get("delivery") != "mail":
            return ""
        try:
            mail = json.loads(self.case.get("mail_json") or "{}")
        except ValueError:
            mail = {}
        return mail_text(mail) if isinstance(mail, dict) and mail else "（未登记寄送地址）"

    def on_way(self) -> None:
        self.form.setRowVisible(self.address, self.chosen().id == "mail" and bool(self.address.text()))
        asks = self.chosen().asks
        for name, edit in self.fields.items():
            self.form.setRowVisible(edit, name in asks)
        self.check()

    def detail(self) -> dict[str, str]:
        asks = self.chosen().asks
        d = {name: edit.text().strip() for name, edit in self.fields.items() if name in asks}
        return {k: v for k, v in d.items() if v}

    def problems(self) -> dict[str, str]:
        return handover_problems(
            self.chosen(),
            self.detail(),
            str(self.case.get("applicant_id_number", "")),
            str(self.case.get("applicant_phone", "")),
            str(self.case.get("delivery") or "pickup"),
        )

    def check(self) -> None:
        problems = self.problems()
        for name, edit in self.fields.items():
            edit.setStyleSheet("border: 1px solid #b00020;" if name in problems and edit.text().strip() else "")
        typed = {k: v for k, v in problems.items() if k not in self.fields or self.fields[k].text().strip()}
        shown = typed or problems
        self.problem.setText("；".join(f"{FIELDS_ZH.get(k, '交付方式')}：{v}" for k, v in shown.items()))
        self.ok_button().setEnabled(not problems)

    def accept(self) -> None:
        if self.problems():  # Enter in a field while OK is disabled: stay open, the problem is on screen
            self.check()
            return
        super().accept()


class VoidDialog(QDialog):
    """作废办件 (supervisor): the reason is required and goes into the journal."""

    def __init__(self, case_number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("作废办件")
        self.reason = QLineEdit()
        self.reason.setObjectName("voidReason")
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText("必填：为什么作废")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"作废 {case_number} 的理由："))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self.check)
        self.check()

    def check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason.text().strip()))

    def accept(self) -> None:
        if self.reason.text().strip():
            super().accept()
