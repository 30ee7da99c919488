"""Today's cases (and any date range): filter and search by case number (scanning the receipt's barcode opens
the case), ID number or name; complete, hand over (seed 000 section 十), void (supervisor), reprint."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from yibao_desk.case_documents import documents_for
from yibao_desk.domain.case_search import read_search
from yibao_desk.domain.rating import is_bad, level_text, rating_text
from yibao_desk.gui.case_dialogs import HandoverDialog, VoidDialog
from yibao_desk.gui.context import AppContext
from yibao_desk.gui.messages import report_error, show_error, show_info
from yibao_desk.gui.print_preview import PrintJob, PrintPreviewDialog
from yibao_desk.gui.rating_dialog import ask_rating, rating_refused
from yibao_desk.journal.case_actions import why_not
from yibao_desk.journal.case_number import looks_like_case_number, normalize
from yibao_desk.journal.case_rating import ratings
from yibao_desk.journal.event_text import event_line, staff_label
from yibao_desk.journal.projection import STATUS_ZH
from yibao_desk.ledger.rows import archive_text
from yibao_desk.printing.case_info import mask_id
from yibao_desk.printing.official import COMPOSED

Index = QModelIndex | QPersistentModelIndex
COLUMNS = [
    ("case_number", "办件编号"),
    ("opened_local", "收件时间"),
    ("service_name", "事项"),
    ("applicant_name", "申请人"),
    ("applicant_id_number", "证件号码"),
    ("status", "状态"),
    ("clerk_id", "收件人"),
    ("due_date", "承诺办结"),
    ("ratings_json", "评价"),
]
BAD_RATING = "bad-rating"  # the status filter's entry for the cases with a 差评


# each column as wide as a usual value of it, measured in the table's font (the 事项 column takes the rest); a
# longer value is cut with … and shown whole in the tooltip and the detail pane
COLUMN_SAMPLES = {
    "case_number": "YYK-W03-20261203-0000",
    "opened_local": "2026-12-03 08:30",
    "applicant_name": "欧阳小明明",
    "applicant_id_number": "430981********0034",
    "status": "已办结待领",
    "clerk_id": "欧阳收件（sup1）",
    "due_date": "2026-12-31",
    "ratings_json": "非常不满意",
}


def estimated_years(row: dict[str, Any]) -> list[int]:
    """The years the case's due date was counted through without their 放假安排 (from its journaled verdict)."""
    import json

    try:
        verdict = json.loads(row.get("verdict_json") or "{}")
    except ValueError:
        return []
    years = verdict.get("due_date_estimated_years") if isinstance(verdict, dict) else None
    return [y for y in years if isinstance(y, int)] if isinstance(years, list) else []


def shown_rating(given: list[dict[str, Any]]) -> dict[str, Any]:
    """What the 评价 cell shows: the latest 差评 where there is one (a supervisor must not miss it behind a later good
    rating; the tooltip lists them all), else the latest rating; empty when there is none."""
    bad = [r for r in given if is_bad(r.get("level"))]
    chosen = (bad or given)[-1:] or [{}]
    return {"text": level_text(chosen[0]["level"]), "bad": bool(bad)} if chosen[0] else {}


class CaseTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, Any]] = []
        self.names: dict[str, str] = {}  # staff id → name

    def show(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        key = COLUMNS[index.column()][0]
        if key == "due_date" and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole):
            years = estimated_years(self.rows[index.row()])
            if years:  # counted Monday–Friday through a year whose 放假安排 was not entered: red, and why
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QBrush(QColor("#b00020"))
                return f"{'、'.join(map(str, years))}年节假日安排录入前受理：承诺办结日期按周一至周五推算"
        if key == "ratings_json" and role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole):
            given = ratings(self.rows[index.row()])
            if role == Qt.ItemDataRole.ToolTipRole:
                return rating_text(given) or None
            return QBrush(QColor("#b00020")) if shown_rating(given).get("bad") else None
        if role == Qt.ItemDataRole.ToolTipRole:  # a long name is cut in its column; whole in the tooltip
            return self.data(index, Qt.ItemDataRole.DisplayRole) or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        key = COLUMNS[index.column()][0]
        value = self.rows[index.row()].get(key) or ""
        if key == "clerk_id":
            return staff_label(str(value), self.names)
        if key == "opened_local":
            return str(value)[:16].replace("T", " ")
        if key == "status":
            return STATUS_ZH.get(value, value)
        if key == "applicant_id_number":
            return mask_id(value)
        if key == "ratings_json":
            return shown_rating(ratings(self.rows[index.row()])).get("text", "")
        return value


# what a step's button does, where its text is short (the row fits a 1024-pixel screen at 125 %)
HINTS = {"resume": "草稿或待补正的办件：回到收件页面继续办理", "archive": "为已交付的办件生成案卷并编档案号"}


