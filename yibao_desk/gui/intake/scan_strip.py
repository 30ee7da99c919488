"""The strip under the checklist: the current material's scans as thumbnails, and what can be done with them —
S 附加文件, V 查看, H 利用历史资料 (in the checklist), Delete 移除 (in the strip). Shown only while the material has a
scan or an earlier one on offer: otherwise the checklist keeps the room, the keys and the 扫描件 cell (double-click)
attach. A widget only: the scan controller decides what it shows."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yibao_desk.gui.thumbnails import THUMB


class ThumbList(QListWidget):
    removeKey = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentRow() >= 0:
            self.removeKey.emit()
            return
        super().keyPressEvent(event)


class ScanStrip(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("scanStrip")
        self.title = QLabel("")
        self.title.setObjectName("scanTitle")
        self.title.setWordWrap(True)
        self.thumbs = ThumbList()
        self.thumbs.setObjectName("scanThumbs")
        self.thumbs.setViewMode(QListView.ViewMode.IconMode)
        self.thumbs.setFlow(QListView.Flow.LeftToRight)
        self.thumbs.setWrapping(False)
        self.thumbs.setIconSize(THUMB)
        self.thumbs.setFixedHeight(THUMB.height() + 30)
        self.thumbs.setMovement(QListView.Movement.Static)
        self.attach_button = QPushButton("附加文件…（S）")
        self.attach_button.setObjectName("attachFile")
        self.view_button = QPushButton("查看（V）")
        self.view_button.setObjectName("viewScans")
        self.reuse_button = QPushButton("利用历史资料（H）")
        self.reuse_button.setObjectName("reuseScan")
        self.remove_button = QPushButton("移除")
        self.remove_button.setObjectName("removeScan")
        buttons = QGridLayout()
        buttons.setSpacing(2)
        for n, b in enumerate((self.attach_button, self.view_button, self.reuse_button, self.remove_button)):
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            buttons.addWidget(b, n // 2, n % 2)
        buttons.setRowStretch(2, 1)
        left = QVBoxLayout()
        left.setSpacing(2)
        left.addWidget(self.title)
        left.addWidget(self.thumbs)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(left, 1)
        layout.addLayout(buttons)
        self.show_scans("", [], False, "")
        self.hide()  # until the scan controller shows it: a region that scans nothing never lays it out

    def show_scans(
        self, title: str, items: Sequence[tuple[str, QPixmap, str]], reusable: bool, empty_hint: str
    ) -> None:
        """`items`: (caption, thumbnail, tooltip) of each scan of the current material."""
        self.thumbs.clear()
        for caption, pixmap, tip in items:
            item = QListWidgetItem(QIcon(pixmap), caption)
            item.setToolTip(tip)
            item.setSizeHint(QSize(THUMB.width() + 16, THUMB.height() + 24))
            self.thumbs.addItem(item)
        self.title.setText(title if items or not empty_hint else f"{title}　{empty_hint}" if title else empty_hint)
        has = bool(items)
        self.thumbs.setVisible(has)
        self.view_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.reuse_button.setEnabled(reusable)
        self.attach_button.setEnabled(bool(title))
        self.wanted = has or reusable  # the page shows the strip only then
