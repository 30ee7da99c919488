"""Print preview of the PDFs the program renders (QtPdf), printing to the system printer (QPrinter) and saving
as PDF. Every print and save is reported back so the journal records it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yibao_desk.gui.messages import show_error
from yibao_desk.gui.window_sizes import fit


@dataclass
class PrintJob:
    document: str  # form id or composed document id
    title: str
    pdf: bytes
    warnings: list[str]
    escpos: bytes | None = None  # the same document for the ESC/POS receipt printer (设置 → 小票打印机)


Recorder = Callable[[PrintJob, int, str], None]  # job, copies, printer name


def print_pdf(pdf: bytes, printer: QPrinter) -> None:
    print_pdfs([pdf], printer)


def print_pdfs(pdfs: list[bytes], printer: QPrinter) -> None:
    """Every page of every PDF onto the printer at its resolution, as one print job (one file on a PDF printer)."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("无法开始打印：打印机不可用")
    try:
        first = True
        for pdf in pdfs:
            doc = QPdfDocument()
            buf = QBuffer()
            buf.setData(QByteArray(pdf))
            buf.open(QIODevice.OpenModeFlag.ReadOnly)
            doc.load(buf)
            try:
                for i in range(doc.pageCount()):
                    if not first:
                        printer.newPage()
                    first = False
                    rect: QRect = printer.pageLayout().paintRectPixels(printer.resolution())
                    page = doc.pagePointSize(i)
                    scale = min(rect.width() / page.width(), rect.height() / page.height())
                    size = QSize(int(page.width() * scale), int(page.height() * scale))
                    painter.drawImage(QPointF(0, 0), doc.render(i, size))
            finally:
                doc.close()
    finally:
        painter.end()


class PrintPreviewDialog(QDialog):
    def __init__(
        self,
        jobs: list[PrintJob],
        record: Recorder,
        parent: QWidget | None = None,
        printer_name: str = "",
        settings: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("打印预览")
        fit(self, "preview", QSize(980, 760))
        self.jobs, self.record, self.printer_name = jobs, record, printer_name
        self.settings = dict(settings or {})
        self.list = QListWidget()
        self.list.setObjectName("documentList")
        self.list.setMaximumWidth(230)
        for job in jobs:
            self.list.addItem(job.title)
        self.doc = QPdfDocument(self)
        self.buffer = QBuffer(self)
        self.view = QPdfView()
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.doc)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.warnings = QLabel("")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #e65100;")
        print_one = QPushButton("打印此文书（Ctrl+P）")
        print_one.setObjectName("printButton")
        print_one.setShortcut("Ctrl+P")
        print_all = QPushButton("全部打印")
        save = QPushButton("另存为 PDF…")
        close = QPushButton("关闭")
        self.receipt_button = QPushButton("打印小票（Ctrl+T）")
        self.receipt_button.setObjectName("receiptPrinterButton")
        self.receipt_button.setShortcut("Ctrl+T")
        self.receipt_button.clicked.connect(self.on_print_receipt)
        self.receipt_button.setVisible(any(j.escpos for j in jobs))
        print_one.clicked.connect(self.on_print_current)
        print_all.clicked.connect(self.on_print_all)
        save.clicked.connect(self.on_save)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for b in (self.receipt_button, print_one, print_all, save):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(close)
        right = QVBoxLayout()
        right.addWidget(self.view, 1)
        right.addWidget(self.warnings)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(right, 1)
        self.list.currentRowChanged.connect(self.show_job)
        self.list.setCurrentRow(0)

    def current(self) -> PrintJob:
        return self.jobs[max(0, self.list.currentRow())]

    def show_job(self, row: int) -> None:
        if row < 0:
            return
        job = self.jobs[row]
        self.doc.close()
        self.buffer.close()
        self.buffer.setData(QByteArray(job.pdf))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.doc.load(self.buffer)
        self.warnings.setText("\n".join(job.warnings))

    def _printer(self) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self.printer_name:
            printer.setPrinterName(self.printer_name)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def print_jobs(self, jobs: list[PrintJob], printer: QPrinter) -> None:
        try:
            print_pdfs([job.pdf for job in jobs], printer)
        except OSError as e:
            show_error(self, str(e))
            return
        name = printer.printerName() or (printer.outputFileName() and f"PDF:{printer.outputFileName()}") or ""
        for job in jobs:
            self.record(job, max(1, printer.copyCount()), name)

    def on_print_current(self) -> None:
        printer = self._printer()
        if printer is not None:
            self.print_jobs([self.current()], printer)

    def on_print_all(self) -> None:
        printer = self._printer()
        if printer is not None:
            self.print_jobs(self.jobs, printer)

    def on_print_receipt(self) -> None:
        """The receipt on the ESC/POS printer, natively (the other documents go through the system printer). Sent in
        the background: a network printer switched off does not freeze the window while it is tried."""
        from yibao_desk.devices.escpos_receipt import send
        from yibao_desk.gui.ops import run_in_background

        job = next((j for j in self.jobs if j.escpos), None)
        if job is None or job.escpos is None:
            return
        data, settings = job.escpos, self.settings
        self.receipt_button.setEnabled(False)

        def done(printer: str) -> None:
            self.receipt_button.setEnabled(True)
            self.record(job, 1, printer)

        def failed(error: Exception) -> None:
            self.receipt_button.setEnabled(True)
            show_error(self, str(error))

        run_in_background(self, lambda: send(settings, data), done, failed, label="正在打印小票…")

    def on_save(self) -> None:
        job = self.current()
        path, _ = QFileDialog.getSaveFileName(self, "另存为 PDF", f"{job.title}.pdf", "PDF 文件 (*.pdf)")
        if path:
            self.save_to(job, Path(path))

    def save_to(self, job: PrintJob, path: Path) -> None:
        try:
            path.write_bytes(job.pdf)
        except OSError as e:
            show_error(self, f"无法保存到 {path}：{e}")
            return
        self.record(job, 1, f"PDF:{path}")
