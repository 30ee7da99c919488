"""The scenario questions of the service, asked before the checklist; every answer changes the checklist live."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from yibao_desk.domain.catalog import Service


class ScenarioPanel(QWidget):
    answersChanged = Signal(dict)

    def __init__(self) -> None:
        super().__init__()
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QComboBox] = {}

    def set_service(self, service: Service | None) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.boxes = {}
        if service is None:
            return
        if not service.scenarios:
            self.form.addRow(QLabel("本事项没有情形问题。"))
        for s in service.scenarios:
            box = QComboBox()
            box.setObjectName(f"scenario_{s.id}")
            box.addItems(list(s.options))
            box.setCurrentText(s.default if s.default is not None else s.options[0])
            box.currentTextChanged.connect(self._changed)
            label = QLabel(s.question)
            label.setWordWrap(True)
            self.form.addRow(label, box)
            self.boxes[s.id] = box

    def answers(self) -> dict[str, str]:
        return {k: b.currentText() for k, b in self.boxes.items()}

    def set_answers(self, answers: dict[str, str]) -> None:
        for k, v in answers.items():
            if k in self.boxes:
                self.boxes[k].setCurrentText(v)

    def _changed(self, _text: str) -> None:
        self.answersChanged.emit(self.answers())
