"""The case list's dialogs: 交付办理结果 (only the details the chosen way asks for, checked as the clerk types against
the domain's rule) and 作废办件 (a reason is required). OK is enabled only when the entries can be recorded."""

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
        self.way.currentIndexChanged.connect(self.on_way)
        self.on_way()

    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def chosen(self) -> HandoverWay:
        return self.ways[str(self.way.currentData())]

    def on_way(self) -> None:
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
        )

    def check(self) -> None:
        problems = self.problems()
        for name, edit in self.fields.items():
            edit.setStyleSheet("border: 1px solid #b00020;" if name in problems and edit.text().strip() else "")
        typed = {k: v for k, v in problems.items() if self.fields[k].text().strip()}
        shown = typed or problems
        self.problem.setText("；".join(f"{FIELDS_ZH.get(k, k)}：{v}" for k, v in shown.items()))
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
