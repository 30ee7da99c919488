"""寄送清单与邮寄标签 (程序 menu): the day's results to be mailed as a table, the 寄送清单 and the labels (A4 sheet of
eight, 100×150 mm) in the print preview, and the list saved as a workbook. The lines come from the journal by
mailing.mail_list; this dialog only shows them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yibao_desk.gui.context import AppContext
from yibao_desk.gui.messages import report_error, show_info
from yibao_desk.gui.ops import run_in_background
from yibao_desk.gui.print_preview import PrintJob, PrintPreviewDialog
from yibao_desk.mailing.export import export_mail_list, sender
from yibao_desk.mailing.labels import SIZES_ZH, LabelSize, render_labels
from yibao_desk.mailing.list_pdf import render_mail_list
from yibao_desk.mailing.mail_list import MailItem, mail_items
from yibao_desk.printing.documents import wording
from yibao_desk.settings_paths import data_dir

_Index = QModelIndex | QPersistentModelIndex


class MailModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.items: list[MailItem] = []
        self.columns: list[str] = list(wording()["mail_list"]["columns"])

    def set_items(self, items: list[MailItem]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            row = self.items[index.row()].row(index.row() + 1)
            if index.column() == len(row) - 1 and not row[-1]:
                return "待寄送"
            return row[index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section]
        return None


class MailDialog(QDialog):
    previewReady = Signal(object)  # the print preview, for tests

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("寄送清单与邮寄标签")
        self.resize(1220, 520)
        self.day = QDateEdit(QDate.currentDate())
        self.day.setObjectName("mailDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.summary = QLabel("")
        self.summary.setObjectName("mailSummary")
        self.model = MailModel()
        self.table = QTableView()
        self.table.setObjectName("mailTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.preview = QPushButton("打印预览：清单和标签（Ctrl+P）")
        self.preview.setObjectName("mailPreview")
        self.preview.setShortcut("Ctrl+P")
        self.save = QPushButton("导出 Excel…")
        self.save.setObjectName("mailSave")
        close = QPushButton("关闭")
        self.preview.clicked.connect(self.on_preview)
        self.save.clicked.connect(lambda: self.on_save())
        close.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(QLabel("寄送日期"))
        top.addWidget(self.day)
        top.addWidget(self.summary, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview)
        buttons.addWidget(self.save)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.day.dateChanged.connect(lambda _d: self.reload())
        self.reload()

    def chosen_day(self) -> dt.date:
        day = self.day.date().toPython()
        assert isinstance(day, dt.date)
        return day

    def reload(self) -> None:
        try:
            items = mail_items(self.ctx.service, self.chosen_day())
        except Exception as e:
            report_error(self, e)
            items = []
        self.model.set_items(items)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(2, min(self.table.columnWidth(2), 150))  # 事项: the address needs the room
        waiting = sum(1 for i in items if not i.tracking)
        self.summary.setText(f"共 {len(items)} 件：待寄送 {waiting} 件，当日已交寄 {len(items) - waiting} 件")
        self.preview.setEnabled(bool(items))
        self.save.setEnabled(bool(items))

    def on_preview(self) -> None:
        items, day, svc = list(self.model.items), self.chosen_day(), self.ctx.service
        if not items:
            return
        waiting = [i for i in items if i.labelled]

        def render() -> list[PrintJob]:
            region, who = svc.region(), sender(svc)
            listed = render_mail_list(items, day, region, who.window)
            jobs = [PrintJob("mail-list", f"寄送清单（{len(items)} 件）", listed.pdf, listed.warnings)]
            sizes: tuple[LabelSize, ...] = ("a4", "100x150")
            for size in sizes:
                if waiting:
                    labels = render_labels(waiting, who, size)
                    title = f"邮寄标签：{SIZES_ZH[size]}（{len(waiting)} 张）"
                    jobs.append(PrintJob(f"mail-labels-{size}", title, labels.pdf, labels.warnings))
            return jobs

        def show(jobs: list[PrintJob]) -> None:
            printer = str(svc.settings().get("default_printer", ""))
            dialog = PrintPreviewDialog(jobs, lambda _job, _copies, _printer: None, self, printer)
            self.previewReady.emit(dialog)
            dialog.exec()
            dialog.deleteLater()

        run_in_background(self, render, show, lambda e: report_error(self, e), label="正在生成寄送清单和标签…")

    def on_save(self, path: str | None = None) -> None:
        day = self.chosen_day()
        if path is None:
            suggested = data_dir() / "mail" / f"寄送清单-{day:%Y%m%d}.xlsx"
            try:
                suggested.parent.mkdir(parents=True, exist_ok=True)
            except OSError:  # the dialog then starts wherever the system puts it
                suggested = Path(suggested.name)
            path, _ = QFileDialog.getSaveFileName(self, "保存寄送清单", str(suggested), "Excel 工作簿 (*.xlsx)")
            if not path:
                return
        target = Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")
        try:
            saved, n = export_mail_list(self.ctx.service, day, target)
        except Exception as e:
            report_error(self, e)
            return
        show_info(self, f"已导出 {n} 件到 {saved}")
