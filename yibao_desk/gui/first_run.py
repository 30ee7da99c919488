"""First run: region profile, window name, device id and the first supervisor account — on one page."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from yibao_desk.gui.messages import is_user_error
from yibao_desk.journal.intake import IntakeService


class FirstRunDialog(QDialog):
    def __init__(self, service: IntakeService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.setWindowTitle("医保窗口桌面 — 首次设置")
        self.setMinimumWidth(520)
        intro = QLabel(
            "欢迎使用医保窗口桌面。请设置本机所属地区、窗口和设备编号，并创建第一个主管账号。"
            "设备编号印在每个办件编号中，设置后不能更改。"
        )
        intro.setWordWrap(True)
        self.region = QComboBox()
        self.region.setObjectName("region")
        for r in service.catalog.regions.values():
            self.region.addItem(f"{r.name}（{r.profile.province}）", r.id)
        self.window_name = QLineEdit()
        self.window_name.setObjectName("windowName")
        self.window_name.setPlaceholderText("例如：医保服务专区 3 号窗口")
        self.device_id = QLineEdit()
        self.device_id.setObjectName("deviceId")
        self.device_id.setPlaceholderText("1-8 位大写字母或数字，例如 W03")
        self.sup_id = QLineEdit()
        self.sup_id.setObjectName("supervisorId")
        self.sup_name = QLineEdit()
        self.sup_name.setObjectName("supervisorName")
        self.sup_pw = QLineEdit()
        self.sup_pw.setObjectName("supervisorPassword")
        self.sup_pw2 = QLineEdit()
        self.sup_pw2.setObjectName("supervisorPassword2")
        for w in (self.sup_pw, self.sup_pw2):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        place = QGroupBox("本机")
        f1 = QFormLayout(place)
        f1.addRow("地区", self.region)
        f1.addRow("窗口名称", self.window_name)
        f1.addRow("设备编号", self.device_id)
        sup = QGroupBox("第一个主管账号")
        f2 = QFormLayout(sup)
        f2.addRow("工号", self.sup_id)
        f2.addRow("姓名", self.sup_name)
        f2.addRow("密码", self.sup_pw)
        f2.addRow("再次输入密码", self.sup_pw2)
        self.message = QLabel("")
        self.message.setObjectName("firstRunMessage")
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("完成设置")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("退出")
        buttons.accepted.connect(self.on_done)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, place, sup, self.message, buttons):
            layout.addWidget(widget)

    def on_done(self) -> None:
        if self.sup_pw.text() != self.sup_pw2.text():
            self.message.setText("两次输入的密码不一致")
            return
        needs_device = self.service.device() is None
        try:
            if needs_device:
                self.service.setup_device(self.device_id.text(), self.region.currentData(), self.window_name.text())
            if not self.service.has_supervisor():
                self.service.add_staff(
                    None, self.sup_id.text().strip(), self.sup_name.text(), "supervisor", self.sup_pw.text()
                )
        except Exception as e:
            if not is_user_error(e):
                raise
            self.message.setText(str(e))
            return
        self.accept()
