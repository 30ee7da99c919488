"""Background sync on a timer and on demand, never blocking the window; the status bar text; the sync dialog
with progress, the last errors in Chinese, and "export bundle to USB"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from yibao_desk.gui.context import AppContext
from yibao_desk.gui.messages import report_error, show_info
from yibao_desk.gui.ops import run_in_background
from yibao_desk.sync.state import LocalStatus, local_status


def status_text(status: LocalStatus, target_set: bool) -> tuple[str, str]:
    """The status bar's words and colour: green only when the centre confirmed everything."""
    if status.in_sync:
        return f"同步：已全部确认（序号 {status.acked_seq}）", "#1b5e20"
    oldest = (status.oldest_pending_local or "")[:10]
    where = "" if target_set else "，离线：未配置中心"
    text = f"同步：{status.pending} 个事件待中心确认（最早 {oldest}）{where}"
    if status.last_error:
        text += "，上次同步失败"
    return text, "#e65100"


class SyncController(QObject):
    statusChanged = Signal(object)  # LocalStatus
    syncing = Signal(bool)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.running = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        ctx.casesChanged.connect(self.refresh)
        ctx.settingsChanged.connect(self.apply_settings)

    def stop(self) -> None:
        """The program's window closes: no background sync runs after it."""
        self.timer.stop()

    def apply_settings(self) -> None:
        minutes = int(self.ctx.service.settings().get("sync_interval_minutes", 10))
        self.timer.start(minutes * 60_000)
        self.refresh()

    def target(self) -> str:
        return str(self.ctx.service.settings().get("sync_url") or "")

    def refresh(self) -> None:
        self.statusChanged.emit(local_status(self.ctx.service.journal))

    def sync_now(self, parent: QWidget | None = None) -> None:
        url = self.target()
        if not url or self.running:
            self.refresh()
            return
        from yibao_desk.sync.push import push

        self.running = True
        self.syncing.emit(True)
        journal = self.ctx.service.journal

        def done(_report: object) -> None:
            self.running = False
            self.syncing.emit(False)
            self.refresh()

        def failed(error: Exception) -> None:  # recorded in the journal's sync state; shown in the dialog
            self.running = False
            self.syncing.emit(False)
            self.refresh()
            if parent is not None:
                report_error(parent, error)

        run_in_background(parent, lambda: push(journal, url), done, failed)


class SyncDialog(QDialog):
    def __init__(self, ctx: AppContext, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.controller = ctx, controller
        self.setWindowTitle("与中心同步")
        self.setMinimumWidth(560)
        self.summary = QLabel("")
        self.summary.setObjectName("syncSummary")
        self.summary.setWordWrap(True)
        self.error = QLabel("")
        self.error.setObjectName("syncError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        sync = QPushButton("立即同步")
        sync.setObjectName("syncNow")
        export = QPushButton("导出数据包到 U 盘…")
        export.setObjectName("exportBundle")
        ack = QPushButton("读入中心确认文件…")
        close = QPushButton("关闭")
        sync.clicked.connect(lambda: controller.sync_now(self))
        export.clicked.connect(self.on_export)
        ack.clicked.connect(self.on_ack)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        for b in (sync, export, ack):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addLayout(row)
        controller.statusChanged.connect(self.show_status)
        # bound methods, never lambdas: Qt drops a deleted dialog's slots, so the controller (which outlives the
        # dialog) never calls into a dialog that is gone
        controller.syncing.connect(self.show_busy)
        self.show_status(local_status(ctx.service.journal))

    def show_busy(self, busy: bool) -> None:
        self.progress.setRange(0, 0 if busy else 1)

    def show_status(self, status: LocalStatus) -> None:
        text, _colour = status_text(status, bool(self.controller.target()))
        lines = [
            text,
            f"本机设备 {status.device}：最大序号 {status.highest_seq}，中心已确认 {status.acked_seq}",
            f"最近成功同步：{status.last_success or '从未'}",
        ]
        if status.rejected:
            lines.append(f"被中心拒收（冲突）的事件：{status.rejected} 个，请主管处理")
        if status.clock_skew_seconds is not None and abs(status.clock_skew_seconds) > 300:
            lines.append(f"本机时钟与中心相差 {status.clock_skew_seconds:+.0f} 秒，请校准时间")
        self.summary.setText("\n".join(lines))
        self.error.setText(f"上次错误：{status.last_error}" if status.last_error else "")

    def on_export(self, path: str | None = None) -> None:
        from yibao_desk.sync.bundle import export_bundle

        if path is None:
            device = local_status(self.ctx.service.journal).device
            path, _ = QFileDialog.getSaveFileName(self, "导出数据包", f"{device}.bundle", "数据包 (*.bundle)")
            if not path:
                return
        journal = self.ctx.service.journal
        run_in_background(
            self,
            lambda: export_bundle(journal, Path(path)),
            lambda r: show_info(
                self,
                f"已写入并读回校验：{r.path}\n序号 {r.first_seq}–{r.last_seq}，共 {r.count} 个事件。请带到县中心导入。",
            ),
            lambda e: report_error(self, e),
            label="正在写入 U 盘…",
        )

    def on_ack(self) -> None:
        from yibao_desk.sync.bundle import read_ack

        path, _ = QFileDialog.getOpenFileName(self, "读入确认文件", "", "确认文件 (*.json)")
        if not path:
            return
        try:
            seq = read_ack(self.ctx.service.journal, Path(path))
        except Exception as e:
            report_error(self, e)
            return
        self.controller.refresh()
        show_info(self, f"中心已确认到序号 {seq}")
