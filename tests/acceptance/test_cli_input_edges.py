"""Three holes the hostile-input sweep left in the intake layer, each through the door that reaches it: a delivery
that is not text, a NaN setting, and a collector's details with control characters or no bound."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.acceptance.cli import APPLICANT, Cli
from tests.journal.test_intake import CLAIM, complete
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.intake import IntakeError, IntakeService


@pytest.fixture
def pc(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path / "pc")
    cli.set_up("W01", "yiyang-kuayu", "一号窗口")
    return cli


def test_a_delivery_that_is_not_text_is_refused_in_chinese(pc: Cli) -> None:
    data = pc.home / "in.json"
    data.write_text(json.dumps({"applicant": APPLICANT, "materials": {}, "delivery": []}), encoding="utf-8")
    r = pc.run("intake", "--service", "432036011W01", "--input", str(data), "--staff", "c01", ok=False)
    assert r.returncode == 2 and "结果交付方式" in r.stderr
    assert pc.json("cases") == []


@pytest.mark.parametrize("value", ["nan", "NaN", "inf"])
def test_a_setting_is_never_nan_or_infinite(pc: Cli, value: str) -> None:
    r = pc.run("settings", "set", "overlay_scale", value, "--staff", "sup1", ok=False)
    assert r.returncode == 2, r.stdout
    assert pc.json("settings", "list")  # and the page's value is unchanged
    listed = {s["key"]: s["value"] for s in pc.json("settings", "list")}
    assert listed["overlay_scale"] == 1.0


def test_a_collectors_details_are_bounded_and_one_line(tmp_path: Path, catalog: Catalog, calendar: Calendar) -> None:
    svc = IntakeService(open_journal(tmp_path / "j.sqlite3"), catalog, calendar)
    svc.setup_device("W01", "yiyang-kuayu", "一号窗口")
    svc.add_staff(None, "sup1", "主管", "supervisor", "secret-sup1")
    number, _w = svc.open_case("sup1", CLAIM, APPLICANT, answers={"maternity": "否"})
    states = complete(svc, CLAIM, {"maternity": "否"})
    assert svc.decide("sup1", number, {"maternity": "否"}, states).verdict.verdict == "accept"
    svc.complete("sup1", number)
    for detail in ({"collector": "李\x00四"}, {"collector": "李" * 51}, {"collector": "李四\n王五"}):
        with pytest.raises(IntakeError, match="交付信息 collector"):
            svc.hand_over("sup1", number, "id-or-receipt", detail)
    svc.hand_over("sup1", number, "id-or-receipt", {"collector": "李四"})


@pytest.mark.parametrize(
    ("region", "delivery", "refused", "phone"),
    [
        ("yiyang-kuayu", "pickup", "短信通知", "手机号码"),  # seed 000: the window notifies 受理、办理 by SMS
        ("yuanjiang", "pickup", "", ""),  # neither: the phone may stay empty
    ],
)
def test_an_empty_phone_is_refused_where_the_region_needs_it(
    tmp_path: Path, region: str, delivery: str, refused: str, phone: str
) -> None:
    pc = Cli(tmp_path / "pc")
    pc.set_up("W01", region, "一号窗口")
    service = {"yiyang-kuayu": "432036011W01", "yuanjiang": "002036002001"}[region]
    data = pc.home / "in.json"
    applicant = {k: v for k, v in APPLICANT.items() if k != "phone"}
    data.write_text(json.dumps({"applicant": applicant, "materials": {}, "delivery": delivery}), encoding="utf-8")
    r = pc.run("intake", "--service", service, "--input", str(data), "--staff", "c01", ok=not refused)
    if refused:
        assert r.returncode == 2 and refused in r.stderr and phone in r.stderr, r.stderr
        assert pc.json("cases") == []
    else:
        assert len(pc.json("cases")) == 1
