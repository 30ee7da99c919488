"""纸质材料分发 in the domain: each paper an accepted case holds, with where the catalog sends it (seed 000's table:
退回申请人 / 流转承接部门 / 无需纸质档); the 承办部门 of 益阳跨域 are its county centres."""

from __future__ import annotations

from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.checklist import build_checklist
from yibao_desk.domain.paper_handoff import department_problem, departments, forwarded, paper_lines


def test_every_received_paper_of_every_yiyang_service_has_its_way(catalog: Catalog) -> None:
    region = catalog.region("yiyang-kuayu")
    for service in region.services:
        answers: dict[str, str] = {}
        items = [i for i in build_checklist(service, answers) if i.applies]
        states = {i.material.id: {"received": True, "copies": i.material.copies or 0} for i in items}
        lines = paper_lines(service, answers, states)
        assert [x.material_id for x in lines] == [i.material.id for i in items]
        assert all(x.paper in ("return", "forward", "none") for x in lines), service.code
        assert all(x.paper == "forward" for x in forwarded(lines))


def test_papers_not_received_are_not_held(catalog: Catalog) -> None:
    service = catalog.region("yiyang-kuayu").services[0]
    assert paper_lines(service, {}, {}) == []


def test_departments(catalog: Catalog) -> None:
    yiyang = catalog.region("yiyang-kuayu")
    assert len(departments(yiyang)) == 9 and "赫山区医疗保障事务中心" in departments(yiyang)
    assert department_problem(yiyang, "赫山区医疗保障事务中心") is None
    assert "请选择承办部门" in str(department_problem(yiyang, ""))
    assert "不在本地区的名录中" in str(department_problem(yiyang, "长沙市医保局"))
    for other in ("yuanjiang", "daye", "puyang", "shangluo"):
        assert departments(catalog.region(other)) == () and department_problem(catalog.region(other), "") is None
