"""纸质材料移交 (issue 17 §4) in the journal: a case's 承办部门 (益阳跨域: the county centre of the insured's 参保地)
is checked against the region's list and can be corrected; the day's 移交清单 groups the accepted cases' papers
that go on (流转承接部门) by department; printing and the department's receipt are journaled, and the case says
where its papers are."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.journal.conftest import APPLICANT
from tests.journal.test_intake import CLAIM, complete
from yibao_desk.handoff.handoff_list import UNASSIGNED, handoff_items
from yibao_desk.handoff.list_pdf import render_handoff
from yibao_desk.journal.applicant import IntakeInputError
from yibao_desk.journal.intake import IntakeError, IntakeService
from yibao_desk.journal.verify import rebuild, verify

ANSWERS = {"maternity": "否"}
HESHAN = "赫山区医疗保障事务中心"
ZIYANG = "资阳区医疗保障事务中心"


def _accepted(service: IntakeService, department: str = "") -> str:
    number, _ = service.open_case("c01", CLAIM, APPLICANT, answers=ANSWERS, department=department)
    service.decide("c01", number, ANSWERS, complete(service, CLAIM, ANSWERS))
    return number


def test_the_day_list_per_department_and_its_receipt(service: IntakeService) -> None:
    with pytest.raises(IntakeInputError, match="不在本地区的名录中"):
        service.open_case("c01", CLAIM, APPLICANT, answers=ANSWERS, department="长沙市医保局")
    a, b, c = _accepted(service, HESHAN), _accepted(service, ZIYANG), _accepted(service)
    assert service.case(a)["department"] == HESHAN and service.case(c)["department"] == ""
    day = service.clock().date()
    lists = handoff_items(service, day)
    assert {k: [i.case_number for i in v] for k, v in lists.items()} == {HESHAN: [a], ZIYANG: [b], UNASSIGNED: [c]}
    item = lists[HESHAN][0]
    assert item.lines and all(line.paper == "forward" for line in item.lines) and item.papers >= len(item.lines)
    service.amend("c01", c, department=HESHAN)
    assert [i.case_number for i in handoff_items(service, day, HESHAN)[HESHAN]] == [a, c]

    rendered = render_handoff({HESHAN: handoff_items(service, day, HESHAN)[HESHAN]}, day, service.region(), "一号窗口")
    text = "".join("".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(rendered.pdf)).pages)
    assert "纸质材料移交清单" in text and f"承办部门：{HESHAN}" in text and a in text and c in text
    assert "移交人（签字）" in text and "接收人（签字）" in text and item.lines[0].name in text

    assert service.paper_place(a) == ""
    service.record_handoff_printed("c01", day, HESHAN, [a, c])
    assert "已列入" in service.paper_place(a) and "待承办部门签收" in service.paper_place(a)
    with pytest.raises(IntakeError, match="请填写接收人"):
        service.confirm_handoff("c01", day, HESHAN, " ", [a, c])
    assert service.confirm_handoff("c01", day, HESHAN, "刘接收", [a, c]) == [a, c]
    assert "移交赫山区医疗保障事务中心（接收人：刘接收）" in service.paper_place(c)
    with pytest.raises(IntakeError, match="已全部签收"):
        service.confirm_handoff("c01", day, HESHAN, "刘接收", [a, c])
    with pytest.raises(IntakeError, match="已由赫山区医疗保障事务中心签收，不能更改承办部门"):
        service.amend("c01", a, department=ZIYANG)
    before = service.cases()
    rebuild(service.journal)
    assert service.cases() == before and verify(service.journal).ok


def test_no_list_on_another_day_and_a_supplement_case_hands_nothing(service: IntakeService) -> None:
    number, _ = service.open_case("c01", CLAIM, APPLICANT, answers=ANSWERS, department=HESHAN)
    service.decide("c01", number, ANSWERS, {})  # 补正: the papers go back with the applicant
    assert handoff_items(service, service.clock().date()) == {}
    _accepted(service, HESHAN)
    assert handoff_items(service, service.clock().date().replace(day=1)) == {}
