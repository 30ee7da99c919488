"""`yibao-desk forms [--region R] [--json]` through the command line (issue 15 §4): each form with its id, the title
and fields of the variant the region prints, and the services that hand it out; --region lists only that region's."""

from __future__ import annotations

from pathlib import Path

from tests.acceptance.cli import Cli
from yibao_desk.domain.catalog import load_catalog
from yibao_desk.printing.official import form_title
from yibao_desk.printing.templates import load_template, printable_forms


def test_forms_of_one_region_with_its_titles_fields_and_services(tmp_path: Path) -> None:
    pc = Cli(tmp_path)
    catalog = load_catalog()
    for region_id, region in catalog.regions.items():
        rows = [r for r in pc.json("forms", "--region", region_id) if not r.get("composed")]
        used = {f for s in region.services for f in s.forms if f in printable_forms()}
        assert {r["id"] for r in rows} == used, region_id
        for r in rows:
            template = load_template(r["id"], region_id)
            assert r["title"] == form_title(catalog, region_id, r["id"], template)
            assert [f["name"] for f in r["fields"]] == [f.name for f in template.fields]
            expected = {s.code for s in region.services if r["id"] in s.forms}
            assert {s["code"] for s in r["services"]} == expected and {s["region"] for s in r["services"]} == {
                region_id
            }


def test_all_forms_name_their_services_in_every_region(tmp_path: Path) -> None:
    pc = Cli(tmp_path)
    rows = {r["id"]: r for r in pc.json("forms")}
    assert set(printable_forms()) <= set(rows) and {"receipt", "supplement-notice", "rejection-notice"} <= set(rows)
    unit = {(s["region"], s["code"]) for s in rows["unit-enroll"]["services"]}
    assert ("yuanjiang", "002036001001") in unit and ("shangluo", "002036001001") in unit


def test_an_unknown_region_is_refused_in_chinese(tmp_path: Path) -> None:
    pc = Cli(tmp_path)
    r = pc.run("forms", "--region", "nowhere", ok=False)
    assert r.returncode == 2 and "未知的地区" in r.stderr
