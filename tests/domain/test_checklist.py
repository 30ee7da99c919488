from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yibao_desk.domain.catalog import Catalog, Service
from yibao_desk.domain.checklist import CheckInputError, MaterialState, build_checklist, evaluate
from yibao_desk.domain.working_days import Calendar

ACCEPTED = dt.date(2026, 11, 20)
EMPLOYEE_CLAIM = ("yiyang-kuayu", "432036011W01")


def service(catalog: Catalog, key: tuple[str, str]) -> Service:
    return catalog.region(key[0]).service(key[1])


def complete_states(svc: Service, answers: dict[str, str]) -> dict[str, MaterialState]:
    """Everything a perfect applicant brings for these answers."""
    return {
        item.material.id: MaterialState(
            received=True, original_checked=True, copies=item.material.copies or 0, stamped=True
        )
        for item in build_checklist(svc, answers)
        if item.applies
    }


def required_names(svc: Service, answers: dict[str, str]) -> list[str]:
    return [i.material.name for i in build_checklist(svc, answers) if i.applies]


def test_maternity_claim_asks_for_spouse_id_permit_certificate_and_stamped_form(catalog: Catalog) -> None:
    svc = service(catalog, EMPLOYEE_CLAIM)
    with_maternity = {
        item.material.id: item.material for item in build_checklist(svc, {"maternity": "是"}) if item.applies
    }
    without = {item.material.id for item in build_checklist(svc, {"maternity": "否"}) if item.applies}
    extra = set(with_maternity) - without
    assert {m.name for mid, m in with_maternity.items() if mid in extra} >= {
        "患者配偶有效身份证",
        "生育证",
        "医院医学证明",
        "生育医疗费用申领审批单",
    }
    assert with_maternity["medical-certificate"].copies == 2
    assert with_maternity["maternity-approval"].stamp == "工作单位公章"
    assert not extra & {"patient-id", "hospital-invoice"}
    assert "患者配偶有效身份证" not in required_names(svc, {"maternity": "否"})


def test_complete_case_is_accepted_immediately(catalog: Catalog, calendar: Calendar) -> None:
    svc = service(catalog, EMPLOYEE_CLAIM)
    answers = {"maternity": "是"}
    v = evaluate(svc, answers, complete_states(svc, answers), ACCEPTED, calendar)
    assert v.verdict == "accept"
    assert v.problems == ()
    assert v.due_date == ACCEPTED  # 即办件


def test_every_problem_is_listed_at_once(catalog: Catalog, calendar: Calendar) -> None:
    svc = service(catalog, EMPLOYEE_CLAIM)
    answers = {"maternity": "是"}
    states = complete_states(svc, answers)
    states["medical-certificate"] = MaterialState(received=True, original_checked=True, copies=1)
    states["maternity-approval"] = MaterialState(received=True, stamped=False)
    states["patient-id"] = MaterialState(received=True, original_checked=False, copies=1)
    del states["birth-permit"]
    states["medical-record"] = MaterialState(received=True, copies=1, mistake="缺页")
    v = evaluate(svc, answers, states, ACCEPTED, calendar)
    assert v.verdict == "supplement"
    reasons = {p.material_id: p.reason for p in v.problems}
    assert reasons == {
        "patient-id": "原件未核验",
        "medical-certificate": "复印件不足：需 2 份，实收 1 份",
        "maternity-approval": "未加盖工作单位公章",
        "birth-permit": "未提交",
        "medical-record": "存在常见错误：缺页",
    }
    assert v.due_date is None


def test_principal_id_copy_only_when_entrusted_and_not_for_spouse_maternity(catalog: Catalog) -> None:
    svc = service(catalog, EMPLOYEE_CLAIM)
    assert "委托人身份证复印件" not in required_names(svc, {})
    assert "委托人身份证复印件" in required_names(svc, {"entrusted": "是"})
    assert "委托人身份证复印件" in required_names(svc, {"other_bank_card": "是"})
    assert "委托人身份证复印件" not in required_names(
        svc, {"entrusted": "是", "maternity": "是", "spouse_applies": "是"}
    )


