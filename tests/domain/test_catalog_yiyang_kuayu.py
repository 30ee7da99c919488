"""益阳市跨域通办窗口 (seed 000, 套餐「我要报销住院费」) catalog: the checks only this region needs.

The expected values are in tests/domain/regions/yiyang-kuayu.yaml (written from the seed's 申报材料收件要点 tables,
with the readings of the seed that are a choice in its header); the shared checks are in
tests/domain/test_catalog_regions.py.
"""

from __future__ import annotations

import datetime as dt

from yibao_desk.domain.catalog import Catalog, Service
from yibao_desk.domain.checklist import evaluate
from yibao_desk.domain.working_days import Calendar

REGION = "yiyang-kuayu"


def svc(catalog: Catalog, code: str) -> Service:
    return catalog.region(REGION).service(code)


def test_remote_filing_needs_activated_insurance(catalog: Catalog, calendar: Calendar) -> None:
    s = svc(catalog, "432036005W0Y")
    assert evaluate(s, {"insured_activated": "否"}, {}, dt.date(2026, 11, 20), calendar).verdict == "reject"


def test_phone_directory(catalog: Catalog) -> None:
    p = catalog.region(REGION).profile
    assert [(d.name, d.phone) for d in p.phones.directory] == [
        ("南县", "0737-5249991（城职）、0737-5249967（城居）"),
        ("安化县", "0737-7225179"),
        ("桃江县", "0737-8885239（城职）、0737-8202783（居民）"),
        ("沅江市", "0737-2817102"),
        ("大通湖区", "0737-5661473（城职）、5662978（城居）"),
        ("赫山区", "0737-4439918"),
        ("资阳区", "0737-3333960"),
        ("高新区", "0737－6204712"),
        ("东部新区", "0737-4617003"),
    ]
    # 十、办理结果交付流程 lives in resources/handover.yaml, shared by every region (the issue asks for it everywhere)
    from yibao_desk.domain.handover import handover_ways

    region = catalog.region("yiyang-kuayu")
    assert [h.id for h in handover_ways(region)][:3] == ["id-or-receipt", "sms-id-phone", "counterpart-guarantee"]
