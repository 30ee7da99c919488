"""纸质材料移交清单 (程序 menu): the day's papers per 承办部门 as a table, the list in the print preview (printing it is
journaled), and 确认签收 when the department's 接收人 has signed. The lines come from handoff/handoff_list.py; this
dialog only shows them and asks the service to record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yibao_desk.domain.paper_handoff import departments
from yibao_desk.gui.context import AppContext
from yibao_desk.gui.messages import report_error, show_info
from yibao_desk.gui.ops import run_in_background
from yibao_desk.gui.print_preview import PrintJob, PrintPreviewDialog
from yibao_desk.handoff.handoff_list import UNASSIGNED, HandoffItem, handoff_items
from yibao_desk.handoff.list_pdf import render_handoff
from yibao_desk.printing.documents import wording

_Index = QModelIndex | QPersistentModelIndex


class HandoffModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.items: list[HandoffItem] = []
        self.columns: list[str] = list(wording()["handoff_list"]["columns"])

    def set_items(self, items: list[HandoffItem]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        it = self.items[index.row()]
        return (str(index.row() + 1), it.case_number, it.service, it.applicant, it.materials_text())[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section]
        return None


class HandoffDialog(QDialog):
    previewReady = Signal(object)  # the print preview, for tests

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("纸质材料移交清单")
        self.resize(1100, 480)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setObjectName("handoffDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.department = QComboBox()
        self.department.setObjectName("handoffDepartment")
        for name in (*departments(ctx.region), UNASSIGNED):
            self.department.addItem(name, name)
        self.summary = QLabel("")
        self.summary.setObjectName("handoffSummary")
        self.summary.setWordWrap(True)
        self.model = HandoffModel()
        self.table = QTableView()
        self.table.setObjectName("handoffTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.preview = QPushButton("打印预览（Ctrl+P）")
        self.preview.setObjectName("handoffPreview")
        self.preview.setShortcut("Ctrl+P")
        self.confirm = QPushButton("确认签收…")
        self.confirm.setObjectName("handoffConfirm")
        close = QPushButton("关闭")
        self.preview.clicked.connect(self.on_preview)
        self.confirm.clicked.connect(lambda: self.on_confirm())
        close.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(QLabel("移交日期"))
        top.addWidget(self.day)
        top.addWidget(QLabel("承办部门"))
        top.addWidget(self.department, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview)
        buttons.addWidget(self.confirm)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.department.currentIndexChanged.connect(lambda _i: self.reload())
        self.reload()

    def chosen_day(self) -> dt.date:
        day = self.day.date().toPython()
        assert isinstance(day, dt.date)
        return day

    def chosen_department(self) -> str:
        return str(self.department.currentData() or "")

    def reload(self) -> None:
        dept = self.chosen_department()
        try:
            items = handoff_items(self.ctx.service, self.chosen_day(), dept).get(dept, [])
        except Exception as e:
            report_error(self, e)
            items = []
        self.model.set_items(items)
        self.table.resizeColumnsToContents()
        papers = sum(i.papers for i in items)
        text = f"{dept}：{len(items)} 件，纸质材料 {papers} 份"
        if dept == UNASSIGNED and items:
            text += "（请在办件中更正承办部门后再移交）"
        self.summary.setText(text)
        self.preview.setEnabled(bool(items))
        self.confirm.setEnabled(bool(items) and dept != UNASSIGNED)

    def on_preview(self) -> None:
        items, day, dept, svc = list(self.model.items), self.chosen_day(), self.chosen_department(), self.ctx.service
        if not items:
            return
        device = svc.device()

        def render() -> list[PrintJob]:
            made = render_handoff({dept: items}, day, svc.region(), device.window if device else "")
            return [PrintJob("handoff-list", f"移交清单：{dept}（{len(items)} 件）", made.pdf, made.warnings)]

        def record(_job: PrintJob, _copies: int, _printer: str) -> None:
            svc.record_handoff_printed(self.ctx.require_actor().staff_id, day, dept, [i.case_number for i in items])

        def show(jobs: list[PrintJob]) -> None:
            printer = str(svc.settings().get("default_printer", ""))
            dialog = PrintPreviewDialog(jobs, record, self, printer)
            self.previewReady.emit(dialog)
            dialog.exec()
            dialog.deleteLater()

        run_in_background(self, render, show, lambda e: report_error(self, e), label="正在生成移交清单…")

    def on_confirm(self, receiver: str | None = None) -> None:
        items, dept = list(self.model.items), self.chosen_department()
        if receiver is None:
            receiver, ok = QInputDialog.getText(self, "确认签收", f"{dept}签收人姓名：")
            if not ok:
                return
        try:
            new = self.ctx.service.confirm_handoff(
                self.ctx.require_actor().staff_id, self.chosen_day(), dept, receiver, [i.case_number for i in items]
            )
        except Exception as e:
            report_error(self, e)
            return
        self.ctx.casesChanged.emit()
        show_info(self, f"已记录 {dept}（接收人：{receiver.strip()}）签收 {len(new)} 件办件的纸质材料")
