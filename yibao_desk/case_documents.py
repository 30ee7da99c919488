"""The documents of a case (official tables pre-filled from it, receipt, supplement notice, rejection notice):
glue between the journal and printing, used by both the CLI and the GUI."""

from __future__ import annotations

from pathlib import Path

from yibao_desk.journal.intake import IntakeService
from yibao_desk.printing import documents
from yibao_desk.printing.case_info import CaseInfo, case_info
from yibao_desk.printing.official import COMPOSED, render_official
from yibao_desk.printing.prefill import prefill
from yibao_desk.printing.records import RecordError
from yibao_desk.printing.render import Rendered
from yibao_desk.printing.templates import load_template, printable_forms


class DocumentError(Exception):
    """A document cannot be made for this case (wrong status …); the message is Chinese."""


def info_for(svc: IntakeService, case_number: str) -> CaseInfo:
    row = svc.case(case_number)
    device = svc.device()
    clerk = next((s["name"] for s in svc.staff_list() if s["id"] == row["clerk_id"]), row["clerk_id"])
    return case_info(row, svc.catalog, clerk, device.window if device else "")


def documents_for(svc: IntakeService, case_number: str) -> list[str]:
    """Which documents the case's verdict calls for, in printing order."""
    row = svc.case(case_number)
    if row["status"] in ("accepted", "completed", "delivered"):
        service = svc.catalog.region(row["region"]).service(row["service_code"])
        return [f for f in service.forms if f in printable_forms()] + ["receipt"]
    if row["status"] == "supplement":
        return ["supplement-notice"]
    if row["status"] == "rejected":
        return ["rejection-notice"]
    return []


def document_title(svc: IntakeService, case_number: str, document: str) -> str:
    if document in COMPOSED:
        return COMPOSED[document]
    row = svc.case(case_number)
    region = svc.catalog.region(row["region"])
    return region.form_title(document, svc.catalog.forms[document].title)


def render_case_document(svc: IntakeService, case_number: str, document: str, width: str = "a4") -> Rendered:
    row = svc.case(case_number)
    info = info_for(svc, case_number)
    if document == "receipt":
        if row["status"] not in ("accepted", "completed", "delivered"):
            raise DocumentError(f"办件 {case_number} 未受理，不能打印收件回执")
        return documents.render_receipt(info, "80mm" if width == "80mm" else "a4")
    if document == "supplement-notice":
        if row["status"] != "supplement":
            raise DocumentError(f"办件 {case_number} 不是待补正状态，不能打印补正材料告知单")
        days = info.region.profile.supplement_deadline_working_days
        deadline = svc.calendar.add_working_days(info.opened.date(), int(days))[0] if days else None
        return documents.render_supplement_notice(info, deadline)
    if document == "rejection-notice":
        if row["status"] != "rejected":
            raise DocumentError(f"办件 {case_number} 不是不予受理状态，不能打印不予受理告知书")
        return documents.render_rejection_notice(info)
    template = load_template(document, row["region"])
    note = case_margin_note(info)
    try:
        # what the case knows is printed; the applicant completes the rest by hand and signs
        return render_official(
            svc.catalog, row["region"], document, prefill(template, info), require=False, margin_note=note
        )
    except RecordError as e:
        rendered = render_official(svc.catalog, row["region"], document, {}, mode="blank", margin_note=note)
        rendered.warnings.append(f"办件信息不能填入该表（{e}），已打印空白表供申请人填写")
        return rendered


def case_margin_note(info: CaseInfo) -> str:
    """Printed in the bottom margin of a table printed for a case, so the paper finds its case again."""
    return (
        f"办件编号：{info.case_number}　事项：{info.service.name}（{info.service.code}）　"
        f"{info.window}　{info.opened:%Y-%m-%d}"
    )


def write_case_documents(
    svc: IntakeService, staff_id: str, case_number: str, folder: Path, width: str = "a4"
) -> list[Path]:
    """The documents of the case's verdict as PDFs in `folder`; each one journaled as printed."""
    written = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DocumentError(f"无法创建文件夹 {folder}：{e}") from None
    for doc in documents_for(svc, case_number):
        rendered = render_case_document(svc, case_number, doc, width)
        out = folder / f"{case_number}-{doc}.pdf"
        tmp = out.with_suffix(".pdf.partial")
        try:
            tmp.write_bytes(rendered.pdf)
            tmp.replace(out)
        except OSError as e:
            raise DocumentError(f"无法写入 {out}：{e}") from None
        svc.record_print(staff_id, case_number, doc, 1, f"PDF:{out}")
        written.append(out)
    return written
