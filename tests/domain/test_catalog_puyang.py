"""濮阳县 (seed 003) catalog: the checks only this region needs.

The expected values are in tests/domain/regions/puyang.yaml (written from the seed text, with the readings of the seed
that are a choice in its header); the checks every region shares are in tests/domain/test_catalog_regions.py.
"""

from __future__ import annotations

import pytest

from tests.domain.test_catalog_regions import region_data
from yibao_desk.domain.catalog import Catalog, Service
from yibao_desk.domain.checklist import build_checklist

REGION = "puyang"
CODES = list(region_data(REGION)["services"])

CRED = "医保电子凭证或有效身份证件或社保卡"

# Where the same table appears twice (stamped / not stamped), which one applies: (code, answers, {name: stamp}).
STAMPS_BY_SCENARIO: list[tuple[str, dict[str, str], dict[str, str | None]]] = [
    ("002036001002", {}, {"《职工基本医疗保险参保登记表》": "单位公章", "参保人员有效身份证件复印件": None}),
    ("002036001002", {"flexible_employment": "是"}, {"有效身份证件": None, "《职工基本医疗保险参保登记表》": None}),
    ("002036001005", {}, {CRED: None, "《基本医疗保险职工参保信息变更登记表》": None}),
    ("002036001005", {"key_info_change": "是"}, {CRED: None, "《基本医疗保险职工参保信息变更登记表》": "单位公章"}),
]


def svc(catalog: Catalog, code: str) -> Service:
    return catalog.region(REGION).service(code)


def test_profile(catalog: Catalog) -> None:
    p = catalog.region(REGION).profile
    assert (p.name, p.province, p.seed) == ("濮阳县", "河南省", "003")
    # the seed names no agency (the brief chose it), no hall address and no phone
    assert p.agency == "濮阳县医疗保障局"
    assert p.hall_address == ""
    assert p.phones.consultation == () and p.phones.supervision == () and p.phones.directory == ()
    assert [g.id for g in p.groups] == [f"00203600{n}00Y" for n in range(1, 10)] + ["00203601000Y"]


@pytest.mark.parametrize(("code", "answers", "stamps"), STAMPS_BY_SCENARIO)
def test_stamped_table_only_where_the_seed_says(
    catalog: Catalog, code: str, answers: dict[str, str], stamps: dict[str, str | None]
) -> None:
    s = svc(catalog, code)
    assert {i.material.name: i.material.stamp for i in build_checklist(s, answers) if i.applies} == stamps


def test_no_scenario_rejects_a_case(catalog: Catalog) -> None:
    # the seed states no 服务对象, so nothing puts a case out of scope
    for code in CODES:
        assert all(s.reject == () for s in svc(catalog, code).scenarios), code
