"""A day's 纸质材料移交清单 of 300 cases (issue 17 §4): read from a real journal (the day's accepted cases, their
papers from the checklist and the catalog) and rendered as the PDF, against a bare ReportLab table of the same
strings in the same run. Target: < 1 s."""

from __future__ import annotations

import datetime as dt
import io
import json
import tempfile
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

from yibao_desk.domain.catalog import load_catalog
from yibao_desk.domain.checklist import MaterialState, build_checklist
from yibao_desk.domain.paper_handoff import departments
from yibao_desk.domain.working_days import load_calendar
from yibao_desk.handoff.handoff_list import handoff_items
from yibao_desk.handoff.list_pdf import WIDTHS, render_handoff
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.intake import IntakeService
from yibao_desk.printing.fonts import resolve_fonts
from yibao_desk.printing.widgets import style

N = 300
CLAIM = "432036011W01"
ANSWERS = {"maternity": "否"}


def main() -> None:
    catalog, calendar = load_catalog(), load_calendar()
    with tempfile.TemporaryDirectory() as tmp:
        svc = IntakeService(open_journal(Path(tmp) / "j.sqlite3"), catalog, calendar)
        svc.setup_device("W03", "yiyang-kuayu", "跨域通办一号窗口")
        svc.add_staff(None, "sup1", "张主管", "supervisor", "secret-sup")
        service = svc.service(CLAIM)
        states = {
            i.material.id: MaterialState(True, True, i.material.copies or 0, True)
            for i in build_checklist(service, ANSWERS)
            if i.applies
        }
        materials = {k: v.__dict__ for k, v in states.items()}
        depts = departments(svc.region())
        for i in range(N):
            applicant = {"name": f"王小{i}", "id_number": "430981198002290034", "phone": "13800138000"}
            data = {"applicant": applicant, "answers": ANSWERS, "materials": materials, "department": depts[i % 9]}
            svc.intake("sup1", CLAIM, data)
        day = dt.date.today()
        device = svc.device()
        t = time.perf_counter()
        lists = handoff_items(svc, day)
        rendered = render_handoff(lists, day, svc.region(), device.window if device else "")
        ours = time.perf_counter() - t
        cases = sum(len(v) for v in lists.values())

        fonts = resolve_fonts()
        t = time.perf_counter()
        rows = [
            [
                Paragraph(x, style(fonts, 9))
                for x in (str(n), it.case_number, it.service, it.applicant, it.materials_text())
            ]
            for items in lists.values()
            for n, it in enumerate(items, 1)
        ]
        room = A4[0] - 2 * 15 * mm
        widths = [room * x / sum(WIDTHS) for x in WIDTHS]
        SimpleDocTemplate(io.BytesIO(), pagesize=A4).build([Table(rows, colWidths=widths, repeatRows=1)])
        bare = time.perf_counter() - t
        svc.journal.close()
    print(
        json.dumps(
            {
                "cases": cases,
                "departments": len(lists),
                "pdf_kb": len(rendered.pdf) // 1024,
                "handoff_s": round(ours, 3),
                "bare_table_s": round(bare, 3),
                "ratio": round(ours / bare, 2),
                "ok": ours < 1 and cases == N,
            }
        )
    )


if __name__ == "__main__":
    main()
