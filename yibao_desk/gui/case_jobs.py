"""The documents of a case, ready for the print preview: each as its PDF and, for the 收件回执 where 设置 → 小票打印机
names an ESC/POS printer, also as the bytes that printer takes (printed natively, issue 18 §2). Used by the intake
page after a verdict and by the 办件 page's reprint."""

from __future__ import annotations

from yibao_desk.case_documents import document_title, documents_for, info_for, render_case_document
from yibao_desk.gui.print_preview import PrintJob
from yibao_desk.journal.intake import IntakeService


def case_print_jobs(svc: IntakeService, number: str) -> list[PrintJob]:
    settings = svc.settings()
    width = str(settings.get("receipt_width", "a4"))
    native = str(settings.get("receipt_printer") or "none") != "none"
    jobs = []
    for doc in documents_for(svc, number):
        rendered = render_case_document(svc, number, doc, width)
        job = PrintJob(doc, document_title(svc, number, doc), rendered.pdf, rendered.warnings)
        if native and doc == "receipt":
            from yibao_desk.devices.escpos_receipt import render_escpos

            codes = str(settings.get("receipt_printer_codes") or "native") == "native"
            job.escpos = render_escpos(info_for(svc, number), native_codes=codes)
        jobs.append(job)
    return jobs
