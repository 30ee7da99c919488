"""Every service of every region, through the command line as a subprocess, from the catalog to the centre.

Per region, one counter PC: set up, staff added; then for every service of the region, built from `materials
--json`: a complete case (受理: the receipt and each printable official table pre-filled), the same case with one
applying material missing (补正材料告知单 naming it), and one case for every scenario option that rejects (不予受理
告知书 with the reason). Afterwards `cases`, `case`, `ledger` and `sync push` (the machine's PostgreSQL) hold exactly
these cases."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import psycopg
import pytest

from tests.acceptance.cli import APPLICANT, UNIT, Cli, complete_input, in_scope_answers, rejecting_answers
from tests.printing.pdfcheck import squash, text
from tests.sync.conftest import fresh_central
from yibao_desk.domain.catalog import load_catalog
from yibao_desk.printing.templates import load_template

REGIONS = sorted(load_catalog().regions)
DEVICES = {region: f"T{i + 1:02d}" for i, region in enumerate(REGIONS)}


@pytest.fixture(scope="module")
def centre() -> Iterator[str]:
    with fresh_central() as url:
        yield url


@dataclass(frozen=True)
class Made:
    case_number: str
    service_code: str
    status: str
    documents: tuple[Path, ...]


def _pdf_text(path: Path) -> str:
    return text(path.read_bytes())


def _walk_service(pc: Cli, region: str, code: str, printable: set[str], out: Path) -> list[Made]:
    materials = pc.json("materials", "--region", region, "--service", code)
    service = materials["service"]
    name = squash(service["name"])
    made: list[Made] = []

    def intake(data: dict[str, Any], folder: str) -> dict[str, Any]:
        return pc.json(  # type: ignore[no-any-return]
            "intake",
            "--service",
            code,
            "--input",
            "-",
            "--staff",
            "c01",
            "--print",
            str(out / folder),
            stdin=json.dumps(data, ensure_ascii=False),
        )

    # 受理: every material present
    data = complete_input(materials, in_scope_answers(materials))
    r = intake(data, "accept")
    assert r["verdict"] == "accept", f"{region} {code}: {r['problems']}"
    number = r["case_number"]
    expected = [f for f in service["forms"] if f in printable] + ["receipt"]
    docs = [Path(p) for p in r["documents"]]
    assert [p.name for p in docs] == [f"{number}-{d}.pdf" for d in expected], f"{region} {code}"
    for p in docs:
        t = _pdf_text(p)
        # whom the paper is about: the applicant, or on a unit's table (`subject: unit`) the unit
        form = p.stem.removeprefix(f"{number}-")
        unit_table = form != "receipt" and load_template(form, region).subject == "unit"
        who = UNIT["name"] if unit_table else APPLICANT["name"]
        for value in (number, who, name):
            assert value in t, f"{region} {code}: {value} not on {p.name}"
    made.append(Made(number, code, "accepted", tuple(docs)))

    # 补正: one applying material missing (one that may not be accepted with a gap)
    gap_ok = {m["id"] for m in materials["materials"] if m["may_gap"]}
    missing = next((m for m in r["required_materials"] if m not in gap_ok), None)
    if missing is not None:
        lacking = json.loads(json.dumps(data))
        lacking["materials"][missing] = {"received": False}
        r = intake(lacking, "supplement")
        assert r["verdict"] == "supplement", f"{region} {code}"
        assert [p["material_id"] for p in r["problems"]] == [missing]
        (notice,) = (Path(p) for p in r["documents"])
        assert notice.name.endswith("-supplement-notice.pdf")
        t = _pdf_text(notice)
        material_name = next(m["name"] for m in materials["materials"] if m["id"] == missing)
        for value in (r["case_number"], APPLICANT["name"], name, squash(material_name)):
            assert value in t, f"{region} {code}: {value} not on the supplement notice"
        made.append(Made(r["case_number"], code, "supplement", (notice,)))

    # 不予受理: every option that puts the applicant out of scope
    for answers, reason in rejecting_answers(materials):
        r = intake(complete_input(materials, answers), "reject")
        assert r["verdict"] == "reject", f"{region} {code} {answers}"
        (notice,) = (Path(p) for p in r["documents"])
        t = _pdf_text(notice)
        for value in (r["case_number"], APPLICANT["name"], name, squash(reason)):
            assert value in t, f"{region} {code}: {value} not on the rejection notice"
        made.append(Made(r["case_number"], code, "rejected", (notice,)))
    return made


@pytest.mark.postgres
@pytest.mark.parametrize("region", REGIONS)
def test_every_service_of_the_region_end_to_end(region: str, tmp_path: Path, centre: str) -> None:
    pc = Cli(tmp_path / "pc")
    device = DEVICES[region]
    pc.set_up(device, region, "综合受理一号窗口")
    first_day = dt.date.today()
    services = [s["code"] for s in pc.json("services", "--region", region)]
    printable = {f["id"] for f in pc.json("forms") if not f.get("composed")}

    with ThreadPoolExecutor(max_workers=3) as pool:
        per_service = list(
            pool.map(lambda code: _walk_service(pc, region, code, printable, tmp_path / "out" / code), services)
        )
    made = [m for ms in per_service for m in ms]
    assert {m.service_code for m in made} == set(services)
    numbers = {m.case_number: m for m in made}
    assert len(numbers) == len(made), "a case number names two cases"

    # 办件: the list holds exactly these cases, each with its status
    listed = {c["case_number"]: c["status"] for c in pc.json("cases")}
    assert listed == {n: m.status for n, m in numbers.items()}
    for status in ("accepted", "supplement", "rejected"):
        sample = next((m for m in made if m.status == status), None)
        if sample is None:
            continue
        shown = pc.json("case", sample.case_number, "--staff", "c01")
        assert shown["case"]["status"] == status
        assert shown["events"][0]["type"] == "case.opened"
        assert {e["type"] for e in shown["events"]} >= {"case.opened", "case.printed"}

    # 台账: one row per case
    ledger = tmp_path / "ledger.xlsx"
    pc.run("ledger", "--from", first_day.isoformat(), "--to", dt.date.today().isoformat(), "-o", str(ledger))
    sheet = openpyxl.load_workbook(ledger, read_only=True)["台账明细"]
    header_row = next(i for i, row in enumerate(sheet.iter_rows(values_only=True)) if "办件编号" in row)
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[header_row].index("办件编号")
    in_ledger = {row[column] for row in rows[header_row + 1 :] if row[column]}
    assert in_ledger == set(numbers)

    # 同步: the centre receives exactly these cases
    key = pc.run("sync", "key").stdout.strip().split()[-1]
    reg = json.loads(
        pc.run("central", "add-device", "--url", centre, "--device", device, "--public-key", key, "--json").stdout
    )
    pushed = pc.json("sync", "push", "--to", reg["url"])
    assert pushed["pending"] == 0, pushed
    status = pc.json("sync", "status")
    assert status["pending"] == 0
    with psycopg.connect(centre) as conn:
        at_centre = {
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT case_number FROM yibao.events WHERE device_id = %s AND case_number IS NOT NULL",
                (device,),
            )
        }
    assert at_centre == set(numbers)
