"""The scenario questions of the service, asked before the checklist; every answer changes the checklist live.

One line per question: the answer box as wide as its longest option, the question in the rest of the line (it
wraps only where the line is too short for it)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from yibao_desk.domain.catalog import Service


class ScenarioPanel(QWidget):
    answersChanged = Signal(dict)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("scenarios")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setVerticalSpacing(3)
        self.grid.setColumnStretch(0, 1)
        self.boxes: dict[str, QComboBox] = {}
        self.labels: dict[str, QLabel] = {}

    def set_service(self, service: Service | None) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.boxes, self.labels = {}, {}
        if service is None:
            return
        if not service.scenarios:
            self.grid.addWidget(QLabel("本事项没有情形问题。"), 0, 0, 1, 2)
        for row, s in enumerate(service.scenarios):
            box = QComboBox()
            box.setObjectName(f"scenario_{s.id}")
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.addItems(list(s.options))
            box.setCurrentText(s.default if s.default is not None else s.options[0])
            box.currentTextChanged.connect(self._changed)
            label = QLabel(s.question)
            label.setWordWrap(True)
            label.setBuddy(box)
            self.grid.addWidget(label, row, 0)
            self.grid.addWidget(box, row, 1, Qt.AlignmentFlag.AlignLeft)
            self.boxes[s.id] = box
            self.labels[s.id] = label

    def answers(self) -> dict[str, str]:
        return {k: b.currentText() for k, b in self.boxes.items()}

    def set_answers(self, answers: dict[str, str]) -> None:
        for k, v in answers.items():
            if k in self.boxes:
                self.boxes[k].setCurrentText(v)

    def _changed(self, _text: str) -> None:
        self.answersChanged.emit(self.answers())
