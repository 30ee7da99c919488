"""The form filler: an official table's fields as a form, pre-filled from the case, checked field by field,
previewed and printed — in full, as 套打 (values only, at the printer's calibration) or blank."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yibao_desk.gui.context import AppContext
from yibao_desk.gui.messages import report_error
from yibao_desk.gui.print_preview import PrintJob, PrintPreviewDialog
from yibao_desk.gui.window_sizes import fit
from yibao_desk.printing.official import form_title, render_official
from yibao_desk.printing.records import RecordError
from yibao_desk.printing.render import Calibration, Mode
from yibao_desk.printing.templates import FieldSpec, Template, load_template

BAD = "color: #b00020;"


class FormFillerDialog(QDialog):
    def __init__(
        self,
        ctx: AppContext,
        form_id: str,
        region_id: str,
        record: dict[str, Any],
        case_number: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.form_id, self.region_id, self.case_number = ctx, form_id, region_id, case_number
        self.template: Template = load_template(form_id, region_id)
        self.title = form_title(ctx.catalog, region_id, form_id, self.template)
        self.setWindowTitle(f"填写表格：{self.title}")
        fit(self, "form_filler", QSize(760, 720))
        self.editors: dict[str, QWidget] = {}
        self.notes: dict[str, QLabel] = {}
        inner = QWidget()
        form = QFormLayout(inner)
        for spec in self.template.fields:
            editor = self._editor(spec, record.get(spec.name))
            editor.setObjectName(f"field_{spec.name}")
            note = QLabel("")
            note.setStyleSheet(BAD)
            note.setWordWrap(True)
            note.setVisible(False)  # shown only with a problem to report
            label = spec.label + ("＊" if spec.required else "")
            form.addRow(label, editor)
            form.addRow("", note)
            self.editors[spec.name] = editor
            self.notes[spec.name] = note
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        self.summary = QLabel("带＊为必填项。")
        self.summary.setObjectName("fillerSummary")
        self.summary.setWordWrap(True)
        buttons = QHBoxLayout()
        modes: tuple[tuple[str, Mode], ...] = (
            ("预览并打印", "normal"),
            ("套打（只打印填写内容）", "overlay"),
            ("打印空白表", "blank"),
        )
        for text, mode in modes:
            b = QPushButton(text)
            b.setObjectName(f"print_{mode}")
            b.clicked.connect(lambda _=False, m=mode: self.on_print(m))
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)

    def _editor(self, spec: FieldSpec, value: Any) -> QWidget:
        if spec.type == "choice":
            box = QComboBox()
            box.addItem("（未选）", None)
            for o in spec.options:
                box.addItem(o, o)
            if value in spec.options:
                box.setCurrentIndex(spec.options.index(value) + 1)
            return box
        if spec.type == "multi":
            w = QWidget()
            row = QHBoxLayout(w)
            row.setContentsMargins(0, 0, 0, 0)
            chosen = set(value or [])
            for o in spec.options:
                c = QCheckBox(o.strip())
                c.setProperty("option", o)
                c.setChecked(o in chosen)
                row.addWidget(c)
            return w
        if spec.type == "bool":
            c = QCheckBox(spec.label)
            c.setChecked(bool(value))
            return c
        if spec.type == "date":
            d = QDateEdit()
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
            d.setSpecialValueText("（未填）")
            d.setMinimumDate(QDate(1900, 1, 1))
            d.setDate(QDate.fromString(str(value), "yyyy-MM-dd") if value else d.minimumDate())
            return d
        if spec.type == "list":
            table = QTableWidget(spec.max_items or 8, len(spec.items))
            table.setHorizontalHeaderLabels([i.label for i in spec.items])
            for r in range(table.rowCount()):
                item = (value or [])[r] if r < len(value or []) else {}
                for col, sub in enumerate(spec.items):
                    if sub.type == "bool":  # a tick box in the cell, read back as true/false
                        cell = QTableWidgetItem("")
                        cell.setFlags(cell.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                        checked = bool(item.get(sub.name))
                        cell.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                    else:
                        cell = QTableWidgetItem(str(item.get(sub.name, "") or ""))
                    table.setItem(r, col, cell)
            table.setMinimumHeight(220)
            return table
        line = QLineEdit("" if value is None else str(value))
        return line

    def record(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for spec in self.template.fields:
            w = self.editors[spec.name]
            value: Any
            if isinstance(w, QComboBox):
                value = w.currentData()
            elif isinstance(w, QCheckBox):
                value = w.isChecked() if spec.type == "bool" else None
            elif isinstance(w, QDateEdit):
                value = None if w.date() == w.minimumDate() else w.date().toString("yyyy-MM-dd")
            elif isinstance(w, QTableWidget):
                rows = []
                for r in range(w.rowCount()):
                    row: dict[str, Any] = {}
                    for c, sub in enumerate(spec.items):
                        cell = w.item(r, c)
                        if cell is None:
                            continue
                        if sub.type == "bool":
                            if cell.checkState() == Qt.CheckState.Checked:
                                row[sub.name] = True
                        elif cell.text().strip():
                            row[sub.name] = cell.text().strip()
                    if row:
                        rows.append(row)
                value = rows
            elif isinstance(w, QLineEdit):
                value = w.text().strip()
            else:  # multi: a row of check boxes
                value = [c.property("option") for c in w.findChildren(QCheckBox) if c.isChecked()]
            if value not in (None, "", []):
                out[spec.name] = value
        return out

    def on_print(self, mode: Mode) -> None:
        for note in self.notes.values():
            note.setText("")
            note.setVisible(False)
        settings = self.ctx.service.settings()
        calibration = Calibration(
            float(settings.get("overlay_dx_mm", 0)),
            float(settings.get("overlay_dy_mm", 0)),
            float(settings.get("overlay_scale", 1)),
        )
        try:
            rendered = render_official(
                self.ctx.catalog,
                self.region_id,
                self.form_id,
                {} if mode == "blank" else self.record(),
                mode,
                calibration,
            )
        except RecordError as e:
            for name, message in e.problems:
                key = name.split("[")[0].split(".")[0]
                if key in self.notes:
                    self.notes[key].setText(message)
                    self.notes[key].setVisible(True)
            self.summary.setText(f"有 {len(e.problems)} 处需要修改，见各字段下方的红字。")
            self.summary.setStyleSheet(BAD)
            return
        except Exception as e:
            report_error(self, e)
            return
        self.summary.setText("内容无误。" + "；".join(rendered.warnings))
        self.summary.setStyleSheet("")
        kind = {"normal": "", "overlay": "（套打）", "blank": "（空白）"}[mode]
        job = PrintJob(self.form_id, f"{self.title}{kind}", rendered.pdf, rendered.warnings)

        def record(job: PrintJob, copies: int, printer: str) -> None:
            if self.case_number is None:
                return
            try:
                self.ctx.service.record_print(
                    self.ctx.require_actor().staff_id, self.case_number, job.document, copies, printer
                )
            except Exception as e:
                report_error(self, e)

        self.last_job = job
        dialog = PrintPreviewDialog([job], record, self, str(settings.get("default_printer", "")))
        self.previewOpened(dialog)
        dialog.exec()
        dialog.deleteLater()

    def previewOpened(self, dialog: PrintPreviewDialog) -> None:
        pass
