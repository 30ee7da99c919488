"""沅江市 (seed 001, 《沅江市医疗保障经办政务服务事项办事指南》) catalog: the checks only this region needs.

The expected values are in tests/domain/regions/yuanjiang.yaml (written from a reading of the seed text; conventions in
its header and in docs/seed-notes/yuanjiang.md); the shared checks are in tests/domain/test_catalog_regions.py.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.domain.test_catalog_regions import region_data
from yibao_desk.domain.catalog import Catalog, Material, Service
from yibao_desk.domain.checklist import build_checklist, evaluate
from yibao_desk.domain.working_days import Calendar

REGION = "yuanjiang"
CODES = sorted(region_data(REGION)["services"])

# 职工参保登记（002036001002）备注②：委托办理的，应提供委托人及代理人身份证件原件及委托人授权委托书（下同）。
# scenario `entrusted`, and these two materials (ids principal-agent-id, power-of-attorney) at the end of the list.
ENTRUSTED = ["委托人及代理人身份证件原件", "委托人授权委托书"]


def svc(catalog: Catalog, code: str) -> Service:
    return catalog.region(REGION).service(code)


def applicable(service: Service, answers: dict[str, str]) -> list[Material]:
    return [i.material for i in build_checklist(service, answers) if i.applies]


def test_flexible_worker_forms_need_no_unit_stamp(catalog: Catalog) -> None:
    for code in ("002036001002", "002036001005", "002036001007"):
        service = svc(catalog, code)
        answers = {"applicant_type": "灵活就业人员"} if code == "002036001002" else {"flexible_employment": "是"}
        assert all(m.stamp is None for m in applicable(service, answers)), code


def test_flexible_worker_registration_is_immediate(catalog: Catalog, calendar: Calendar) -> None:
    service = svc(catalog, "002036001002")
    accepted = dt.date(2026, 11, 20)
    v = evaluate(service, {"applicant_type": "灵活就业人员"}, {}, accepted, calendar)
    assert v.time_limit.kind == "immediate"
    v = evaluate(service, {}, {}, accepted, calendar)
    assert v.time_limit.kind == "working_days" and v.time_limit.working_days == 5


def test_default_answers_are_in_scope(catalog: Catalog, calendar: Calendar) -> None:
    """The default answers describe an ordinary applicant: never an out-of-scope rejection."""
    for service in catalog.region(REGION).services:
        v = evaluate(service, service.default_answers(), {}, dt.date(2026, 11, 20), calendar)
        assert v.verdict != "reject", service.code


# ---------------------------------------------------------------- 委托办理（下同）
# 职工参保登记（002036001002）备注② ends with （下同）: the rule holds for every FOLLOWING service an individual applies
# for (possibly through an agent). Decision per service, with the seed's reason: docs/seed-notes/yuanjiang.md,
# 「（下同）的适用」. 002036001001 precedes the rule (and is a unit service).
PERSONAL = (
    "002036001002",  # where the rule is written
    "002036001003",
    "002036001005",
    "002036001006",
    "002036001007",
    "002036001008",
    "002036002002",
    "002036002003",
    "002036003001",
    "002036003002",
    "002036004001",
    "002036004002",
    "002036004003",
    "002036004004",
    "002036004005",
    "002036005001",
    "002036005002",
    "002036006001",
    "002036006002",
    "002036007001",
    "002036007002",
    "002036007003",
    "002036007004",
    "002036007005",
    "002036008002",
)
NOT_PERSONAL = {
    "002036001001": "用人单位 (and before the rule)",
    "002036001004": "用人单位",
    "002036002001": "用人单位",
    "002036008001": "不需个人申请: 医保经办机构协助财政部门统一办理 (民政部门 data)",
    "002036009001": "医疗机构",
    "002036009002": "零售药店",
    "002036010001": "定点医疗机构",
    "002036010002": "定点零售药店",
}
# where the service's own （六） already names the 代办人: that material stays as it is, next to the (下同) two
# (患者及代办人身份证复印件 → 代办人身份证复印件 is a copy to keep; the rule asks for the originals to be checked).
# 002036002003's "有效身份证件（本人和代办人）" is one alternative of its own ID material, not a separate material.
OWN_AGENT_MATERIAL = {"002036006001": ("agent-id-copy",), "002036006002": ("agent-id-copy",)}
ENTRUSTED_RULE = "委托办理的，应提供委托人及代理人身份证件原件及委托人授权委托书（下同）"


def test_every_service_is_classified_for_the_entrusted_rule() -> None:
    assert set(PERSONAL).isdisjoint(NOT_PERSONAL)
    assert sorted([*PERSONAL, *NOT_PERSONAL]) == CODES


@pytest.mark.parametrize("code", PERSONAL)
def test_personal_service_has_the_entrusted_rule(catalog: Catalog, code: str) -> None:
    service = svc(catalog, code)
    scenario_ids = [s.id for s in service.scenarios]
    assert scenario_ids.count("entrusted") == 1  # the shared scenario, once (006001/006002 had it already)
    assert len(scenario_ids) == len(set(scenario_ids))

    agent_id = service.material("principal-agent-id")
    letter = service.material("power-of-attorney")
    assert (agent_id.name, letter.name) == tuple(ENTRUSTED)
    assert agent_id.requirement == letter.requirement == ENTRUSTED_RULE
    assert agent_id.original is True and letter.original is None
    assert agent_id.condition == letter.condition == {"entrusted": "是"}
    # each only once, and nothing else in the service is a 授权委托书 / a second 委托人 ID
    names = [m.name for m in service.materials]
    assert names.count(ENTRUSTED[0]) == 1 and names.count(ENTRUSTED[1]) == 1
    assert [n for n in names if "委托" in n] == ENTRUSTED

    default = service.default_answers()
    without = [m.id for m in applicable(service, default)]
    with_agent = [m.id for m in applicable(service, {**default, "entrusted": "是"})]
    assert "principal-agent-id" not in without and "power-of-attorney" not in without
    assert with_agent[-2:] == ["principal-agent-id", "power-of-attorney"]
    assert set(with_agent) - set(without) == {
        "principal-agent-id",
        "power-of-attorney",
        *OWN_AGENT_MATERIAL.get(code, ()),
    }


@pytest.mark.parametrize("code", sorted(NOT_PERSONAL))
def test_unit_and_institution_services_have_no_entrusted_rule(catalog: Catalog, code: str) -> None:
    service = svc(catalog, code)
    assert "entrusted" not in {s.id for s in service.scenarios}
    ids = {m.id for m in service.materials}
    assert "principal-agent-id" not in ids and "power-of-attorney" not in ids
    assert not any("委托" in m.name or "代办" in m.name or "代理" in m.name for m in service.materials)
