"""Where the applicant gets the table a material names: printed at this window (a template exists for the region)
or, when no seed gives its layout, brought by the applicant or collected from the agency (issue 15 §2). A region's
office that adds a template (docs/form-templates.md) turns the second into the first without a code change."""

from __future__ import annotations

from dataclasses import dataclass

from yibao_desk.domain.catalog import Catalog, Service
from yibao_desk.printing.templates import load_template, template_path

PRINTED = "本窗口打印"
BROUGHT = "申请人自备 / 向经办机构领取"


@dataclass(frozen=True)
class FormSource:
    form_id: str
    title: str  # as the region prints it
    printed: bool

    @property
    def note(self) -> str:
        return f"《{self.title}》{PRINTED}（F6 填表）" if self.printed else f"《{self.title}》{BROUGHT}"


def form_source(catalog: Catalog, region_id: str, form_id: str) -> FormSource:
    region = catalog.region(region_id)
    base = catalog.forms[form_id].title if form_id in catalog.forms else form_id
    return FormSource(form_id, region.form_title(form_id, base), template_path(form_id, region_id) is not None)


def about_a_unit(service: Service, region_id: str) -> bool:
    """A service whose table is about a unit (template `subject: unit`), or named for one (单位…): the clerk takes
    the unit's details at the counter."""
    if service.name.startswith("单位"):
        return True
    return any(
        template_path(f, region_id) is not None and load_template(f, region_id).subject == "unit" for f in service.forms
    )
