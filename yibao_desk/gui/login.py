"""Login: staff id and password; lock-out after repeated failures (the journal counts them)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from yibao_desk.gui.context import AppContext
from yibao_desk.journal.staff import Actor, AuthError


class LoginDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, locked: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.actor: Actor | None = None
        self.setWindowTitle("医保窗口桌面 — 屏幕已锁定" if locked else "医保窗口桌面 — 登录")
        self.setMinimumWidth(380)
        region = ctx.service.device()
        heading = QLabel(f"<h2>医保窗口桌面</h2><p>{ctx.region.name}　{region.window if region else ''}</p>")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("登录")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("退出程序" if not locked else "退出")
        buttons.accepted.connect(self.on_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        if ctx.actor is not None:
            self.staff_id.setText(ctx.actor.staff_id)
            self.password.setFocus()

    def on_login(self) -> None:
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
