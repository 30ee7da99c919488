"""Supervisor settings and staff management. The settings come from their declaration (resources/settings.yaml):
one editor per declared setting, validated by the same declaration. A password in a setting (the sync target's)
is shown as *** (settings.display_value); the value as shown, saved back, keeps the saved password."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from yibao_desk.gui.context import AppContext
from yibao_desk.gui.messages import report_error, show_info
from yibao_desk.journal.roles import ROLES
from yibao_desk.journal.settings import declared, display_value


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.editors: dict[str, QWidget] = {}
        box = QGroupBox("设置（主管）")
        form = QFormLayout(box)
        for key, spec in declared().items():
            editor: QWidget
            if spec.type == "int":
                sb = QSpinBox()
                sb.setRange(
                    int(spec.min if spec.min is not None else 0), int(spec.max if spec.max is not None else 10**6)
                )
                editor = sb
            elif spec.type == "float":
                ds = QDoubleSpinBox()
                ds.setDecimals(2)
                ds.setRange(spec.min if spec.min is not None else -1e6, spec.max if spec.max is not None else 1e6)
                ds.setSingleStep(0.1)
                editor = ds
            elif spec.type == "choice":
                cb = QComboBox()
                cb.addItems(list(spec.options))
                editor = cb
            else:
                editor = QLineEdit()
            editor.setObjectName(f"setting_{key}")
            editor.setToolTip(spec.description)
            form.addRow(spec.label, editor)
            self.editors[key] = editor
        save = QPushButton("保存设置")
        save.setObjectName("saveSettings")
        save.clicked.connect(self.on_save)
        form.addRow(save)
        staff = QGroupBox("工作人员")
        self.staff = QListWidget()
        self.staff.setObjectName("staffList")
        sl = QVBoxLayout(staff)
        sl.addWidget(self.staff)
        row = QHBoxLayout()
        for text, slot in (
            ("添加…", self.on_add),
            ("停用", self.on_disable),
            ("启用", self.on_enable),
            ("解除锁定", self.on_unlock),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            row.addWidget(b)
        sl.addLayout(row)
        layout = QHBoxLayout(self)
        layout.addWidget(box, 1)
        layout.addWidget(staff, 1)

    def load(self) -> None:
        values = self.ctx.service.settings()
        for key, editor in self.editors.items():
            v = values[key]
            if isinstance(editor, QSpinBox):
                editor.setValue(int(v))
            elif isinstance(editor, QDoubleSpinBox):
                editor.setValue(float(v))
            elif isinstance(editor, QComboBox):
                editor.setCurrentText(str(v))
            elif isinstance(editor, QLineEdit):
                editor.setText(str(display_value(key, v)))
        self.staff.clear()
        for s in self.ctx.service.staff_list():
            state = "在用" if s["active"] else "已停用"
            if s["locked_until"]:
                state += "，已锁定"
            self.staff.addItem(f"{s['id']}　{s['name']}　{ROLES.get(s['role'], s['role'])}　{state}")

    def on_save(self) -> None:
        actor = self.ctx.require_actor()
        current = self.ctx.service.settings()
        try:
            for key, editor in self.editors.items():
                if isinstance(editor, QSpinBox | QDoubleSpinBox):
                    value: object = editor.value()
                elif isinstance(editor, QComboBox):
                    value = editor.currentText()
                else:
                    assert isinstance(editor, QLineEdit)
                    value = editor.text()
                if value != current[key] and value != display_value(key, current[key]):
                    self.ctx.service.change_setting(actor.staff_id, key, value)
        except Exception as e:
            report_error(self, e)
            return
        self.load()  # as stored: a pasted password is shown as *** from now on
        self.ctx.settingsChanged.emit()
        show_info(self, "设置已保存")

    def _selected_id(self) -> str | None:
        item = self.staff.currentItem()
        return item.text().split("　")[0] if item else None

    def _staff_action(self, fn) -> None:  # type: ignore[no-untyped-def]
        staff_id = self._selected_id()
        if staff_id is None:
            return
        try:
            fn(self.ctx.require_actor().staff_id, staff_id)
        except Exception as e:
            report_error(self, e)
        self.load()

    def on_disable(self) -> None:
        self._staff_action(lambda by, sid: self.ctx.service.set_staff_active(by, sid, False))

    def on_enable(self) -> None:
        self._staff_action(lambda by, sid: self.ctx.service.set_staff_active(by, sid, True))

    def on_unlock(self) -> None:
        self._staff_action(self.ctx.service.unlock_staff)

    def on_add(self) -> None:
        staff_id, ok = QInputDialog.getText(self, "添加工作人员", "工号：")
        if not ok:
            return
        name, ok = QInputDialog.getText(self, "添加工作人员", "姓名：")
        if not ok:
            return
        role_names = list(ROLES.values())
        role_zh, ok = QInputDialog.getItem(self, "添加工作人员", "角色：", role_names, 0, False)
        if not ok:
            return
        password, ok = QInputDialog.getText(
            self, "添加工作人员", "初始密码（至少 6 位）：", QLineEdit.EchoMode.Password
        )
        if not ok:
            return
        role = list(ROLES)[role_names.index(role_zh)]
        try:
            self.ctx.service.add_staff(self.ctx.require_actor().staff_id, staff_id.strip(), name, role, password)
        except Exception as e:
            report_error(self, e)
        self.load()
