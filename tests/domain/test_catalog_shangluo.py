"""商洛市 (seed 004) catalog: the checks only this region needs.

The expected values are in tests/domain/regions/shangluo.yaml (written from the seed text, with the readings of the
seed that are a choice in its header); the checks every region shares are in tests/domain/test_catalog_regions.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.domain.test_catalog_regions import region_data
from yibao_desk.domain.catalog import Catalog, Service
from yibao_desk.domain.checklist import MaterialState, build_checklist, evaluate
from yibao_desk.domain.working_days import Calendar

REGION = "shangluo"
EXPECTED = region_data(REGION)["services"]
CODES = list(EXPECTED)

# 职工 备注① "委托办理的,应提供委托人及代理人身份证件原件及委托人授权委托书(下同)": the two materials, listed last
ENTRUSTED = ["委托人及代理人身份证件", "委托人授权委托书"]


def svc(catalog: Catalog, code: str) -> Service:
    return catalog.region(REGION).service(code)


def applying(service: Service, answers: dict[str, str]) -> list[str]:
    return [i.material.name for i in build_checklist(service, answers) if i.applies]


@pytest.mark.parametrize("code", CODES)
def test_entrusted_materials(catalog: Catalog, code: str) -> None:
    s, e = svc(catalog, code), EXPECTED[code]
    ids = {x.id for x in s.scenarios}
    if not e["entrusted"]:
        assert "entrusted" not in ids
        return
    for case in e["checklists"]:
        assert applying(s, {**case["answers"], "entrusted": "是"}) == case["names"] + ENTRUSTED
    assert s.material("principal-agent-id").original is True  # 身份证件原件


def test_account_withdrawal_only_after_insurance_stopped(catalog: Catalog, calendar: Calendar) -> None:
    s = svc(catalog, "002036002003")
    v = evaluate(s, {"stopped": "否"}, {}, dt.date(2026, 11, 20), calendar)
    assert v.verdict == "reject" and "停保" in v.reject_reasons[0]


def test_unstamped_aid_statement_is_a_problem(catalog: Catalog, calendar: Calendar) -> None:
    s = svc(catalog, "002036008002")
    states = {m.id: MaterialState(received=True, stamped=True) for m in s.materials if m.condition is None}
    states["settlement-statement"] = MaterialState(received=True, stamped=False)
    v = evaluate(s, {}, states, dt.date(2026, 11, 20), calendar)
    assert [(p.material_id, p.reason) for p in v.problems] == [("settlement-statement", "未加盖章")]


def test_profile_phones(catalog: Catalog) -> None:
    p = catalog.region(REGION).profile
    assert p.phones.supervision == ("0914-2325133",)
    assert {(d.name, d.phone) for d in p.phones.directory} == {
        ("商州区", "0914-2323781"),
        ("洛南县", "0914-7388527"),
        ("丹凤县", "0914-3323785"),
        ("商南县", "0914-6371941"),
        ("山阳县", "0914-8312335"),
        ("镇安县", "0914-5336227"),
        ("柞水县", "0914-4326835"),
    }
    assert p.certificate_number_format == "陕西省商洛市({year})(第{serial:04d}号)"
