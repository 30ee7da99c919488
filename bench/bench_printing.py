"""Render time per document against a bare ReportLab table with the same grid (same rows, columns, spans and
font, plain strings), measured in the same run. Targets (issues 4, 15): <= 2x and < 40 ms per page."""

from __future__ import annotations

import io
import json
import statistics
import time
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from yibao_desk.domain.catalog import load_catalog
from yibao_desk.printing.fonts import resolve_fonts
from yibao_desk.printing.lines import plain
from yibao_desk.printing.official import form_title
from yibao_desk.printing.render import render_form
from yibao_desk.printing.templates import Template, forms_dir, load_template, printable_forms

RUNS = 21


def printed_strings(t: Template) -> tuple[list[str], list[str]]:
    """What a blank table prints, as plain strings: each cell's text (labels, static text, check-box options,
    block lines) and the lines above and below the table, placeholders as blank room."""

    def blank(text: str) -> str:
        return plain(text).replace("**", "")

    cells = []
    for r in t.rows:
        for _ in range(r.count or 1):
            for c in r.cells:
                if c.label or c.text:
                    cells.append(blank(c.label or c.text or "").replace("\n", ""))
                elif c.lines:
                    cells.append(" ".join(blank(ln.text) for ln in c.lines))
                elif c.checks:
                    spec = t.field(c.checks)
                    cells.append(" ".join("□" + o for o in (c.options or spec.options or (spec.label,))))
                else:
                    cells.append("")
    lines = [blank(ln.text) for ln in (*t.header, *t.notes, *t.footer)]
    return cells, lines


def bare(t: Template, title: str, font: str) -> bytes:
    """A bare ReportLab table of the same grid and the same strings: plain cells, plain paragraphs, no fitting,
    spans, boxes or markup — what the engine adds on top."""
    page = landscape(A4) if t.page.orientation == "landscape" else A4
    width = page[0] - 30 * mm
    cols = [width * c / sum(t.columns) for c in t.columns]
    cells, lines = printed_strings(t)
    rows = sum((r.count or 1) for r in t.rows)
    flat = iter(cells + [""] * (rows * len(cols)))
    data = [[next(flat) for _ in cols] for _ in range(rows)]
    table = Table(data, colWidths=cols, rowHeights=[t.row_height_mm * mm] * rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, "black"), ("FONT", (0, 0), (-1, -1), font, 10)]))
    text = ParagraphStyle("bare", fontName=font, fontSize=9, leading=11, wordWrap="CJK")
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=page, pageCompression=1)
    c.setFont(font, 16)
    c.drawCentredString(page[0] / 2, page[1] - 20 * mm, title)
    _, h = table.wrap(width, page[1])
    y = page[1] - 25 * mm - h
    table.drawOn(c, 15 * mm, y)
    for line in lines:
        p = Paragraph(escape(line), text)
        _, ph = p.wrap(width, page[1])
        y -= ph + 1 * mm
        p.drawOn(c, 15 * mm, y)
    c.showPage()
    c.save()
    return buf.getvalue()


def interleaved(ours, base) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Medians of both, measured round by round in turn, so that both see the same load."""
    a, b = [], []
    for _ in range(RUNS):
        t = time.perf_counter()
        ours()
        a.append(time.perf_counter() - t)
        t = time.perf_counter()
        base()
        b.append(time.perf_counter() - t)
    return statistics.median(a), statistics.median(b)


def main() -> None:
    catalog = load_catalog()
    fonts = resolve_fonts()
    rows = []
    # every template file: the default of each form (as 沅江 prints it) and each region's own variant
    variants = [(f, "yuanjiang") for f in printable_forms()]
    variants += sorted((p.stem.split("@")[0], p.stem.split("@")[1]) for p in forms_dir().glob("*@*.yaml"))
    for form_id, region in variants:
        t = load_template(form_id, region)
        title = form_title(catalog, region, form_id, t)
        render_form(t, title, {}, "blank", fonts=fonts)  # warm the font subset caches once, as a running program is
        ours, base = interleaved(
            lambda t=t, title=title: render_form(t, title, {}, "blank", fonts=fonts),
            lambda t=t, title=title: bare(t, title, fonts.name),
        )
        rows.append(
            {
                "form": form_id if region == "yuanjiang" else f"{form_id}@{region}",
                "ms": round(ours * 1000, 1),
                "bare_ms": round(base * 1000, 1),
                "ratio": round(ours / base, 2),
                "ok": ours / base <= 2 and ours < 0.040,
            }
        )
    print(json.dumps({"documents": rows, "ok": all(r["ok"] for r in rows)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
