"""关于本窗口: this counter's region, window, device and the region's phone book (咨询电话 and 监督电话 apart)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yibao_desk import version
from yibao_desk.domain.phones import phone_book
from yibao_desk.gui.context import AppContext


class AboutDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("关于本窗口")
        region = ctx.region
        device = ctx.service.device()
        form = QFormLayout()
        for label, value in (
            ("地区", f"{region.profile.province}{region.name}"),
            ("经办机构", region.profile.agency),
            ("办理地址", region.profile.hall_address or "（办事指南未载明）"),
            ("窗口", device.window if device else ""),
            ("设备编号", device.id if device else ""),
            ("程序版本", version()),
        ):
            form.addRow(f"{label}：", QLabel(value))
        lines = phone_book(region)
        self.phones = QTableWidget(len(lines), 3)
        self.phones.setObjectName("phoneBook")
        self.phones.setHorizontalHeaderLabels(["类别", "单位 / 县区", "电话"])
        for i, line in enumerate(lines):
            for j, text in enumerate((line.kind_zh, line.name, line.phone)):
                self.phones.setItem(i, j, QTableWidgetItem(text))
        self.phones.resizeColumnsToContents()
        self.phones.horizontalHeader().setStretchLastSection(True)
        self.phones.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("电话（办事指南所载）：" if lines else "办事指南未载明电话。"))
        layout.addWidget(self.phones)
        layout.addWidget(buttons)
        self.resize(560, 420)
