"""The supervisor's ledger export: date range, window, source, full ID numbers (password asked again), a
progress bar that never freezes the window, and a button that opens the folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yibao_desk.gui.context import AppContext
from yibao_desk.gui.messages import report_error
from yibao_desk.gui.ops import run_in_background
from yibao_desk.ledger.export import export_ledger
from yibao_desk.ledger.rows import LedgerQuery
from yibao_desk.settings_paths import data_dir


class _Progress(QObject):
    moved = Signal(int, int)


class LedgerDialog(QDialog):
    exported = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("导出台账")
        self.setMinimumWidth(520)
        today = QDate.currentDate()
        self.start = QDateEdit(today)
        self.end = QDateEdit(today)
        for w in (self.start, self.end):
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy-MM-dd")
        self.window_filter = QLineEdit()
        self.window_filter.setPlaceholderText("留空为全部窗口")
        self.source = QLineEdit()
        self.source.setPlaceholderText("留空为本机日志；或填写中心库连接地址")
        self.full_id = QCheckBox("包含完整证件号码和电话（仅主管，需再次输入密码，导出记入日志）")
        self.full_id.setObjectName("fullId")
        self.path = QLineEdit(str(data_dir() / "ledgers" / f"台账-{today.toString('yyyyMMdd')}.xlsx"))
        self.path.setObjectName("ledgerPath")
        browse = QPushButton("选择…")
        browse.clicked.connect(self.on_browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        self.progress = QProgressBar()
        self.progress.setObjectName("ledgerProgress")
        self.progress.setValue(0)
        self.message = QLabel("")
        self.message.setObjectName("ledgerMessage")
        self.message.setWordWrap(True)
        self.export_button = QPushButton("导出")
        self.export_button.setObjectName("exportLedger")
        self.open_folder = QPushButton("打开所在文件夹")
        self.open_folder.setEnabled(False)
        close = QPushButton("关闭")
        self.export_button.clicked.connect(self.on_export)
        self.open_folder.clicked.connect(self.on_open_folder)
        close.clicked.connect(self.accept)
        form = QFormLayout()
        form.addRow("开始日期", self.start)
        form.addRow("结束日期", self.end)
        form.addRow("窗口", self.window_filter)
        form.addRow("数据来源", self.source)
        form.addRow("", self.full_id)
        form.addRow("保存到", path_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.open_folder)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        actor = ctx.actor
        self.full_id.setEnabled(actor is not None and actor.role == "supervisor")
        self._signals = _Progress()
        self._signals.moved.connect(self.on_progress, Qt.ConnectionType.QueuedConnection)

    def on_browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "保存台账", self.path.text(), "Excel 工作簿 (*.xlsx)")
        if path:
            self.path.setText(path if path.endswith(".xlsx") else path + ".xlsx")

    def on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def query(self) -> LedgerQuery:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        assert isinstance(start, dt.date) and isinstance(end, dt.date)
        return LedgerQuery(
            start,
            end,
            self.window_filter.text().strip() or None,
            self.full_id.isChecked(),
            self.source.text().strip() or "local",
            dt.date.today(),
        )

    def on_export(self, password: str | None = None) -> None:
        actor = self.ctx.require_actor()
        query = self.query()
        if query.full_id:
            if password is None:
                password, ok = QInputDialog.getText(
                    self, "主管身份验证", f"请输入 {actor.name} 的密码：", QLineEdit.EchoMode.Password
                )
                if not ok:
                    return
            try:
                self.ctx.service.login(actor.staff_id, password)
            except Exception as e:
                report_error(self, e)
                return
        path = Path(self.path.text())
        self.export_button.setEnabled(False)
        self.message.setText("正在导出…")
        signals = self._signals

        def work() -> tuple[Path, int]:
            return export_ledger(self.ctx.service, actor.staff_id, query, path, lambda d, t: signals.moved.emit(d, t))

        def done(result: tuple[Path, int]) -> None:
            self.export_button.setEnabled(True)
            self.open_folder.setEnabled(True)
            self.message.setText(f"已导出 {result[1]} 个办件：{result[0]}")
            self.exported.emit(str(result[0]))

        def failed(error: Exception) -> None:
            self.export_button.setEnabled(True)
            self.message.setText("")
            report_error(self, error)

        run_in_background(self, work, done, failed)

    def on_open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.path.text()).parent)))
