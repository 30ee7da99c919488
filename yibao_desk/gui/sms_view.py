"""短信发件箱 (程序 menu) and the background sender: the outbox's notices as a table (what, to whom, its state and
text), 立即发送 through the gateway, 标记已发送 after sending by hand, 重新发送, 复制短信内容; the status bar's
words. The notices and their states come from the journal (journal/sms_notices.py); this module only shows them
and asks the service to act."""

from __future__ import annotations

import datetime as dt
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yibao_desk.domain.sms import parts
from yibao_desk.gui.context import AppContext
from yibao_desk.gui.messages import report_error
from yibao_desk.gui.ops import run_in_background
from yibao_desk.journal.sms_notices import Notice

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("写入时间", "办件编号", "通知", "手机号码", "状态", "短信内容")
_COLOURS = {"sent": "#1b5e20", "failed": "#b00020", "unknown": "#b00020", "no_mobile": "#b00020", "retry": "#e65100"}


def status_text(waiting: int, attention: int, gateway: bool) -> tuple[str, str]:
    """The status bar's words and colour ("" when the outbox holds nothing to do)."""
    if not waiting and not attention:
        return "", ""
    said = [f"{waiting} 条待发" + ("" if gateway else "（手工）")] if waiting else []
    if attention:
        said.append(f"{attention} 条需处理")
    return "短信：" + "，".join(said), "#b00020" if attention else "#e65100"


class SmsController(QObject):
    """Sends the due notices in the background (HTTP gateway only), every minute and soon after a case changes."""

    statusChanged = Signal(str, str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.running = False
        self.last_error = ""
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.send_now)
        self.soon = QTimer(self)
        self.soon.setSingleShot(True)
        self.soon.timeout.connect(self.send_now)
        ctx.casesChanged.connect(lambda: self.soon.start(2_000))
        ctx.settingsChanged.connect(self.refresh)

    def start(self) -> None:
        self.timer.start(60_000)
        self.refresh()

    def stop(self) -> None:
        self.timer.stop()
        self.soon.stop()

    def gateway_on(self) -> bool:
        return self.ctx.service.settings().get("sms_gateway") == "http"

    def refresh(self) -> None:
        waiting, attention = self.ctx.service.sms_waiting()
        text, colour = status_text(waiting, attention, self.gateway_on())
        if text and self.last_error:
            text += "，上次失败"
        self.statusChanged.emit(text, colour)

    def send_now(self, parent: QWidget | None = None) -> None:
        """Send what is due (nothing while another send runs, with the manual way, or with nobody signed in)."""
        actor = self.ctx.actor
        if self.running or actor is None or not self.gateway_on():
            self.refresh()
            return
        from yibao_desk.sms.gateway import HttpGateway
        from yibao_desk.sms.sender import send_due

        svc = self.ctx.service
        self.running = True

        def work() -> Any:
            return send_due(svc, HttpGateway.from_settings(svc.settings()), actor.staff_id)

        def done(report: Any) -> None:
            self.running = False
            troubles = [*report.failed, *report.unknown]
            self.last_error = troubles[-1][1] if troubles else ""
            self.refresh()
            if parent is not None and shiboken6.isValid(parent):  # the outbox may have been closed meanwhile
                from yibao_desk.gui.messages import show_info

                failed = "\n".join(f"{n.id}：{why}" for n, why in troubles)
                show_info(parent, report.summary() + (f"\n{failed}" if failed else ""))

        def failed(error: Exception) -> None:
            self.running = False
            self.last_error = str(error)
            self.refresh()
            if parent is not None and shiboken6.isValid(parent):
                report_error(parent, error)

        run_in_background(parent, work, done, failed, label="正在发送短信…" if parent is not None else None)


def state_text_of(n: Notice) -> str:
    """A notice's state as its row says it: a retry with its time, a manual send as such."""
    if n.state == "retry" and n.next_utc:
        at = dt.datetime.fromisoformat(n.next_utc).astimezone()
        return f"{n.state_zh}（{at:%H:%M} 再试）"
    if n.state == "sent" and n.via == "manual":
        return f"{n.state_zh}（手工）"
    return n.state_zh


def detail_text(n: Notice) -> str:
    """The selected notice in full: what to send, to whom, in how many parts, and why it has not gone."""
    lines = [
        f"{n.id}　{n.kind_zh} → {n.phone or '没有手机号码：请电话告知申请人，再标记已发送'}（{parts(n.text)} 条短信）"
    ]
    lines.append(n.text)
    if n.error and n.state != "sent":
        lines.append(f"未发出的原因：{n.error}")
    if n.in_flight(dt.datetime.now(dt.UTC)):
        lines.append("正在交短信网关发送，稍候即有结果")
    elif n.state == "unknown":
        lines.append("短信网关未答复或发送时程序中断，不知是否送达：请向申请人核实后“标记已发送”，或“重新发送”")
    if n.state == "sent":
        how = "手工发送" if n.via == "manual" else f"短信网关{('，回执编号 ' + n.ref) if n.ref else ''}"
        lines.append(f"已于 {n.sent_local[:16].replace('T', ' ')} 发送（{how}）")
    return "\n".join(lines)


class OutboxModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.notices: list[Notice] = []

    def set_notices(self, notices: list[Notice]) -> None:
        self.beginResetModel()
        self.notices = notices
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.notices)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        n = self.notices[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 4 and n.error and n.state != "sent":
            return f"{n.state_zh}：{n.error}"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            when = n.queued_local[:16].replace("T", " ")
            values = (when, n.case_number, n.kind_zh, n.phone or "（无）", state_text_of(n), n.text)
            return values[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 4 and n.state in _COLOURS:
            return QColor(_COLOURS[n.state])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None


class SmsDialog(QDialog):
    def __init__(self, ctx: AppContext, controller: SmsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.controller = ctx, controller
        self.setWindowTitle("短信发件箱")
        self.resize(1180, 480)
        self.summary = QLabel("")
        self.summary.setObjectName("smsSummary")
        self.summary.setWordWrap(True)
        self.model = OutboxModel()
        self.table = QTableView()
        self.table.setObjectName("smsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.detail = QLabel("")
        self.detail.setObjectName("smsDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet("background: #f5f5f5; padding: 6px;")
        self.send = QPushButton("立即发送（F5）")
        self.send.setObjectName("smsSend")
        self.send.setShortcut("F5")
        self.mark = QPushButton("标记已发送（Ctrl+M）")
        self.mark.setObjectName("smsMarkSent")
        self.mark.setShortcut("Ctrl+M")
        self.resend = QPushButton("重新发送")
        self.resend.setObjectName("smsResend")
        self.copy = QPushButton("复制号码和内容（Ctrl+Shift+C）")
        self.copy.setObjectName("smsCopy")
        self.copy.setShortcut("Ctrl+Shift+C")
        close = QPushButton("关闭")
        self.send.clicked.connect(lambda: self.controller.send_now(self))
        self.mark.clicked.connect(self.on_mark)
        self.resend.clicked.connect(self.on_resend)
        self.copy.clicked.connect(self.on_copy)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for b in (self.send, self.mark, self.resend, self.copy):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.enable())
        controller.statusChanged.connect(self.on_status)  # bound method: dropped with the dialog
        self.reload()

    def on_status(self, _text: str, _colour: str) -> None:
        self.reload()

    def reload(self) -> None:
        keep = self.current()
        self.model.set_notices(self.ctx.service.sms_outbox())
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(4, min(self.table.columnWidth(4), 230))  # the reason is in the tooltip and below
        ids = [n.id for n in self.model.notices]
        row = ids.index(keep.id) if keep and keep.id in ids else (0 if ids else -1)
        if row >= 0:
            self.table.selectRow(row)
        waiting, attention = self.ctx.service.sms_waiting()
        how = (
            "HTTP 短信网关（自动发送，失败自动重试）" if self.controller.gateway_on() else "手工发送：发出后标记已发送"
        )
        text = f"发送方式：{how}。待发送 {waiting} 条，需处理 {attention} 条"
        if not self.ctx.region.profile.sms_notices:
            text = "本地区办事指南未承诺短信通知，发件箱不写入短信"
        elif self.controller.last_error:
            text += f"。上次发送失败：{self.controller.last_error}"
        self.summary.setText(text)
        self.send.setEnabled(self.controller.gateway_on() and waiting > 0)
        self.enable()

    def current(self) -> Notice | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.notices[rows[0].row()] if rows else None

    def enable(self) -> None:
        n = self.current()
        self.detail.setText(detail_text(n) if n else "发件箱中没有短信")
        self.mark.setEnabled(n is not None and n.state != "sent")
        now = dt.datetime.now(dt.UTC)
        self.resend.setEnabled(n is not None and n.state in ("failed", "retry", "unknown") and not n.in_flight(now))
        self.copy.setEnabled(n is not None)

    def _act(self, fn: Any) -> None:
        n, actor = self.current(), self.ctx.actor
        if n is None or actor is None:
            return
        try:
            fn(actor.staff_id, n.id)
        except Exception as e:
            report_error(self, e)
        self.controller.refresh()
        self.reload()

    def on_mark(self) -> None:
        self._act(self.ctx.service.mark_sms_sent)

    def on_resend(self) -> None:
        self._act(self.ctx.service.resend_sms)
        if self.controller.gateway_on():
            self.controller.send_now(self)

    def on_copy(self) -> None:
        n = self.current()
        if n is not None:
            QGuiApplication.clipboard().setText(f"{n.phone}\n{n.text}" if n.phone else n.text)
            self.summary.setText(f"已复制短信 {n.id} 的手机号码和内容")
