"""添加工作人员 in one dialog: 工号, 姓名, 角色 and the initial password typed twice; OK only when all are there and
the two passwords agree (the journal checks the rest: a free 工号, a password of at least 6 characters)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from yibao_desk.journal.roles import ROLES

MIN_PASSWORD = 6


class StaffDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("添加工作人员")
        self.staff_id = QLineEdit()
        self.staff_id.setObjectName("newStaffId")
        self.staff_id.setMaxLength(20)
        self.name = QLineEdit()
        self.name.setObjectName("newStaffName")
        self.name.setMaxLength(50)
        self.role = QComboBox()
        self.role.setObjectName("newStaffRole")
        for role, text in ROLES.items():
            self.role.addItem(text, role)
        self.password = QLineEdit()
        self.password.setObjectName("newStaffPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("newStaffPasswordAgain")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.note = QLabel("")
        self.note.setObjectName("newStaffNote")
        self.note.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.addRow("工号", self.staff_id)
        form.addRow("姓名", self.name)
        form.addRow("角色", self.role)
        form.addRow(f"初始密码（至少 {MIN_PASSWORD} 位）", self.password)
        form.addRow("再输入一次", self.again)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        for edit in (self.staff_id, self.name, self.password, self.again):
            edit.textChanged.connect(self.check)
        self.check()

    def problem(self) -> str:
        if not self.staff_id.text().strip():
            return "请填写工号"
        if any(c.isspace() for c in self.staff_id.text().strip()):
            return "工号不能含空格"
        if not self.name.text().strip():
            return "请填写姓名"
        if len(self.password.text()) < MIN_PASSWORD:
            return f"初始密码至少 {MIN_PASSWORD} 位"
        if self.again.text() != self.password.text():
            return "两次输入的密码不一致"
        return ""

    def check(self) -> None:
        problem = self.problem()
        typed = any(e.text() for e in (self.staff_id, self.name, self.password, self.again))
        self.note.setText(problem if typed else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def accept(self) -> None:
        if not self.problem():
            super().accept()
