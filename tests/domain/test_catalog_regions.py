"""Every region's catalog, checked against its data file in tests/domain/regions/ (one YAML file per region).

A data file holds what the catalog must say for one region, written by a reviewer from that region's seed text, not
from resources/regions/. The checks here are the ones that mean the same for every region; tests that only one region
needs stay in its own file (tests/domain/test_catalog_<region>.py) and read the same data file through
`region_data()`. Adding a region is adding a data file. A check is generated only for the regions / services whose
data gives the key it reads; a key the data does not give is simply not checked (there is no pytest.skip). Unknown
keys are an error (test_data_file_has_only_known_keys), so a misspelt key cannot switch a check off unnoticed.

Region-level keys:
  region                  region id as in `catalog.region(id)` (required)
  name                    the region's display name                          → test_region_name
  service_count           number of services in the seed                     → test_service_count
  material_count          number of materials over all services              → test_material_count
  ordered: true           the catalog lists the services in the data's order → test_services_in_seed_order
  checklists_cover_all_materials: true
                          every material of a service applies in at least one of its `checklists`
                                                                             → test_checklists_cover_all_materials
  material_fields         {field: default}: the Material fields checked for every material, and the value each must
                          have where the data states nothing else
                                              → test_flags_only_where_the_data_states_them / test_material_rows
  flags_by                "id" (default) or "name": what the keys of `flags` are (material id or material name)
  flags                   {material key: {field: value}} for every service of the region (e.g. the 委托 material)
  notes_ignore_prefix     service notes starting with this text are not compared (see `notes`)
  service_defaults        {service key: value} every service has unless it gives the key itself (a shallow merge)
  services                {code: service} (required; every service of the region, exactly)

Service keys (all optional except name):
  name, group (group name), group_id, steps, levels, phone (contact_phone), acceptance_unit, target, channels,
  forms (service form ids)                           → test_service_attribute, one case per key given
  local                   local (non-national) code? local → not in the national list, else in it → test_code_kind
  checklists              [{answers, names, flags?}]: with these scenario answers, exactly these materials apply, in
                          this order; `flags` (optional) override the service's flags in that scenario only
                                                                             → test_materials_in_seed_order
  materials               every material name of the service, in seed order → test_all_materials_in_seed_order
  flags                   {material key: {field: value}}: the only places where a `material_fields` field differs
                          from its default (keyed as `flags_by` says)      → test_flags_only_where_the_data_states_them
  rows                    [{name, field: value, …}]: the service's materials one by one, in order; fields not given
                          take the `material_fields` default (used instead of `flags`) → test_material_rows
  time_limit              {kind, text, working_days, months, days, variants: [{when, kind}]}: each key given is
                          compared with the service's time limit        → test_time_limit
  time                    [{answers, kind, amount}]: the time limit that applies for these answers; amount is the
                          working days / months / natural days, null for immediate and unspecified
                                                                             → test_applied_time_limit
  form_links              {material id: form id}: the materials that are forms, and each material's name is the
                          form's printed title for the region (without 《》)   → test_form_links
  notes                   the service's notes, verbatim (those starting with notes_ignore_prefix left out)
                                                                             → test_notes
  entrusted               read only by tests/domain/test_catalog_shangluo.py (委托办理 materials apply)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from yibao_desk.domain.catalog import Catalog, Material, Service
from yibao_desk.domain.checklist import applied_time_limit, build_checklist, resolve_answers

if TYPE_CHECKING:
    from _pytest.mark import ParameterSet  # what pytest.param returns

RegionData = dict[str, Any]
ServiceData = dict[str, Any]

REGIONS_DIR = Path(__file__).parent / "regions"

REGION_KEYS = {
    "region",
    "name",
    "service_count",
    "material_count",
    "ordered",
    "checklists_cover_all_materials",
    "material_fields",
    "flags_by",
    "flags",
    "notes_ignore_prefix",
    "service_defaults",
    "services",
}
# simple service attributes: data key → how to read it from the catalog's Service
ATTRIBUTES: dict[str, Callable[[Service], Any]] = {
    "name": lambda s: s.name,
    "group": lambda s: s.group.name,
    "group_id": lambda s: s.group.id,
    "steps": lambda s: list(s.steps),
    "levels": lambda s: list(s.levels),
    "phone": lambda s: s.contact_phone,
    "acceptance_unit": lambda s: s.acceptance_unit,
    "target": lambda s: s.target,
    "channels": lambda s: list(s.channels),
    "forms": lambda s: list(s.forms),
}
SERVICE_KEYS = {
    *ATTRIBUTES,
    "local",
    "checklists",
    "materials",
    "flags",
    "rows",
    "time_limit",
    "time",
    "form_links",
    "notes",
    "entrusted",  # region-specific: test_catalog_shangluo.py
}
CHECKLIST_KEYS = {"answers", "names", "flags"}
TIME_KEYS = {"answers", "kind", "amount"}
TIME_LIMIT_KEYS = {"kind", "text", "working_days", "months", "days", "variants"}


def load_region(path: Path) -> RegionData:
    """Read one data file; `service_defaults` are merged into every service (the service's own keys win)."""
    data: RegionData = yaml.safe_load(path.read_text(encoding="utf-8"))
    defaults: dict[str, Any] = data.get("service_defaults", {})
    data["services"] = {code: {**defaults, **s} for code, s in data["services"].items()}
    return data


REGIONS: dict[str, RegionData] = {d["region"]: d for d in (load_region(p) for p in sorted(REGIONS_DIR.glob("*.yaml")))}


def region_data(region_id: str) -> RegionData:
    """The data file of one region, for that region's own test file."""
    return REGIONS[region_id]


def svc(catalog: Catalog, region_id: str, code: str) -> Service:
    return catalog.region(region_id).service(code)


def applying(service: Service, answers: dict[str, str]) -> list[Material]:
    return [i.material for i in build_checklist(service, answers) if i.applies]


def plain(value: Any) -> Any:
    """Tuples as lists, as YAML reads them."""
    return [plain(v) for v in value] if isinstance(value, tuple | list) else value


def fields_of(m: Material, fields: dict[str, Any]) -> dict[str, Any]:
    return {f: plain(getattr(m, f)) for f in fields}


# ---------------------------------------------------------------- parametrization from the data


def regions_with(key: str) -> list[ParameterSet]:
    return [pytest.param(rid, id=rid) for rid, r in REGIONS.items() if r.get(key) not in (None, False)]


def services_where(keep: Callable[[RegionData, ServiceData], bool]) -> list[ParameterSet]:
    return [
        pytest.param(rid, code, id=f"{rid}-{code}")
        for rid, r in REGIONS.items()
        for code, s in r["services"].items()
        if keep(r, s)
    ]


def services_with(key: str) -> list[ParameterSet]:
    return services_where(lambda _r, s: key in s)


def listed(key: str) -> list[ParameterSet]:
    """One case per entry of a service's list `key` (checklists, time): (region, code, entry index)."""
    return [
        pytest.param(rid, code, i, id=f"{rid}-{code}-{i}")
        for rid, r in REGIONS.items()
        for code, s in r["services"].items()
        for i in range(len(s.get(key, [])))
    ]


# ---------------------------------------------------------------- the data files themselves


def test_every_data_file_is_loaded() -> None:
    files = sorted(REGIONS_DIR.glob("*.yaml"))
    assert files, REGIONS_DIR
    assert len(REGIONS) == len(files)  # no two files for one region


@pytest.mark.parametrize("region_id", [pytest.param(rid, id=rid) for rid in REGIONS])
def test_data_file_has_only_known_keys(region_id: str) -> None:
    r = REGIONS[region_id]
    assert set(r) <= REGION_KEYS
    assert r.get("flags_by", "id") in ("id", "name")
    assert set(r.get("service_defaults", {})) <= SERVICE_KEYS
    assert r["services"]
    for code, s in r["services"].items():
        assert "name" in s and set(s) <= SERVICE_KEYS, code
        assert not ("rows" in s and "flags" in s), code  # rows state every field; flags would be ignored
        for c in s.get("checklists", []):
            assert {"answers", "names"} <= set(c) <= CHECKLIST_KEYS, code
        for t in s.get("time", []):
            assert set(t) == TIME_KEYS, code
        assert set(s.get("time_limit", {})) <= TIME_LIMIT_KEYS, code


# ---------------------------------------------------------------- region


@pytest.mark.parametrize("region_id", [pytest.param(rid, id=rid) for rid in REGIONS])
def test_region_has_exactly_the_data_services(catalog: Catalog, region_id: str) -> None:
    region = catalog.region(region_id)
    want = {code: s["name"] for code, s in REGIONS[region_id]["services"].items()}
    assert {s.code: s.name for s in region.services} == want


@pytest.mark.parametrize("region_id", regions_with("name"))
def test_region_name(catalog: Catalog, region_id: str) -> None:
    assert catalog.region(region_id).name == REGIONS[region_id]["name"]


@pytest.mark.parametrize("region_id", regions_with("service_count"))
def test_service_count(catalog: Catalog, region_id: str) -> None:
    r = REGIONS[region_id]
    assert len(r["services"]) == r["service_count"]
    assert len(catalog.region(region_id).services) == r["service_count"]


@pytest.mark.parametrize("region_id", regions_with("ordered"))
def test_services_in_seed_order(catalog: Catalog, region_id: str) -> None:
    assert [s.code for s in catalog.region(region_id).services] == list(REGIONS[region_id]["services"])


@pytest.mark.parametrize("region_id", regions_with("material_count"))
def test_material_count(catalog: Catalog, region_id: str) -> None:
    total = sum(len(s.materials) for s in catalog.region(region_id).services)
    assert total == REGIONS[region_id]["material_count"]


# ---------------------------------------------------------------- service


@pytest.mark.parametrize(
    ("region_id", "code", "key"),
    [
        pytest.param(rid, code, key, id=f"{rid}-{code}-{key}")
        for rid, r in REGIONS.items()
        for code, s in r["services"].items()
        for key in ATTRIBUTES
        if key in s
    ],
)
def test_service_attribute(catalog: Catalog, region_id: str, code: str, key: str) -> None:
    want = REGIONS[region_id]["services"][code][key]
    assert ATTRIBUTES[key](svc(catalog, region_id, code)) == want


@pytest.mark.parametrize(("region_id", "code"), services_with("local"))
def test_code_kind(catalog: Catalog, region_id: str, code: str) -> None:
    local: bool = REGIONS[region_id]["services"][code]["local"]
    assert svc(catalog, region_id, code).local_code is local
    assert (code in catalog.national_codes) is not local


# ---------------------------------------------------------------- materials


@pytest.mark.parametrize(("region_id", "code", "i"), listed("checklists"))
def test_materials_in_seed_order(catalog: Catalog, region_id: str, code: str, i: int) -> None:
    case = REGIONS[region_id]["services"][code]["checklists"][i]
    assert [m.name for m in applying(svc(catalog, region_id, code), {**case["answers"]})] == case["names"]


@pytest.mark.parametrize(("region_id", "code"), services_with("materials"))
def test_all_materials_in_seed_order(catalog: Catalog, region_id: str, code: str) -> None:
    want = REGIONS[region_id]["services"][code]["materials"]
    assert [m.name for m in svc(catalog, region_id, code).materials] == want


@pytest.mark.parametrize(
    ("region_id", "code"), services_where(lambda r, _s: r.get("checklists_cover_all_materials") is True)
)
def test_checklists_cover_all_materials(catalog: Catalog, region_id: str, code: str) -> None:
    """No material of the service is left out of every scenario the data lists."""
    s, cases = svc(catalog, region_id, code), REGIONS[region_id]["services"][code]["checklists"]
    assert {m.id for case in cases for m in applying(s, case["answers"])} == {m.id for m in s.materials}
    assert {n for case in cases for n in case["names"]} == {m.name for m in s.materials}


@pytest.mark.parametrize(("region_id", "code"), services_where(lambda r, s: "material_fields" in r and "rows" not in s))
def test_flags_only_where_the_data_states_them(catalog: Catalog, region_id: str, code: str) -> None:
    """Every `material_fields` field of every material: its default, unless region / service / scenario flags say."""
    r, e = REGIONS[region_id], REGIONS[region_id]["services"][code]
    s = svc(catalog, region_id, code)
    defaults: dict[str, Any] = r["material_fields"]
    region_flags: dict[str, dict[str, Any]] = r.get("flags", {})
    flags: dict[str, dict[str, Any]] = e.get("flags", {})

    def key(m: Material) -> str:
        return m.name if r.get("flags_by", "id") == "name" else m.id

    def want(m: Material, case_flags: dict[str, dict[str, Any]]) -> dict[str, Any]:
        k = key(m)
        return {**defaults, **region_flags.get(k, {}), **flags.get(k, {}), **case_flags.get(k, {})}

    assert set(flags) <= {key(m) for m in s.materials}
    checked: set[str] = set()
    for case in e.get("checklists", []):
        for m in applying(s, case["answers"]):
            checked.add(m.id)
            assert fields_of(m, defaults) == want(m, case.get("flags", {})), (case["answers"], m.id)
    for m in s.materials:  # those no listed scenario brings in
        if m.id not in checked:
            assert fields_of(m, defaults) == want(m, {}), m.id


@pytest.mark.parametrize(("region_id", "code"), services_with("rows"))
def test_material_rows(catalog: Catalog, region_id: str, code: str) -> None:
    """The service's materials, row by row as the seed's table has them."""
    defaults: dict[str, Any] = REGIONS[region_id].get("material_fields", {})
    rows: list[dict[str, Any]] = REGIONS[region_id]["services"][code]["rows"]
    materials = svc(catalog, region_id, code).materials
    assert [m.name for m in materials] == [w["name"] for w in rows]
    for i, (m, w) in enumerate(zip(materials, rows, strict=True)):
        want = {**defaults, **w}
        assert {"name": m.name, **fields_of(m, defaults)} == want, (i + 1, w["name"])


# ---------------------------------------------------------------- time limit


@pytest.mark.parametrize(("region_id", "code"), services_with("time_limit"))
def test_time_limit(catalog: Catalog, region_id: str, code: str) -> None:
    want: dict[str, Any] = REGIONS[region_id]["services"][code]["time_limit"]
    tl = svc(catalog, region_id, code).time_limit
    got = {
        "kind": tl.kind,
        "text": tl.text,
        "working_days": tl.working_days,
        "months": tl.months,
        "days": tl.days,
        "variants": [{"when": v.when, "kind": v.kind} for v in tl.variants],
    }
    assert {k: got[k] for k in want} == want


@pytest.mark.parametrize(("region_id", "code", "i"), listed("time"))
def test_applied_time_limit(catalog: Catalog, region_id: str, code: str, i: int) -> None:
    case = REGIONS[region_id]["services"][code]["time"][i]
    s = svc(catalog, region_id, code)
    applied = applied_time_limit(s.time_limit, resolve_answers(s, case["answers"]))
    amount = {
        "working_days": applied.working_days,
        "months": applied.months,
        "natural_days": applied.days,
        "immediate": None,
        "unspecified": None,
    }[applied.kind]
    assert (applied.kind, amount) == (case["kind"], case["amount"])


# ---------------------------------------------------------------- forms and notes


@pytest.mark.parametrize(("region_id", "code"), services_with("form_links"))
def test_form_links(catalog: Catalog, region_id: str, code: str) -> None:
    links: dict[str, str] = REGIONS[region_id]["services"][code]["form_links"]
    s, region = svc(catalog, region_id, code), catalog.region(region_id)
    assert {m.id: m.form for m in s.materials if m.form} == links
    for mid, form_id in links.items():
        # the printed title is the one the seed writes in the material's name (some are written without 《》)
        title = region.form_title(form_id, catalog.forms[form_id].title)
        assert s.material(mid).name.removeprefix("《").removesuffix("》") == title


@pytest.mark.parametrize(("region_id", "code"), services_with("notes"))
def test_notes(catalog: Catalog, region_id: str, code: str) -> None:
    r = REGIONS[region_id]
    ignore: str | None = r.get("notes_ignore_prefix")
    got = [n for n in svc(catalog, region_id, code).notes if not (ignore and n.startswith(ignore))]
    assert got == r["services"][code]["notes"]
