"""Login: staff id and password; lock-out after repeated failures (the journal counts them).

The window shows before the journal and the catalog are loaded (that is most of the start-up time); the login
button waits for them, so a clerk can type while the program finishes starting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from yibao_desk.gui.context import AppContext
    from yibao_desk.journal.staff import Actor


class LoginDialog(QDialog):
    def __init__(self, ctx: AppContext | None, parent: QWidget | None = None, locked: bool = False) -> None:
        super().__init__(parent)
        self.ctx: AppContext | None = None
        self.actor: Actor | None = None
        self.setWindowTitle("医保窗口桌面 — 屏幕已锁定" if locked else "医保窗口桌面 — 登录")
        self.setMinimumWidth(380)
        self.heading = QLabel("<h2>医保窗口桌面</h2><p>正在打开办件日志…</p>")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.staff_id = QLineEdit()
        self.staff_id.setObjectName("staffId")
        self.staff_id.setPlaceholderText("工号")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("密码")
        self.message = QLabel("")
        self.message.setObjectName("loginMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow("工号", self.staff_id)
        form.addRow("密码", self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("登录")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("退出程序" if not locked else "退出")
        self.buttons.accepted.connect(self.on_login)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._login_waiting = False  # Enter pressed while the program was still starting
        if ctx is not None:
            self.set_context(ctx)

    def set_context(self, ctx: AppContext) -> None:
        """The journal and catalog are ready: name the region and window, allow logging in."""
        self.ctx = ctx
        device = ctx.service.device()
        self.heading.setText(f"<h2>医保窗口桌面</h2><p>{ctx.region.name}　{device.window if device else ''}</p>")
        if ctx.actor is not None and not self.staff_id.text():
            self.staff_id.setText(ctx.actor.staff_id)
            self.password.setFocus()
        if self._login_waiting:  # inside the dialog's own loop, which exec() is about to start
            self._login_waiting = False
            self.message.setText("")
            QTimer.singleShot(0, self.on_login)

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Shown (again): the keys go to the field a person fills next."""
        super().showEvent(event)
        field = self.password if self.staff_id.text().strip() else self.staff_id
        QTimer.singleShot(0, field.setFocus)

    def on_login(self) -> None:
        from yibao_desk.journal.staff import AuthError

        if self.ctx is None:  # typed ahead while the program starts: logged in as soon as it can be
            self.message.setText("程序仍在启动，请稍候…")
            self._login_waiting = True
            return
        staff_id = self.staff_id.text().strip()
        if not staff_id or not self.password.text():
            self.message.setText("请输入工号和密码")
            return
        try:
            self.actor = self.ctx.service.login(staff_id, self.password.text())
        except AuthError as e:
            self.message.setText(str(e))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()
