"""节假日安排 (supervisors, issue 17 §7): a year's 放假安排 typed from the State Council's notice — one line per
festival (from, to), the make-up working days — checked as it is typed by the domain (every problem listed, 保存
only when there is none), then journaled and used at once through the intake service."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yibao_desk.domain.holiday_year import EARLIEST_YEAR, FESTIVALS, LATEST_YEAR, HolidayYearError, parse_year
from yibao_desk.gui.context import AppContext
from yibao_desk.gui.messages import report_error

COLUMNS = ("节日", "放假开始（YYYY-MM-DD）", "放假结束（YYYY-MM-DD）")


class HolidaysDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("节假日安排（主管）")
        known = sorted(ctx.service.calendar.years)
        self.year = QSpinBox()
        self.year.setObjectName("holidayYear")
        self.year.setRange(EARLIEST_YEAR, LATEST_YEAR)
        self.year.setValue(max([dt.date.today().year, *known]) + 1 if known else dt.date.today().year)
        self.table = QTableWidget(len(FESTIVALS), len(COLUMNS))
        self.table.setObjectName("holidayRanges")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for row, name in enumerate(FESTIVALS):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            for col in (1, 2):
                self.table.setItem(row, col, QTableWidgetItem(""))
        self.makeup = QLineEdit()
        self.makeup.setObjectName("makeupWorkdays")
        self.makeup.setPlaceholderText("调休上班的周六、周日，用顿号或空格隔开，如 2027-02-14、2027-02-27")
        self.source = QLineEdit()
        self.source.setObjectName("holidaySource")
        self.known = QLabel("已有：" + ("、".join(f"{y}年" for y in known) or "无"))
        self.note = QLabel("")
        self.note.setObjectName("holidayNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow("年份", self.year)
        after = QFormLayout()  # in the order the notice reads: the festivals, then the make-up days
        after.addRow("调休上班日", self.makeup)
        after.addRow("依据（通知名称）", self.source)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.on_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.known)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addLayout(after)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.year.valueChanged.connect(self._year_changed)
        self.table.itemChanged.connect(lambda _item: self.check())
        self.makeup.textChanged.connect(self.check)
        self.source.textChanged.connect(self.check)
        self._year_changed()
        self.resize(720, 520)

    def _year_changed(self) -> None:
        self.source.setText(f"国务院办公厅关于{self.year.value()}年部分节假日安排的通知")
        self.check()

    def _cell(self, row: int, col: int) -> str:
        item = self.table.item(row, col)
        return item.text().strip() if item is not None else ""

    def data(self) -> dict[str, Any]:
        """What is typed, in the shape of the holiday files (rows without dates are left out)."""
        rows = []
        for row in range(self.table.rowCount()):
            cells = [self._cell(row, c) for c in range(3)]
            if cells[1] or cells[2]:
                rows.append({"name": cells[0], "from": cells[1], "to": cells[2] or cells[1]})
        makeup = [d for d in re.split(r"[、,，;；\s]+", self.makeup.text().strip()) if d]
        return {"year": self.year.value(), "source": self.source.text(), "holidays": rows, "makeup_workdays": makeup}

    def check(self) -> bool:
        try:
            parse_year(self.data(), "本次录入")
        except HolidayYearError as e:
            self.note.setText("\n".join(e.problems))
            ok = False
        else:
            self.note.setText("")
            ok = True
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(ok)
        return ok

    def on_save(self) -> None:
        if not self.check():
            return
        try:
            self.ctx.service.add_holiday_year(self.ctx.require_actor().staff_id, self.data())
        except Exception as e:
            report_error(self, e)
            return
        self.accept()
