"""The acceptance CLI walk an installed program must pass (issue 14), the same for the source tree, a wheel in a fresh
venv and the frozen bundle: per region a counter PC set up, staff added, one complete case with its documents
printed (the receipt and the service's official table where it has one), the ledger and an offline bundle; and the
answers that depend on the shipped data (regions, forms, the holiday calendar)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tests.acceptance.cli import APPLICANT, UNIT, Cli, complete_input, in_scope_answers
from tests.printing.pdfcheck import text
from yibao_desk.printing.templates import load_template


def walk(program: list[str], folder: Path, cwd: Path) -> dict[str, list[str]]:
    """Run the walk with `program` (the command that starts yibao-desk) from `cwd`; returns the documents per region."""
    probe = Cli(folder / "probe", program=program, cwd=cwd)
    probe.home.mkdir(parents=True)
    regions = [r["id"] for r in probe.json("regions")]
    assert len(regions) == 5, regions
    printable = {f["id"] for f in probe.json("forms") if not f.get("composed")}
    assert len(printable) >= 6, printable
    due = probe.json("due-date", "--from", "2026-09-30", "--working-days", "5")
    assert due["due_date"] == "2026-10-13", due  # 国庆中秋 10-01..08 and the 调休 Saturday 10-10: the shipped data
    made: dict[str, list[str]] = {}
    for i, region in enumerate(regions):
        pc = Cli(folder / region, program=program, cwd=cwd)
        device = f"I{i + 1:02d}"
        pc.set_up(device, region, "综合受理一号窗口")
        services = pc.json("services", "--region", region)
        with_table = [s for s in services if set(s.get("forms") or []) & printable]
        code = (with_table or services)[0]["code"]
        materials = pc.json("materials", "--region", region, "--service", code)
        data = complete_input(materials, in_scope_answers(materials))
        r = pc.json(
            "intake",
            "--service",
            code,
            "--input",
            "-",
            "--staff",
            "c01",
            "--print",
            str(folder / f"{region}-out"),
            stdin=json.dumps(data, ensure_ascii=False),
        )
        assert r["verdict"] == "accept", (region, code, r["problems"])
        docs = [Path(p) for p in r["documents"]]
        assert docs[-1].name.endswith("-receipt.pdf") and (len(docs) >= 2 or not with_table), (region, docs)
        for doc in docs:
            words = text(doc.read_bytes())
            form = doc.stem.removeprefix(f"{r['case_number']}-")
            unit_table = form != "receipt" and load_template(form, region).subject == "unit"
            who = UNIT["name"] if unit_table else APPLICANT["name"]  # whom the paper is about
            assert r["case_number"] in words and who in words, (region, doc.name)
        today = dt.date.today().isoformat()
        ledger = folder / f"{region}-ledger.xlsx"
        pc.run("ledger", "--from", today, "--to", today, "-o", str(ledger))
        assert ledger.stat().st_size > 0
        bundle = folder / f"{region}-bundle.zip"
        pc.run("sync", "export", "-o", str(bundle))
        assert bundle.stat().st_size > 0
        made[region] = [d.name for d in docs]
    return made
