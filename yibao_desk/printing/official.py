"""Official tables for a region: the template (or the region's variant), its title, the checked record, the PDF."""

from __future__ import annotations

from typing import Any

from yibao_desk.domain.catalog import Catalog
from yibao_desk.printing.records import check_record
from yibao_desk.printing.render import Calibration, Mode, Rendered, render_form
from yibao_desk.printing.templates import Template, load_template

COMPOSED = {
    "supplement-notice": "补正材料告知单",
    "receipt": "收件回执",
    "rejection-notice": "不予受理告知书",
}


def form_title(catalog: Catalog, region_id: str, form_id: str, template: Template) -> str:
    if template.title:
        return template.title
    region = catalog.region(region_id)
    return region.form_title(form_id, catalog.forms[form_id].title)


def render_official(
    catalog: Catalog,
    region_id: str,
    form_id: str,
    record: dict[str, Any],
    mode: Mode = "normal",
    calibration: Calibration | None = None,
    require: bool = True,
    margin_note: str = "",
) -> Rendered:
    """Raises RecordError (every bad field) unless `mode` is blank, TemplateError when there is no template.

    `require=False` prints a table partly filled (what the case knows); the applicant completes it by hand."""
    template = load_template(form_id, region_id)
    clean = {} if mode == "blank" else check_record(template, record, require=require)
    title = form_title(catalog, region_id, form_id, template)
    pattern = catalog.region(region_id).profile.number_pattern
    texts = {"number_pattern": pattern} if pattern else {}
    return render_form(template, title, clean, mode, calibration, margin_note=margin_note, texts=texts)