class CasesPage(QWidget):
    openDraft = Signal(str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        today = QDate.currentDate()
        self.date_from = QDateEdit(today)
        self.date_from.setCalendarPopup(True)
        self.date_from.setDisplayFormat("yyyy-MM-dd")
        self.date_to = QDateEdit(today)
        self.date_to.setCalendarPopup(True)
        self.date_to.setDisplayFormat("yyyy-MM-dd")
        self.status = QComboBox()
        self.status.addItem("全部状态", "")
        for k, v in STATUS_ZH.items():
            self.status.addItem(v, k)
        self.status.addItem("有差评的办件", BAD_RATING)
        self.search = QLineEdit()
        self.search.setObjectName("caseSearch")
        self.search.setPlaceholderText("办件编号（可扫描回执条码）、身份证号、姓名或“姓名 证件号后四位”，回车查找")
        self.search_note = QLabel("")
        self.search_note.setObjectName("searchNote")
        self.search_note.setWordWrap(True)
        self.search_note.setStyleSheet("color: #8a4b00;")
        self.model = CaseTableModel()
        self.table = QTableView()
        self.table.setObjectName("caseTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        # fixed widths that fit the usual values; a longer one is cut with … (whole in the tooltip and the detail)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setWordWrap(False)
        metrics = self.table.fontMetrics()
        for col, (key, _title) in enumerate(COLUMNS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, metrics.horizontalAdvance(COLUMN_SAMPLES.get(key, "办" * 8)) + 24)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.detail = QTextBrowser()
        self.detail.setObjectName("caseDetail")
        self.detail.setMaximumHeight(170)
        top = QHBoxLayout()
        top.addWidget(QLabel("从"))
        top.addWidget(self.date_from)
        top.addWidget(QLabel("到"))
        top.addWidget(self.date_to)
        top.addWidget(self.status)
        top.addWidget(self.search, 1)
        actions = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in (
            ("resume", "继续办理"),
            ("complete", "标记办结"),
            ("deliver", "交付结果"),
            ("reprint", "重打文书"),
            ("rate", "服务评价"),
            ("archive", "归档"),
            ("void", "作废（主管）"),
            ("refresh", "刷新"),
        ):
            b = QPushButton(text)
            b.setObjectName(f"case_{key}")
            actions.addWidget(b)
            self.buttons[key] = b
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search_note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(actions)
        self.search.returnPressed.connect(self.on_search)
        for w in (self.date_from, self.date_to):
            w.dateChanged.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().currentRowChanged.connect(self.on_current)
        self.buttons["resume"].clicked.connect(self.on_resume)
        self.buttons["complete"].clicked.connect(self.on_complete)
        self.buttons["deliver"].clicked.connect(self.on_deliver)
        self.buttons["reprint"].clicked.connect(self.on_reprint)
        self.buttons["void"].clicked.connect(self.on_void)
        self.buttons["rate"].clicked.connect(self.on_rate)
        self.buttons["archive"].clicked.connect(self.on_archive)
        self.buttons["refresh"].clicked.connect(self.refresh)
        ctx.casesChanged.connect(self.refresh)
        ctx.actorChanged.connect(lambda _actor: self.update_buttons())
        self.update_buttons()

    def refresh(self) -> None:
        start = self.date_from.date().toPython()
        end = self.date_to.date().toPython()
        assert isinstance(start, dt.date) and isinstance(end, dt.date)
        term = self.search.text().strip()
        status = self.status.currentData() or None
        if status == BAD_RATING:  # the 差评 given in the date range, whenever the case was opened
            rows = self.ctx.service.cases_with_bad_ratings(start, end)
        else:
            rows = self.ctx.service.cases(
                None if term else start, status, until=None if term else end, search=term or None, limit=2000
            )
        current = self.selected()
        self.model.names = {st["id"]: st["name"] for st in self.ctx.service.staff_list()}
        self.model.show(rows)
        if current is not None:  # the clerk keeps the case they were working on (mark completed, then hand over)
            for i, row in enumerate(rows):
                if row["case_number"] == current["case_number"]:
                    self.table.selectRow(i)
                    break
        self.update_buttons()

    def show_case(self, number: str) -> None:
        """Open this page on one case, as if its receipt had been scanned into the search."""
        self.search.setText(number)
        self.on_search()

    def on_search(self) -> None:
        term = self.search.text().strip()
        self.refresh()
        wanted = read_search(term)
        notes = [wanted.note] if wanted.note else []
        if term and not self.model.rows:
            notes.append(f"没有找到与“{term}”相符的办件（可输入办件编号、完整证件号码、姓名，或“姓名 证件号后四位”）")
        self.search_note.setText("；".join(notes))
        if term and looks_like_case_number(term):
            number = normalize(term)
            for i, row in enumerate(self.model.rows):
                if row["case_number"] == number:
                    self.table.selectRow(i)
                    self.table.setFocus()
                    return
            show_error(self, f"没有编号为 {number} 的办件")

    def selected(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def on_current(self, current: QModelIndex, _prev: QModelIndex) -> None:
        self.update_buttons()
        if not current.isValid():
            self.detail.clear()
            return
        row = self.model.rows[current.row()]
        events = self.ctx.service.case_events(row["case_number"])
        documents = {**COMPOSED, **{k: f.title for k, f in self.ctx.service.catalog.forms.items()}}
        lines = [
            f"<b>{escape(row['case_number'])}</b>　{escape(row['service_name'])}　{escape(row['applicant_name'])}　"
            f"{STATUS_ZH.get(row['status'], row['status'])}　{escape(archive_text(row))}"
        ]
        place = self.ctx.service.paper_place(row["case_number"])  # 纸质材料: where the papers are
        if place:
            lines.append(escape(place))
        scans = self.ctx.service.attachments(row["case_number"])  # 电子化处理
        if scans:
            pages = sum(a.pages for a in scans)
            lines.append(escape(f"扫描件 {len(scans)} 份，共 {pages} 页（材料 {len({a.material for a in scans})} 项）"))
        lines += [escape(event_line(e, self.model.names, documents)) for e in events]
        self.detail.setHtml("<br/>".join(lines))

    def update_buttons(self) -> None:
        """Each step enabled only where the journal would take it; the reason it is not, as its tooltip."""
        row = self.selected()
        actor = self.ctx.actor
        for step in ("resume", "complete", "deliver", "reprint", "void", "archive"):
            reason = why_not(step, actor.role if actor else None, row["status"] if row else None)
            if step == "archive" and reason is None and row and row.get("archive_json"):
                reason = archive_text(row)
            self.buttons[step].setEnabled(reason is None)
            self.buttons[step].setToolTip(reason or HINTS.get(step, ""))
        rating = self.ctx.region.profile.rating
        self.buttons["rate"].setVisible(rating)
        refused = rating_refused(self.ctx, row) if row and rating else "请先在列表中选择一个办件"
        self.buttons["rate"].setEnabled(refused is None)
        self.buttons["rate"].setToolTip(refused or "")

    def _act(self, fn: Any) -> None:
        row = self.selected()
        if row is None:
            show_error(self, "请先在列表中选择一个办件")
            return
        try:
            fn(row)
        except Exception as e:
            report_error(self, e)
            return
        self.ctx.casesChanged.emit()

    def on_resume(self) -> None:
        row = self.selected()
        if row is None:
            show_error(self, "请先在列表中选择一个办件")
            return
        if row["status"] not in ("draft", "supplement"):
            show_error(self, "只有草稿或待补正的办件可以继续办理")
            return
        self.openDraft.emit(row["case_number"])

    def on_complete(self) -> None:
        self._act(lambda r: self.ctx.service.complete(self.ctx.require_actor().staff_id, r["case_number"]))

    def on_deliver(self) -> None:
        def go(r: dict[str, Any]) -> None:
            dialog = HandoverDialog(self.ctx, r, self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.ctx.service.hand_over(
                    self.ctx.require_actor().staff_id, r["case_number"], dialog.way.currentData(), dialog.detail()
                )
                show_info(self, "已记录交付")
                ask_rating(self.ctx, r["case_number"], self)

        self._act(go)

    def on_rate(self) -> None:
        self._act(lambda r: ask_rating(self.ctx, r["case_number"], self, offered=False))

    def on_archive(self) -> None:
        from yibao_desk.gui.archive_action import archive_case

        row = self.selected()
        if row is None:
            show_error(self, "请先在列表中选择一个办件")
            return
        archive_case(self.ctx, row["case_number"], self)

    def on_void(self) -> None:
        def go(r: dict[str, Any]) -> None:
            dialog = VoidDialog(r["case_number"], self)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                self.ctx.service.void(self.ctx.require_actor().staff_id, r["case_number"], dialog.reason.text())

        self._act(go)

    def on_reprint(self) -> None:
        def go(r: dict[str, Any]) -> None:
            svc, number = self.ctx.service, r["case_number"]
            docs = documents_for(svc, number)
            if not docs:
                show_error(self, "该办件当前状态没有可打印的文书")
                return
            from yibao_desk.gui.case_jobs import case_print_jobs

            jobs = case_print_jobs(svc, number)

            def record(job: PrintJob, copies: int, printer: str) -> None:
                svc.record_print(self.ctx.require_actor().staff_id, number, job.document, copies, printer)

            dialog = PrintPreviewDialog(jobs, record, self, "", svc.settings())
            dialog.exec()
            dialog.deleteLater()

        self._act(go)
