from __future__ import annotations

import pytest

from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.search import search_services


def names(catalog: Catalog, region: str, query: str) -> list[str]:
    return [s.name for s in search_services(catalog.region(region), query)]


@pytest.mark.parametrize("query", ["zq", "zhiqu", "支取"])
def test_account_withdrawal_found(catalog: Catalog, query: str) -> None:
    assert names(catalog, "yuanjiang", query)[0] == "参保人员个人账户一次性支取"


def test_ydjy_finds_the_remote_care_services(catalog: Catalog) -> None:
    found = names(catalog, "yuanjiang", "ydjy")
    assert "异地安置退休人员备案" in found and "异地急诊人员备案" in found
    assert names(catalog, "yiyang-kuayu", "ydjy")[0] == "基本医疗保险参保人员异地就医备案"


def test_exact_code_first(catalog: Catalog) -> None:
    assert [s.code for s in search_services(catalog.region("yuanjiang"), "002036004001")][0] == "002036004001"
    codes = [s.code for s in search_services(catalog.region("yuanjiang"), "002036004")]
    assert codes and all(c.startswith("002036004") for c in codes)


def test_empty_query_lists_all_in_guide_order(catalog: Catalog) -> None:
    region = catalog.region("yuanjiang")
    assert search_services(region, "  ") == list(region.services)


def test_no_match(catalog: Catalog) -> None:
    assert names(catalog, "yuanjiang", "qqqqqq") == []
