"""Supervisor settings and staff management. The settings come from their declaration (resources/settings.yaml):
one editor per declared setting, validated by the same declaration. A password in a setting (the sync target's)
is shown as *** (settings.display_value); the value as shown, saved back, keeps the saved password."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from yibao_desk.gui.context import AppContext
from yibao_desk.gui.messages import report_error, show_error, show_info
from yibao_desk.gui.staff_dialog import StaffDialog
from yibao_desk.journal.roles import ROLES
from yibao_desk.journal.settings import SECRET_URLS, SettingError, check_value, declared, display_value, missing_folder


class SettingsPage(QWidget):
    staffDialogOpened = Signal(object)  # StaffDialog (tests hook here)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.editors: dict[str, QWidget] = {}
        box = QGroupBox("设置（主管）")
        form = QFormLayout(box)
        for key, spec in declared().items():
            editor: QWidget
            if spec.type == "choice":
                cb = QComboBox()
                for option in spec.options:  # each choice in words, its value as the item's data
                    cb.addItem(spec.option_labels.get(option, option), option)
                editor = cb
            elif key == "default_printer":  # chosen from this PC's printers, not typed
                editor = QComboBox()
            else:  # numbers too: a value out of range is refused with the range, never clamped
                editor = QLineEdit()
                if spec.min is not None and spec.max is not None:
                    editor.setPlaceholderText(f"{spec.min:g} 到 {spec.max:g}")
            editor.setObjectName(f"setting_{key}")
            editor.setToolTip(spec.description)
            self.editors[key] = editor
            if key in SECRET_URLS:  # the target is tried on request, before or after it is saved
                row = QHBoxLayout()
                row.addWidget(editor, 1)
                self.try_button = QPushButton("试连接")
                self.try_button.setObjectName("trySyncTarget")
                self.try_button.setToolTip("用填写的地址连接中心库，看它是否为本机生成的同步地址（不发送任何数据）")
                self.try_button.clicked.connect(lambda _=False, k=key: self.on_try_target(k))
                row.addWidget(self.try_button)
                form.addRow(spec.label, row)
            else:
                form.addRow(spec.label, editor)
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
        # every declared setting stays reachable on a small screen without making the main window taller
        scroll = QScrollArea()
        scroll.setObjectName("settingsScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(box)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(staff, 1)

    def load(self) -> None:
        values = self.ctx.service.settings()
        for key, editor in self.editors.items():
            v = values[key]
            if key == "default_printer" and isinstance(editor, QComboBox):
                self._fill_printers(editor, str(v))
            elif isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(str(v))))
            elif isinstance(editor, QLineEdit):
                editor.setText(str(display_value(key, v)))
        self.staff.clear()
        for s in self.ctx.service.staff_list():
            state = "在用" if s["active"] else "已停用"
            if s["locked_until"]:
                state += "，已锁定"
            self.staff.addItem(f"{s['id']}　{s['name']}　{ROLES.get(s['role'], s['role'])}　{state}")

    @staticmethod
    def _fill_printers(box: QComboBox, saved: str) -> None:
        from PySide6.QtPrintSupport import QPrinterInfo

        box.clear()
        box.addItem("（系统默认打印机）", "")
        for name in QPrinterInfo.availablePrinterNames():
            box.addItem(name, name)
        if saved and box.findData(saved) < 0:
            box.addItem(f"{saved}（本机未找到）", saved)
        box.setCurrentIndex(max(0, box.findData(saved)))

    def _typed(self, key: str) -> object:
        editor = self.editors[key]
        if isinstance(editor, QComboBox):
            return editor.currentData() or ""
        assert isinstance(editor, QLineEdit)
        return editor.text().strip()

    def on_save(self) -> None:
        actor = self.ctx.require_actor()
        current = self.ctx.service.settings()
        specs = declared()
        changed: dict[str, object] = {}
        problems: list[str] = []
        to_create: dict[str, Path] = {}
        for key in self.editors:  # every value checked first: nothing is saved while one is wrong
            value = self._typed(key)
            if str(value) == str(display_value(key, current[key])) or value == current[key]:
                continue
            folder = missing_folder(specs[key], value)
            if folder is not None:  # offered to be created once everything else is right
                to_create[key] = folder
                changed[key] = value
                continue
            try:
                coerced = check_value(specs[key], value)
            except SettingError as e:
                problems.append(str(e))
                continue
            if coerced != current[key]:
                changed[key] = value
        if problems:
            show_error(self, "设置未保存：\n" + "\n".join(problems))
            return
        for key, folder in to_create.items():
            if not self._create_folder(specs[key].label, folder):
                return
            try:
                check_value(specs[key], changed[key])  # created: it must also be writable
            except SettingError as e:
                show_error(self, f"设置未保存：\n{e}")
                return
        try:
            for key, value in changed.items():
                self.ctx.service.change_setting(actor.staff_id, key, value)
        except Exception as e:
            report_error(self, e)
            return
        self.load()  # as stored: a pasted password is shown as *** from now on
        self.ctx.settingsChanged.emit()
        show_info(self, "设置已保存")

    def _create_folder(self, label: str, folder: Path) -> bool:
        """A folder that does not exist yet is created when the supervisor confirms it (False: nothing saved)."""
        asked = QMessageBox.question(
            self,
            "建立文件夹",
            f"{label}：文件夹 {folder} 不存在。\n要建立这个文件夹吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        if asked != QMessageBox.StandardButton.Yes:
            show_info(self, "设置未保存：请改用已有的文件夹，或确认建立该文件夹")
            return False
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            show_error(self, f"设置未保存：无法建立文件夹 {folder}（{e.strerror or e}）")
            return False
        return True

    def on_try_target(self, key: str) -> None:
        from yibao_desk.gui.ops import run_in_background
        from yibao_desk.sync.probe import try_target

        current = self.ctx.service.settings()
        typed = str(self._typed(key))
        url = str(current[key]) if typed == str(display_value(key, current[key])) else typed
        if not url:
            show_error(self, "请先填写同步目标（中心为本机生成的连接地址）")
            return
        try:
            check_value(declared()[key], url)
        except SettingError as e:
            show_error(self, str(e))
            return
        info = self.ctx.service.device()
        device = info.id if info is not None else ""
        self.try_button.setEnabled(False)

        def done(message: object) -> None:
            self.try_button.setEnabled(True)
            show_info(self, str(message))

        def failed(e: Exception) -> None:
            self.try_button.setEnabled(True)
            report_error(self, e)

        run_in_background(self, lambda: try_target(url, device), done, failed, "正在连接中心库…")

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
        dialog = StaffDialog(self)
        self.staffDialogOpened.emit(dialog)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.ctx.service.add_staff(
                self.ctx.require_actor().staff_id,
                dialog.staff_id.text().strip(),
                dialog.name.text().strip(),
                str(dialog.role.currentData()),
                dialog.password.text(),
            )
        except Exception as e:
            report_error(self, e)
        self.load()
