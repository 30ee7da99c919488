from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from yibao_desk.domain.catalog import CatalogError, load_catalog
from yibao_desk.domain.paths import resources_dir


@pytest.fixture
def resources(tmp_path: Path) -> Path:
    dst = tmp_path / "resources"
    shutil.copytree(resources_dir(), dst)
    return dst


def package(resources: Path) -> Path:
    return resources / "regions" / "yiyang-kuayu" / "services" / "package.yaml"


def test_all_five_regions_load(catalog) -> None:  # type: ignore[no-untyped-def]
    assert set(catalog.regions) == {"yuanjiang", "daye", "puyang", "shangluo", "yiyang-kuayu"}
    for region in catalog.regions.values():
        assert region.services, region.id
        codes = [s.code for s in region.services]
        assert len(codes) == len(set(codes)), region.id


def test_codes_are_national_or_marked_local(catalog) -> None:  # type: ignore[no-untyped-def]
    national = catalog.national_codes
    for region in catalog.regions.values():
        for s in region.services:
            assert s.local_code or s.code in national, (region.id, s.code, s.name)


def test_bad_value_names_file_entry_and_problem(resources: Path) -> None:
    p = package(resources)
    p.write_text(p.read_text(encoding="utf-8").replace("copies: 2", "copies: 两份", 1), encoding="utf-8")
    with pytest.raises(CatalogError) as e:
        load_catalog(resources)
    msg = str(e.value)
    assert "package.yaml" in msg and "432036011W01" in msg and "medical-certificate" in msg and "copies" in msg
    assert "整数" in msg


def test_unknown_field_is_refused(resources: Path) -> None:
    p = package(resources)
    p.write_text(p.read_text(encoding="utf-8").replace("may_gap: false", "may_gapp: false", 1), encoding="utf-8")
    with pytest.raises(CatalogError, match="may_gapp"):
        load_catalog(resources)


def test_condition_on_unknown_scenario_is_refused(resources: Path) -> None:
    p = package(resources)
    p.write_text(p.read_text(encoding="utf-8").replace("{maternity: 是}", "{maternty: 是}", 1), encoding="utf-8")
    with pytest.raises(CatalogError, match="maternty"):
        load_catalog(resources)


def test_yaml_syntax_error_names_line(resources: Path) -> None:
    p = package(resources)
    p.write_text(p.read_text(encoding="utf-8") + "\n  - [unclosed\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="行"):
        load_catalog(resources)


def test_unknown_form_id_is_refused(resources: Path) -> None:
    p = resources / "regions" / "yuanjiang" / "services" / "part1-3.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("unit-enroll", "unit-enrol", 1), encoding="utf-8")
    with pytest.raises(CatalogError, match="unit-enrol"):
        load_catalog(resources)
