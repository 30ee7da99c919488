"""「已有的历史资料经核对后可直接利用」: the applicant's identity scan from an earlier case, shown with where it came
from; the clerk ticks that the card is still valid and is the applicant's (Space), then 利用 (Enter)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class ReuseDialog(QDialog):
    def __init__(self, offer: dict[str, Any], picture: QPixmap, material_name: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("reuseDialog")
        self.setWindowTitle("利用历史资料")
        about = QLabel(
            f"申请人在 {offer['opened_local']} 的办件 {offer['case_number']} 已附加“{offer['material_name']}”的扫描件"
            f"（{offer['name'] or offer['sha256'][:12]}）。\n"
            f"请对照申请人出示的证件核对后，用作本办件的“{material_name}”。"
        )
        about.setWordWrap(True)
        image = QLabel()
        image.setPixmap(picture)
        image.setMinimumSize(QSize(320, 200))
        self.checked = QCheckBox("已核对：证件仍在有效期内，且与申请人本人一致（空格勾选）")
        self.checked.setObjectName("reuseChecked")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.use = self.buttons.addButton("利用", QDialogButtonBox.ButtonRole.AcceptRole)
        self.use.setEnabled(False)
        self.use.setDefault(True)
        self.use.setAutoDefault(True)
        self.checked.toggled.connect(self.use.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(image)
        layout.addWidget(self.checked)
        layout.addWidget(self.buttons)
        self.checked.setFocus()
