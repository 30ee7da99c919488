"""One PDF case file per archived case: the cover (档案号, who, what, when, how it ended) with the 卷内目录, then the
documents — the official tables and the receipt as the case has them now, each 补正材料告知单 as it was when given
(the case folded from its events up to that notice), the scans of the materials — then the 办件过程记录 (every
event, SMS and ratings too); every page numbered with the 档案号."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from yibao_desk.archive.scan_pages import scan_parts
from yibao_desk.case_documents import document_title, documents_for, render_case_document
from yibao_desk.journal import projection
from yibao_desk.journal.event_text import event_line
from yibao_desk.journal.intake import IntakeService
from yibao_desk.ledger.rows import delivery_text
from yibao_desk.printing import documents
from yibao_desk.printing.case_info import case_info
from yibao_desk.printing.fonts import FontSet, markup, resolve_fonts
from yibao_desk.printing.widgets import style

MARGIN = 18 * mm


@dataclass(frozen=True)
class Part:
    title: str
    pdf: bytes


@dataclass(frozen=True)
class CaseFile:
    pdf: bytes
    pages: int
    contents: list[tuple[str, int]]  # title, pages
    warnings: list[str]


def _local(utc: Any) -> str:
    try:
        return dt.datetime.fromisoformat(str(utc)).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return ""


class _Writer:
    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self.missing: list[str] = []

    def para(self, text: str, size: float = 10, align: str = "left") -> Paragraph:
        m = markup(text, self.fonts)
        self.missing += m.missing
        return Paragraph(m.text, style(self.fonts, size, align))

    def table(self, rows: Sequence[Sequence[str]], widths: Sequence[float], header: bool = False) -> Table:
        data = [[self.para(c, 9.5, "center" if header and i == 0 else "left") for c in r] for i, r in enumerate(rows)]
        total, room = sum(widths), A4[0] - 2 * MARGIN
        t = Table(data, colWidths=[room * w / total for w in widths], repeatRows=1 if header else 0)
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        return t

    def build(self, flow: list[Any], title: str) -> bytes:
        buf = io.BytesIO()
        doc = SimpleDocTemplate(
            buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
            title=title, author="医保窗口桌面",
        )  # fmt: skip
        doc.build(flow)
        return buf.getvalue()


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _payload(e: Mapping[str, Any]) -> dict[str, Any]:
    data = json.loads(e["payload"]) if isinstance(e["payload"], str) else dict(e["payload"])
    return data if isinstance(data, dict) else {}


def _notices(svc: IntakeService, events: list[dict[str, Any]], clerks: Mapping[str, str], window: str) -> list[Part]:
    """Each 补正材料告知单 the case was given, from the case as it stood at that verdict."""
    parts, row = [], None
    for e in events:
        row = projection.apply(row, e)
        if e["type"] == "case.supplement" and row is not None:
            info = case_info(row, svc.catalog, clerks.get(row["clerk_id"], row["clerk_id"]), window)
            days = info.region.profile.supplement_deadline_working_days
            deadline = svc.calendar.add_working_days(info.opened.date(), int(days))[0] if days else None
            pdf = documents.render_supplement_notice(info, deadline).pdf
            parts.append(Part(f"补正材料告知单（{_local(e['utc'])}）", pdf))
    return parts


def _history(w: _Writer, events: list[dict[str, Any]], names: Mapping[str, str], titles: Mapping[str, str]) -> bytes:
    words = documents.wording()["archive"]
    rows = [["序号", "办件过程"]]
    rows += [[str(i), event_line(e, names, titles)] for i, e in enumerate(events, 1)]
    flow = [w.para(words["history_title"], 15, "center"), Spacer(1, 3 * mm), w.table(rows, [1, 14], header=True)]
    flow += [Spacer(1, 3 * mm), w.para(words["history_note"], 8.5)]
    return w.build(flow, words["history_title"])


def _cover(
    w: _Writer, svc: IntakeService, row: Mapping[str, Any], events: list[dict[str, Any]], meta: Mapping[str, str],
    contents: list[tuple[str, int]],
) -> bytes:  # fmt: skip
    words = documents.wording()["archive"]
    c = words["cover"]
    applicant = json.loads(row["applicant_json"] or "{}")
    agent = json.loads(row["agent_json"]) if row.get("agent_json") else None
    verdict = json.loads(row["verdict_json"]) if row.get("verdict_json") else {}
    delivered = next((_payload(e) for e in reversed(events) if e["type"] == "case.delivered"), {})
    handed = str(delivered.get("text", ""))
    if delivered.get("collector"):
        handed += f"；领取人：{delivered['collector']}"
    due = f"；承诺办结日期 {row['due_date']}" if row.get("due_date") else ""
    papers = svc.paper_place(row["case_number"])
    held = svc.attachments(row["case_number"])
    scans = f"扫描件 {len(held)} 份，共 {sum(a.pages for a in held)} 页（见卷内）" if held else ""
    from yibao_desk.domain.rating import rating_text
    from yibao_desk.journal.case_rating import ratings

    fields = [
        (c["archive_number"], meta["number"]),
        (c["case_number"], row["case_number"]),
        (c["service"], f"{row['service_name']}（{row['service_code']}）"),
        (c["applicant"], str(applicant.get("name", ""))),
        (c["id_number"], str(applicant.get("id_number", ""))),
        (c["phone"], str(applicant.get("phone", ""))),
        *([(c["agent"], f"{agent.get('name', '')}（{agent.get('relation', '')}）")] if agent else []),
        (c["window"], meta["window"]),
        (c["clerk"], meta["clerk"]),
        (c["opened"], str(row["opened_local"])[:16].replace("T", " ")),
        (c["verdict"], f"{verdict.get('verdict_zh', '')}（{_local(row.get('decided_utc'))}）{due}"),
        (c["completed"], _local(row.get("completed_utc"))),
        (c["delivered"], f"{_local(row.get('delivered_utc'))}　{handed}"),
        (c["delivery"], delivery_text(row)),
        *([(c["papers"], papers)] if papers else []),
        *([(c["scans"], scans)] if scans else []),
        (c["rating"], rating_text(ratings(row)) or "未评价"),
        (c["archived"], meta["when"]),
        (c["archivist"], meta["archivist"]),
    ]
    region = svc.catalog.region(row["region"])
    flow: list[Any] = [
        w.para(region.profile.agency or region.name, 11, "center"),
        w.para(words["title"], 18, "center"),
        Spacer(1, 5 * mm),
        w.table([[k, v] for k, v in fields], [3, 10]),
        Spacer(1, 6 * mm),
        w.para(words["contents"], 13, "center"),
        Spacer(1, 2 * mm),
    ]
    rows, start = [list(words["contents_columns"])], 1
    for i, (title, pages) in enumerate(contents, 1):
        rows.append([str(i), title, str(pages), str(start)])
        start += pages
    flow.append(w.table(rows, [1.2, 9, 1.5, 1.5], header=True))
    return w.build(flow, f"{words['title']} {meta['number']}")


def _numbered(parts: list[bytes], number: str, fonts: FontSet) -> tuple[bytes, int]:
    """The parts as one PDF, each page with the footer 档案号 … 第 n 页／共 N 页."""
    writer = PdfWriter()
    for pdf in parts:
        writer.append(PdfReader(io.BytesIO(pdf)))
    total = len(writer.pages)
    footer = documents.wording()["archive"]["footer"]
    for i, page in enumerate(writer.pages, 1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        buf = io.BytesIO()
        canvas = Canvas(buf, pagesize=(width, height))
        canvas.setFont(fonts.name, 8)
        canvas.drawCentredString(width / 2, 6 * mm, footer.format(number=number, page=i, pages=total))
        canvas.save()
        page.merge_page(PdfReader(io.BytesIO(buf.getvalue())).pages[0])
    out = io.BytesIO()
    writer.add_metadata({"/Title": f"{documents.wording()['archive']['title']} {number}", "/Author": "医保窗口桌面"})
    writer.write(out)
    return out.getvalue(), total


def render_case_file(svc: IntakeService, case_number: str, number: str, archivist: str, when: dt.datetime) -> CaseFile:
    """The case file of `case_number` under the 档案号 `number`."""
    fonts = resolve_fonts()
    w = _Writer(fonts)
    row = svc.case(case_number)
    events = svc.case_events(case_number)
    clerks = {s["id"]: s["name"] for s in svc.staff_list()}
    device = svc.device()
    window = device.window if device else ""
    parts: list[Part] = []
    warnings: list[str] = []
    for doc in documents_for(svc, case_number):
        rendered = render_case_document(svc, case_number, doc)
        warnings += rendered.warnings
        parts.append(Part(document_title(svc, case_number, doc), rendered.pdf))
    parts += _notices(svc, events, clerks, window)
    service = svc.catalog.region(row["region"]).service(row["service_code"])
    scans, scan_warnings = scan_parts(svc, case_number, {m.id: m.name for m in service.materials}, fonts)
    parts += [Part(title, pdf) for title, pdf in scans]
    warnings += scan_warnings
    titles = {d: document_title(svc, case_number, d) for d in documents_for(svc, case_number)}
    words = documents.wording()["archive"]
    parts.append(Part(words["documents"]["history"], _history(w, events, clerks, titles)))
    meta = {"number": number, "window": window, "when": when.strftime("%Y-%m-%d %H:%M"), "archivist": archivist}
    meta["clerk"] = f"{clerks.get(row['clerk_id'], row['clerk_id'])}（{row['clerk_id']}）"
    contents = [(p.title, _pages(p.pdf)) for p in parts]
    cover_pages = 1
    for _ in range(2):  # the cover's own length moves the start pages once at most
        cover = _cover(w, svc, row, events, meta, [(words["documents"]["cover"], cover_pages), *contents])
        if _pages(cover) == cover_pages:
            break
        cover_pages = _pages(cover)
    pdf, total = _numbered([cover, *(p.pdf for p in parts)], number, fonts)
    warnings += [f"缺字：{ch}" for ch in dict.fromkeys(w.missing)]
    return CaseFile(pdf, total, [(words["documents"]["cover"], cover_pages), *contents], warnings)
