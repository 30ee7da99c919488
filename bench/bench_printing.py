"""Render time per document against a bare ReportLab table with the same grid (same rows, columns, spans and
font, plain strings), measured in the same run. Targets (issue 4): <= 2x and < 40 ms per page."""

from __future__ import annotations

import io
import json
import statistics
import time

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table, TableStyle

from yibao_desk.domain.catalog import load_catalog
from yibao_desk.printing.fonts import resolve_fonts
from yibao_desk.printing.official import form_title
from yibao_desk.printing.render import render_form
from yibao_desk.printing.templates import load_template, printable_forms

RUNS = 15


def bare(template_id: str, font: str) -> bytes:
    t = load_template(template_id)
    page = landscape(A4) if t.page.orientation == "landscape" else A4
    width = page[0] - 30 * mm
    cols = [width * c / sum(t.columns) for c in t.columns]
    # the same printed strings, as plain text cells: what the engine adds is fitting, spans, boxes and markup
    labels = [c.label or c.text or "" for r in t.rows for _ in range(r.count or 1) for c in r.cells]
    rows = sum((r.count or 1) for r in t.rows)
    flat = iter(labels + [""] * (rows * len(cols)))
    data = [[next(flat).replace("\n", "") for _ in cols] for _ in range(rows)]
    table = Table(data, colWidths=cols, rowHeights=[t.row_height_mm * mm] * rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, "black"), ("FONT", (0, 0), (-1, -1), font, 10)]))
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=page, pageCompression=1)
    c.setFont(font, 16)
    c.drawCentredString(page[0] / 2, page[1] - 20 * mm, form_template_title(template_id))
    _, h = table.wrap(width, page[1])
    table.drawOn(c, 15 * mm, page[1] - 25 * mm - h)
    c.showPage()
    c.save()
    return buf.getvalue()


def form_template_title(template_id: str) -> str:
    return template_id


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    catalog = load_catalog()
    fonts = resolve_fonts()
    rows = []
    for form_id in printable_forms():
        t = load_template(form_id, "yuanjiang")
        title = form_title(catalog, "yuanjiang", form_id, t)
        render_form(t, title, {}, "blank", fonts=fonts)  # warm the font subset caches once, as a running program is
        ours = timed(lambda t=t, title=title: render_form(t, title, {}, "blank", fonts=fonts))
        base = timed(lambda form_id=form_id: bare(form_id, fonts.name))
        rows.append(
            {
                "form": form_id,
                "ms": round(ours * 1000, 1),
                "bare_ms": round(base * 1000, 1),
                "ratio": round(ours / base, 2),
                "ok": ours / base <= 2 and ours < 0.040,
            }
        )
    print(json.dumps({"documents": rows, "ok": all(r["ok"] for r in rows)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
