"""The checklist table, operable by keyboard: ↑↓ to move, Space 收到, Y 验原件, Z 盖章, digits 复印件份数,
E 常见错误 (cycles), Enter 全部齐全 (收到+验原件+复印件+盖章). A detail line shows the requirement and the common
mistakes of the current material while it is being checked. Where the region scans materials: S 附加文件,
V 查看扫描件, H 利用历史资料."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from yibao_desk.domain.catalog_schema import PAPER_ZH
from yibao_desk.domain.conditions import describe
from yibao_desk.gui.intake.checklist_model import (
    COL_COPIES,
    COL_MISTAKE,
    COL_NAME,
    COL_ORIGINAL,
    COL_PAPER,
    COL_RECEIVED,
    COL_SCANS,
    COL_STAMP,
    ChecklistModel,
)
from yibao_desk.gui.thumbnails import ROW_ICON

HINT = "键盘：↑↓ 选择材料　空格 收到　Y 验原件　Z 盖章　0-9 复印件份数　E 标记常见错误　回车 该项齐全　A 全部齐全"
SCANS_WIDTH = 62
SCAN_HINT = "　S 扫描件　V 查看　H 历史资料"


class ChecklistView(QTableView):
    notice = Signal(str)  # a key that cannot act says why
    allComplete = Signal()  # 「全部齐全」: the page moves on to the applicant
    scanKey = Signal(str)  # attach / view / reuse (电子化处理, where the region scans)

    def __init__(self, model: ChecklistModel) -> None:
        super().__init__()
        self.setObjectName("checklist")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        header = self.horizontalHeader()
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for col in range(1, model.columnCount()):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_SCANS, QHeaderView.ResizeMode.Fixed)  # an icon and a count: no wider
        header.resizeSection(COL_SCANS, SCANS_WIDTH)
        # where the paper goes (流转/退回) is in the detail line and the tooltip: the names get the room
        self.setColumnHidden(COL_PAPER, True)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._plain_icons = self.iconSize()
        self.doubleClicked.connect(self._double_clicked)
        self.scanning = False
        self.set_scanning(False)

    def _double_clicked(self, index: QModelIndex) -> None:
        if self.scanning and index.column() == COL_SCANS:  # the mouse's way to S (or V when it holds scans)
            model = self.cl_model()
            self.scanKey.emit("view" if model.scans.get(model.material(index.row()).id) else "attach")

    def set_scanning(self, on: bool) -> None:
        """The 扫描件 column and the S / V / H keys, where the region's guide asks for 电子化处理."""
        self.scanning = on
        self.setColumnHidden(COL_SCANS, not on)
        self.setIconSize(ROW_ICON if on else self._plain_icons)  # thumbnails make rows taller: only where scanned

    def cl_model(self) -> ChecklistModel:
        model = self.model()
        assert isinstance(model, ChecklistModel)
        return model

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        model = self.cl_model()
        if not index.isValid() and model.rowCount() and event.key() != Qt.Key.Key_Tab:
            self.setCurrentIndex(model.index(0, 0))
            index = self.currentIndex()
        row = index.row()
        key, text = event.key(), event.text().lower()
        if row >= 0 and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            if key == Qt.Key.Key_Space:
                model.toggle(row, index.column() if index.column() in (COL_ORIGINAL, COL_STAMP) else COL_RECEIVED)
                return
            if text == "y":
                model.toggle(row, COL_ORIGINAL)
                return
            if text == "z":
                model.toggle(row, COL_STAMP)
                return
            if text.isdigit():
                model.setData(model.index(row, COL_COPIES), int(text))
                return
            if text == "e":
                m = model.material(row)
                if not m.common_mistakes:
                    self.notice.emit(f"E：办事指南没有列出“{m.name}”的常见错误，无可标记")
                    return
                options = [None, *m.common_mistakes]
                current = model.state(m.id).mistake
                nxt = options[(options.index(current) + 1) % len(options)]
                model.setData(model.index(row, COL_MISTAKE), nxt or "")
                self.notice.emit(f"已标记常见错误：{nxt}" if nxt else "已取消常见错误标记")
                return
            if self.scanning and text in ("s", "v", "h"):
                self.scanKey.emit({"s": "attach", "v": "view", "h": "reuse"}[text])
                return
            if text == "a":
                model.mark_all_complete()
                self.allComplete.emit()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                model.mark_complete(row)
                if row + 1 < model.rowCount():
                    self.setCurrentIndex(model.index(row + 1, index.column()))
                return
        super().keyPressEvent(event)


class ChecklistPanel(QWidget):
    def __init__(self, model: ChecklistModel) -> None:
        super().__init__()
        self.model = model
        self.form_note: Callable[[str], str] | None = None  # where the applicant gets a material's table (the page)
        self.view = ChecklistView(model)
        self.detail = QLabel("")
        self.detail.setObjectName("materialDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setMinimumHeight(54)
        self.hint = hint = QLabel(HINT)
        hint.setObjectName("hint")
        hint.setWordWrap(True)  # a narrow screen folds the key list rather than widening the window
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        self.strip_slot = layout.count()  # the scan strip goes here (the page puts it in where the region scans)
        layout.addWidget(self.detail)
        layout.addWidget(hint)
        self.view.selectionModel().currentChanged.connect(self.on_current)
        model.modelReset.connect(self._after_reset)

    def set_scanning(self, on: bool) -> None:
        self.view.set_scanning(on)
        self.hint.setText(HINT + (SCAN_HINT if on else ""))

    def _after_reset(self) -> None:
        # the view keeps its selection model across a reset (the model is the same object): the connection made
        # above stays; connecting again on every reset piled up one call of on_current per case taken so far
        self.detail.setText("")

    def on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        m = self.model.material(current.row())
        parts = [f"<b>{m.name}</b>"]
        if m.requirement:
            parts.append(f"要求：{m.requirement}")
        if m.alternatives:
            parts.append(f"任选其一：{'、'.join(m.alternatives)}")
        if m.stamp:
            parts.append(f"须加盖：{m.stamp}")
        if m.paper:
            parts.append(f"纸质材料：{PAPER_ZH[m.paper]}")
        if m.form and self.form_note is not None:
            parts.append(f"表格：{self.form_note(m.form)}")
        service = self.model.service
        questions = {s.id: s.question for s in service.scenarios} if service else {}
        if m.condition:
            parts.append(f"适用情形：{describe(m.condition, questions)}")
        text = "　".join(parts)
        if m.common_mistakes:
            text += "<br/><span style='color:#b00020'>常见错误：" + "；".join(m.common_mistakes) + "</span>"
        self.detail.setText(text)
