"""An item model over the domain's checklist: one row per material that applies in the current scenario.

The model only turns the domain's answer into text and check boxes; ticking a box changes the material state and
`stateChanged` tells the page to ask the domain for a new verdict.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPixmap

from yibao_desk.domain.catalog import Material, Service
from yibao_desk.domain.catalog_schema import PAPER_ZH
from yibao_desk.domain.checklist import MaterialState, build_checklist, complete_state

Index = QModelIndex | QPersistentModelIndex

COL_NAME, COL_RECEIVED, COL_ORIGINAL, COL_COPIES, COL_STAMP, COL_MISTAKE, COL_PAPER, COL_SCANS = range(8)
HEADERS = ["材料", "收到", "验原件", "复印件", "盖章", "常见错误", "纸质材料", "扫描件"]
STAMP_CHARS = 7  # the 盖章 column shows this many characters of the seal's name
_CHECK_COLUMNS = {COL_RECEIVED: "received", COL_ORIGINAL: "original_checked", COL_STAMP: "stamped"}


class ChecklistModel(QAbstractTableModel):
    stateChanged = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.service: Service | None = None
        self.answers: dict[str, str] = {}
        self.states: dict[str, MaterialState] = {}
        self.rows: list[Material] = []
        self.problem_ids: set[str] = set()
        self.scans: dict[str, int] = {}  # material id → how many scans the case holds (电子化处理)
        self.scan_icons: dict[str, QPixmap] = {}  # material id → its first scan's thumbnail

    # -- what the page tells the model --------------------------------------------------------------------

    def set_service(self, service: Service | None, answers: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self.service = service
        self.answers = dict(answers or (service.default_answers() if service else {}))
        self.states = {}
        self._rebuild()
        self.endResetModel()

    def set_answers(self, answers: dict[str, str]) -> None:
        self.beginResetModel()
        self.answers = dict(answers)
        self._rebuild()
        self.endResetModel()

    def set_states(self, states: dict[str, MaterialState]) -> None:
        self.beginResetModel()
        self.states = dict(states)
        self.endResetModel()

    def set_problems(self, material_ids: set[str]) -> None:
        self.problem_ids = material_ids
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, COL_NAME))

    def set_scans(self, counts: dict[str, int], icons: dict[str, QPixmap]) -> None:
        self.scans, self.scan_icons = dict(counts), dict(icons)
        if self.rows:
            self.dataChanged.emit(self.index(0, COL_SCANS), self.index(len(self.rows) - 1, COL_SCANS))

    def _rebuild(self) -> None:
        self.rows = (
            [i.material for i in build_checklist(self.service, self.answers) if i.applies] if self.service else []
        )

    def material(self, row: int) -> Material:
        return self.rows[row]

    def state(self, material_id: str) -> MaterialState:
        return self.states.get(material_id, MaterialState())

    def applicable_states(self) -> dict[str, MaterialState]:
        ids = {m.id for m in self.rows}
        return {k: v for k, v in self.states.items() if k in ids}

    # -- Qt model ------------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def applies(self, m: Material, column: int) -> bool:
        return {
            COL_ORIGINAL: bool(m.original),
            COL_COPIES: bool(m.copies),
            COL_STAMP: bool(m.stamp),
            COL_MISTAKE: bool(m.common_mistakes),
        }.get(column, True)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        m = self.rows[index.row()]
        col = index.column()
        if col in _CHECK_COLUMNS and self.applies(m, col):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if col in (COL_COPIES, COL_MISTAKE) and self.applies(m, col):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        m = self.rows[index.row()]
        st = self.state(m.id)
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_NAME:
                # the alternatives themselves are in the detail line and the tooltip
                return m.name + ("（任选其一）" if m.alternatives else "")
            if col == COL_COPIES:
                return f"{st.copies} / 需 {m.copies}" if m.copies else "—"
            if col == COL_STAMP:  # the whole name in the tooltip and the detail line
                return (
                    (m.stamp if len(m.stamp) <= STAMP_CHARS else m.stamp[: STAMP_CHARS - 1] + "…") if m.stamp else "—"
                )
            if col == COL_ORIGINAL and not m.original:
                return "—"
            if col == COL_MISTAKE:
                return st.mistake or ("无" if m.common_mistakes else "—")
            if col == COL_PAPER:
                return PAPER_ZH.get(m.paper or "", "")
            if col == COL_SCANS:
                return str(self.scans[m.id]) if self.scans.get(m.id) else "—"
            return None
        if role == Qt.ItemDataRole.DecorationRole and col == COL_SCANS:
            return self.scan_icons.get(m.id)
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_SCANS:
            n = self.scans.get(m.id, 0)
            return f"{n} 份扫描件（V 查看）" if n else "尚无扫描件（S 附加，或用高拍仪扫描）"
        if role == Qt.ItemDataRole.EditRole and col == COL_COPIES:
            return st.copies
        if role == Qt.ItemDataRole.CheckStateRole and col in _CHECK_COLUMNS and self.applies(m, col):
            return Qt.CheckState.Checked if getattr(st, _CHECK_COLUMNS[col]) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = [m.requirement] if m.requirement else []
            tips += [f"任选其一：{'、'.join(m.alternatives)}"] if m.alternatives else []
            tips += [f"须加盖：{m.stamp}"] if m.stamp else []
            tips += [f"纸质材料：{PAPER_ZH[m.paper]}"] if m.paper else []
            tips += [f"常见错误：{x}" for x in m.common_mistakes]
            return "\n".join(tips) or None
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_NAME and m.id in self.problem_ids:
            return QBrush(QColor("#b00020"))
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_MISTAKE and st.mistake:
            return QBrush(QColor("#b00020"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        m = self.rows[index.row()]
        st = self.state(m.id)
        col = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col in _CHECK_COLUMNS:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            changes = {_CHECK_COLUMNS[col]: checked}
            if col != COL_RECEIVED and checked:
                changes["received"] = True  # checking the original or the stamp means it is here
            self._update(m, st, changes)
        elif role == Qt.ItemDataRole.EditRole and col == COL_COPIES:
            try:
                copies = max(0, min(99, int(value)))
            except (TypeError, ValueError):
                return False
            self._update(m, st, {"copies": copies, "received": st.received or copies > 0})
        elif role == Qt.ItemDataRole.EditRole and col == COL_MISTAKE:
            text = str(value or "")
            self._update(m, st, {"mistake": text if text in m.common_mistakes else None})
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        self.stateChanged.emit()
        return True

    def _update(self, m: Material, st: MaterialState, changes: dict[str, Any]) -> None:
        values: dict[str, Any] = {
            "received": st.received,
            "original_checked": st.original_checked,
            "copies": st.copies,
            "stamped": st.stamped,
            "mistake": st.mistake,
        }
        values.update(changes)
        self.states[m.id] = MaterialState(**values)

    def toggle(self, row: int, column: int) -> None:
        m = self.rows[row]
        if column not in _CHECK_COLUMNS or not self.applies(m, column):
            return
        current = getattr(self.state(m.id), _CHECK_COLUMNS[column])
        self.setData(self.index(row, column), not current, Qt.ItemDataRole.CheckStateRole)

    def mark_complete(self, row: int) -> None:
        """Received, original checked, copies as required, stamp present: the usual case, one key."""
        m = self.rows[row]
        self.states[m.id] = complete_state(m, self.states.get(m.id))
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
        self.stateChanged.emit()

    def mark_all_complete(self) -> None:
        """Every material that applies, as its acceptance point asks (「全部齐全」, one key)."""
        if not self.rows:
            return
        for m in self.rows:
            self.states[m.id] = complete_state(m, self.states.get(m.id))
        self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(HEADERS) - 1))
        self.stateChanged.emit()
