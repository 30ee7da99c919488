"""The service picker: one search box (name, code, pinyin initials, full pinyin — the domain ranks), the services
grouped as the region's guide groups them, this window's frequent services on top."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from yibao_desk.domain.catalog import Region, Service
from yibao_desk.domain.search import search_services

Index = QModelIndex | QPersistentModelIndex


class ServiceListModel(QAbstractListModel):
    """Rows are either a group heading (not selectable) or a service."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, Service | None]] = []

    def show(self, rows: list[tuple[str, Service | None]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        text, service = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.UserRole:
            return service
        if role == Qt.ItemDataRole.FontRole and service is None:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole and service is not None:
            return f"{service.code}\n时限：{service.time_limit.text or '未规定'}\n{service.target}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if self.rows[index.row()][1] is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def first_service_row(self) -> int:
        return next((i for i, (_t, s) in enumerate(self.rows) if s is not None), -1)


class _SearchBox(QLineEdit):
    moveDown = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.moveDown.emit()
            return
        super().keyPressEvent(event)


class ServicePicker(QWidget):
    serviceChosen = Signal(object)  # Service

    def __init__(self) -> None:
        super().__init__()
        self.region: Region | None = None
        self.frequent: list[str] = []
        self.search = _SearchBox()
        self.search.setObjectName("serviceSearch")
        self.search.setPlaceholderText("搜索事项：名称、编码、拼音首字母（如 ydjy）")
        self.search.setClearButtonEnabled(True)
        self.model = ServiceListModel()
        self.list = QListView()
        self.list.setObjectName("serviceList")
        self.list.setModel(self.model)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        title = QLabel("① 选择事项（F2）")
        title.setObjectName("sectionTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        self.search.textChanged.connect(self.refresh)
        self.search.returnPressed.connect(self.choose_current)
        self.search.moveDown.connect(self.focus_list)
        self.list.activated.connect(self.on_activated)
        self.list.clicked.connect(self.on_activated)

    def set_region(self, region: Region, frequent: list[str]) -> None:
        self.region = region
        self.frequent = [c for c in frequent if region.has_service(c)]
        self.refresh()

    def refresh(self) -> None:
        if self.region is None:
            return
        query = self.search.text()
        rows: list[tuple[str, Service | None]] = []
        if query.strip():
            rows = [(f"{s.name}　{s.code}", s) for s in search_services(self.region, query)]
            if not rows:
                rows = [("没有匹配的事项", None)]
        else:
            if self.frequent:
                rows.append(("常用事项", None))
                rows += [(f"{self.region.service(c).name}　{c}", self.region.service(c)) for c in self.frequent]
            for group in self.region.profile.groups:
                members = [s for s in self.region.services if s.group.id == group.id]
                if members:
                    rows.append((group.name, None))
                    rows += [(f"{s.name}　{s.code}", s) for s in members]
        self.model.show(rows)
        first = self.model.first_service_row()
        if first >= 0:
            self.list.setCurrentIndex(self.model.index(first))

    def focus_list(self) -> None:
        self.list.setFocus()
        if not self.list.currentIndex().isValid():
            first = self.model.first_service_row()
            if first >= 0:
                self.list.setCurrentIndex(self.model.index(first))

    def choose_current(self) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            self.on_activated(index)

    def on_activated(self, index: QModelIndex) -> None:
        service = self.model.data(index, Qt.ItemDataRole.UserRole)
        if service is not None:
            self.serviceChosen.emit(service)
