"""The main window: 收件 / 办件 / 设置 pages, a status bar (region, window, clerk, journal health, sync, clock),
switching clerk and the idle lock."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, QSize, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from yibao_desk.gui.cases_page import CasesPage
from yibao_desk.gui.context import AppContext
from yibao_desk.gui.eliding_label import ElidingLabel
from yibao_desk.gui.intake.intake_page import IntakePage
from yibao_desk.gui.login import LoginDialog
from yibao_desk.gui.ops import run_in_background
from yibao_desk.gui.settings_page import SettingsPage
from yibao_desk.gui.window_sizes import fit, remember
from yibao_desk.journal.verify import verify


class _ActivityFilter(QObject):
    def __init__(self, on_activity, parent: QObject) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)  # deleted with the window, and so taken off the application's filters
        self.on_activity = on_activity

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
            self.on_activity()
        return False


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle("医保窗口桌面")
        fit(self, "main", QSize(1366, 768))
        self.intake = IntakePage(ctx)
        self.cases = CasesPage(ctx)
        self.settings = SettingsPage(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.intake, "收件（Alt+1）")
        self.tabs.addTab(self.cases, "办件（Alt+2）")
        self.tabs.addTab(self.settings, "设置（主管，Alt+3）")
        self.banner = QLabel("")  # a read-only journal: red, above everything, with the way out
        self.banner.setObjectName("journal_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #b00020; color: white; font-weight: bold; padding: 6px;")
        self.banner.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.banner)
        column.addWidget(self.tabs)
        self.setCentralWidget(central)
        self.tabs.currentChanged.connect(self.on_tab)
        self.cases.openDraft.connect(self.resume_case)

        # at most these widths (the whole text in the tooltip): the rest of the line is the clerk's messages
        widths = {"region": 290, "clerk": 170, "journal": 150, "sms": 200, "sync": 200, "clock": 150}
        self.status_labels: dict[str, QLabel] = {k: ElidingLabel("", max_width=w) for k, w in widths.items()}
        for key, label in self.status_labels.items():  # permanent: a passing message never covers them
            label.setObjectName(f"status_{key}")
            self.statusBar().addPermanentWidget(label)
        self.clock = QTimer(self)
        self.clock.timeout.connect(self.tick)
        self.clock.start(15_000)

        menu = self.menuBar().addMenu("程序")
        # (text, keys, slot, the permission that shows it): a role without it does not see the entry
        self.role_actions: dict[str, QAction] = {}
        self.denied_keys: dict[str, QShortcut] = {}
        for text, keys, slot, permission in (
            ("新收件", "Ctrl+N", self.new_case, None),
            ("收件", "Alt+1", lambda: self.tabs.setCurrentIndex(0), None),
            ("办件列表", "Alt+2", lambda: self.tabs.setCurrentIndex(1), None),
            ("设置", "Alt+3", lambda: self.tabs.setCurrentIndex(2), "settings.change"),
            ("填写官方表格", "F6", lambda: self.intake.on_fill_form(), "case.open"),
            ("导出台账", "Ctrl+E", self.export_ledger, "ledger.export"),
            ("寄送清单与邮寄标签", "", self.open_mail_list, "case.deliver"),
            ("短信发件箱", "Ctrl+Shift+M", self.open_sms, "sms.send"),
            ("纸质材料移交清单", "", self.open_handoff, "case.print"),
            ("与中心同步", "Ctrl+Shift+S", self.open_sync, "sync.run"),
            ("节假日安排", "", self.open_holidays, "calendar.change"),
            ("关于本窗口", "", self.show_about, None),
            ("锁定屏幕 / 切换人员", "Ctrl+L", self.lock, None),
            ("退出", "Ctrl+Q", self.close, None),
        ):
            action = QAction(text, self)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            menu.addAction(action)
            self.addAction(action)
            if permission:
                self.role_actions[permission] = action
                if keys:  # the key of an entry the role does not see says why instead of doing nothing
                    denied = QShortcut(QKeySequence(keys), self)
                    denied.setEnabled(False)
                    denied.activated.connect(lambda t=text, p=permission: self.say_denied(t, p))
                    self.denied_keys[permission] = denied
        self.intake.notice.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.intake.openCase.connect(self._show_case)

        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.lock)
        self._filter = _ActivityFilter(self.on_activity, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._filter)
        from yibao_desk.gui.sync_view import SyncController

        self.sync = SyncController(ctx)
        self.sync.setParent(self)  # goes with the window
        self.sync.statusChanged.connect(self.on_sync_status)
        from yibao_desk.gui.sms_view import SmsController

        self.sms = SmsController(ctx)
        self.sms.setParent(self)
        self.sms.statusChanged.connect(self.on_sms_status)
        ctx.actorChanged.connect(self.on_actor)
        ctx.settingsChanged.connect(self.apply_settings)
        ctx.casesChanged.connect(self.tick)

    def start(self) -> None:
        self.intake.new_case()
        self.cases.refresh()
        self.apply_settings()
        self.on_actor(self.ctx.actor)
        self.tick()
        self.check_journal()
        self.sync.apply_settings()
        self.sync.sync_now()
        self.sms.start()
        self.sms.send_now()

    def apply_settings(self) -> None:
        minutes = int(self.ctx.service.settings().get("idle_lock_minutes", 10))
        self.idle.setInterval(minutes * 60_000)
        self.idle.start()

    def on_activity(self) -> None:
        if self.idle.isActive() or self.ctx.actor is not None:
            self.idle.start()

    def new_case(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.intake.new_case()

    def on_actor(self, actor) -> None:  # type: ignore[no-untyped-def]
        from yibao_desk.journal.roles import allowed

        # entries for what the region's guide asks for: the 移交清单 where it names 承办部门
        offered = {"case.print": bool(self.ctx.region.profile.handoff_departments)}
        for permission, action in self.role_actions.items():
            action.setVisible(actor is not None and allowed(actor.role, permission) and offered.get(permission, True))
            if permission in self.denied_keys:
                self.denied_keys[permission].setEnabled(not action.isVisible())
        is_sup = actor is not None and actor.role == "supervisor"
        if not is_sup and self.tabs.currentWidget() is self.settings:
            self.tabs.setCurrentIndex(0)  # the next one at the counter starts at 收件, not wherever Qt moves to
        self.tabs.setTabVisible(2, is_sup)
        if is_sup:
            self.settings.load()
        self.status_labels["clerk"].setText(f"{actor.name}（{actor.role_zh}）" if actor else "未登录")
        if is_sup:
            said = [t for t in (self.remind_holidays(), self.remind_bad_ratings()) if t]
            if said:
                self.statusBar().showMessage("；".join(said), 60_000)

    def remind_holidays(self, today: dt.date | None = None) -> str:
        """From 1 November a supervisor is reminded while next year's 放假安排 is not entered (empty: no reminder)."""
        today = today or dt.date.today()
        coming = today.year + 1
        if today.month < 11 or self.ctx.service.calendar.knows(coming):
            return ""
        text = (
            f"{coming}年法定节假日安排尚未录入：国务院通知发布后请在 程序 → 节假日安排 中录入，"
            "否则承诺办结日期按周一至周五推算"
        )
        self.statusBar().showMessage(text, 60_000)
        return text

    def remind_bad_ratings(self, today: dt.date | None = None) -> str:
        """A supervisor hears of today's 差评 at sign-in (empty: none), and where to read them."""
        from yibao_desk.journal.case_rating import bad_ratings_between

        today = today or dt.date.today()
        found = bad_ratings_between(self.ctx.service.cases_with_bad_ratings(today, today), today, today)
        if not found:
            return ""
        return f"今日有 {len(found)} 条差评：在 办件 页的状态中选“有差评的办件”（按评价日期）查看理由"

    def open_holidays(self) -> None:
        from yibao_desk.gui.holidays_dialog import HolidaysDialog
        from yibao_desk.gui.messages import show_info

        dialog = HolidaysDialog(self.ctx, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.intake.recompute()
            show_info(self, f"已录入 {dialog.year.value()} 年节假日安排，承诺办结日期即时按此计算")

    def say_denied(self, text: str, permission: str) -> None:
        from yibao_desk.journal.roles import PERMISSIONS, ROLES

        need = "、".join(ROLES[r] for r in sorted(PERMISSIONS[permission]))
        actor = self.ctx.actor
        who = f"当前登录：{actor.name}（{actor.role_zh}）" if actor else "尚未登录"
        self.statusBar().showMessage(f"「{text}」仅限{need}使用（{who}）", 10_000)

    def resume_case(self, case_number: str) -> None:
        self.tabs.setCurrentIndex(0)
        self.intake.load_case(case_number)

    def on_tab(self, index: int) -> None:
        if index == 1:
            self.cases.refresh()
            self.cases.search.setFocus()

    def tick(self) -> None:
        region = self.ctx.region
        self.status_labels["region"].setText(f"{region.name}　{self.ctx.window_name()}")
        self.status_labels["clock"].setText(dt.datetime.now().strftime("%Y-%m-%d %H:%M"))

    def check_journal(self) -> None:
        self.status_labels["journal"].setText("日志：检查中…")

        self.show_read_only()

        def done(report) -> None:  # type: ignore[no-untyped-def]
            if not report.ok:
                from yibao_desk.journal.verify import remember_failure

                remember_failure(self.ctx.service.journal, report)
                self.show_read_only()
            if report.ok and not report.files_ok:
                self.status_labels["journal"].setText(f"日志：完好，但 {len(report.attachment_problems)} 个扫描件缺失")
                self.status_labels["journal"].setToolTip("\n".join(report.attachment_problems[:10]))
                self.status_labels["journal"].setStyleSheet("color: #b26a00; font-weight: bold;")
            elif report.ok:
                self.status_labels["journal"].setText("日志：完好（启动时已校验）")
                self.status_labels["journal"].setStyleSheet("color: #1b5e20;")
            else:
                self.status_labels["journal"].setText("日志：校验异常，请联系主管")
                self.status_labels["journal"].setStyleSheet("color: #b00020; font-weight: bold;")

        run_in_background(self, lambda: verify(self.ctx.service.journal, hash_files=False), done)

    def show_read_only(self) -> None:
        from yibao_desk.journal.db import READ_ONLY_WAY_OUT

        journal = self.ctx.service.journal
        if journal.read_only:
            self.banner.setText(f"办件日志未通过校验，已停止收件：{journal.problems[0]}{READ_ONLY_WAY_OUT}")
            self.banner.show()
        else:
            self.banner.hide()

    def on_sync_status(self, status) -> None:  # type: ignore[no-untyped-def]
        from yibao_desk.gui.sync_view import status_text

        text, colour = status_text(status, bool(self.sync.target()))
        self.status_labels["sync"].setText(text)
        self.status_labels["sync"].setStyleSheet(f"color: {colour};")
        self.show_read_only()  # a push that found the journal behind the centre halts it

    def on_sms_status(self, text: str, colour: str) -> None:
        self.status_labels["sms"].setText(text)
        self.status_labels["sms"].setStyleSheet(f"color: {colour};" if colour else "")

    def open_handoff(self) -> None:
        from yibao_desk.gui.handoff_dialog import HandoffDialog

        dialog = HandoffDialog(self.ctx, self)
        dialog.exec()
        dialog.deleteLater()

    def open_sms(self) -> None:
        from yibao_desk.gui.sms_view import SmsDialog

        dialog = SmsDialog(self.ctx, self.sms, self)
        dialog.exec()
        dialog.deleteLater()

    def open_sync(self) -> None:
        from yibao_desk.gui.sync_view import SyncDialog

        dialog = SyncDialog(self.ctx, self.sync, self)
        dialog.exec()
        dialog.deleteLater()

    def export_ledger(self) -> None:
        from yibao_desk.gui.ledger_dialog import LedgerDialog

        LedgerDialog(self.ctx, self).exec()

    def open_mail_list(self) -> None:
        from yibao_desk.gui.mail_dialog import MailDialog

        dialog = MailDialog(self.ctx, self)
        dialog.exec()
        dialog.deleteLater()

    def show_about(self) -> None:
        from yibao_desk.gui.about import AboutDialog

        AboutDialog(self.ctx, self).exec()

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self._filter)  # a closed window no longer watches for activity
        self.idle.stop()
        self.clock.stop()
        self.sync.stop()
        self.sms.stop()
        remember(self, "main")
        super().closeEvent(event)

    def _show_case(self, number: str) -> None:
        self.tabs.setCurrentWidget(self.cases)
        self.cases.show_case(number)

    def lock(self) -> None:
        dialog = LoginDialog(self.ctx, self, locked=True)
        self.ctx.locked = True
        answer = dialog.exec()
        self.ctx.locked = False
        if answer == QDialog.DialogCode.Accepted and dialog.actor is not None:
            self.ctx.sign_in(dialog.actor)
            self.idle.start()
        else:
            self.close()