def test_alternatives_satisfied_by_any_member(catalog: Catalog, calendar: Calendar) -> None:
    svc = service(catalog, EMPLOYEE_CLAIM)
    card = svc.material("insurance-card")
    assert card.alternatives == ("医保电子凭证", "社保卡")
    states = complete_states(svc, {})
    del states["insurance-card"]
    v = evaluate(svc, {}, states, ACCEPTED, calendar)
    assert [p.reason for p in v.problems] == ["未提交（以下任选其一：医保电子凭证、社保卡）"]


def test_out_of_scope_answer_rejects(catalog: Catalog, calendar: Calendar) -> None:
    svc = catalog.region("yiyang-kuayu").service("432036005W0Y")
    v = evaluate(svc, {"insured_activated": "否"}, {}, ACCEPTED, calendar)
    assert v.verdict == "reject"
    assert v.reject_reasons and "社保卡" in v.reject_reasons[0]


def test_working_day_limit_gives_due_date(catalog: Catalog, calendar: Calendar) -> None:
    svc = catalog.region("yuanjiang").service("002036001001")  # 单位参保登记: 不超过5个工作日
    assert svc.time_limit.kind == "working_days" and svc.time_limit.working_days == 5
    v = evaluate(svc, {}, complete_states(svc, {}), dt.date(2026, 9, 30), calendar)
    assert v.verdict == "accept"
    assert v.due_date == dt.date(2026, 10, 13)  # 8, 9, 10 (make-up Saturday), 12, 13 Oct


def test_time_limit_variant_by_scenario(catalog: Catalog, calendar: Calendar) -> None:
    svc = catalog.region("yuanjiang").service("002036001002")  # 职工参保登记
    assert svc.time_limit.variants, "灵活就业人员即时办结 must be a variant"
    variant = svc.time_limit.variants[0]
    answers = {k: v if isinstance(v, str) else v[0] for k, v in variant.when.items() if k not in ("any", "all", "not")}
    v = evaluate(svc, answers, complete_states(svc, answers), ACCEPTED, calendar)
    assert v.verdict == "accept" and v.due_date == ACCEPTED


@pytest.mark.parametrize(
    ("answers", "states", "fragment"),
    [
        ({"nope": "是"}, {}, "未知的情形"),
        ({"maternity": "也许"}, {}, "没有选项"),
        ({}, {"no-such-material": MaterialState()}, "未知的材料"),
    ],
)
def test_bad_input_is_refused_with_a_message(
    catalog: Catalog, calendar: Calendar, answers: dict[str, str], states: dict[str, MaterialState], fragment: str
) -> None:
    with pytest.raises(CheckInputError, match=fragment):
        evaluate(service(catalog, EMPLOYEE_CLAIM), answers, states, ACCEPTED, calendar)


def _all_services(catalog: Catalog) -> list[Service]:
    return [s for r in catalog.regions.values() for s in r.services]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_accept_exactly_when_no_problems(catalog: Catalog, calendar: Calendar, data: st.DataObject) -> None:
    svc = data.draw(st.sampled_from(_all_services(catalog)))
    answers = {s.id: data.draw(st.sampled_from(s.options)) for s in svc.scenarios}
    states = {
        m.id: MaterialState(
            received=data.draw(st.booleans()),
            original_checked=data.draw(st.booleans()),
            copies=data.draw(st.integers(0, 3)),
            stamped=data.draw(st.booleans()),
            mistake=data.draw(st.sampled_from([None, *m.common_mistakes])),
        )
        for m in svc.materials
        if data.draw(st.booleans())
    }
    v = evaluate(svc, answers, states, ACCEPTED, calendar)
    assert (v.verdict == "accept") == (not v.problems)
    if v.verdict == "reject":
        assert v.reject_reasons
    required = {i.material.id for i in v.checklist if i.applies}
    assert {p.material_id for p in v.problems if p.material_id} <= required


def test_complete_states_accept_every_service_in_default_scenario(catalog: Catalog, calendar: Calendar) -> None:
    for svc in _all_services(catalog):
        answers = svc.default_answers()
        v = evaluate(svc, answers, complete_states(svc, answers), ACCEPTED, calendar)
        if v.verdict == "reject":
            continue  # a default answer that is out of scope is the data's choice
        assert v.verdict == "accept", (svc.code, v.problems)
