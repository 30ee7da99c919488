"""Issue 17 §5 through the CLI, in every region: a case accepted, completed and handed over is archived by
`archive --date D -o DIR`: its 档案号 from the region's pattern, one case file <档案号>.pdf that holds the cover,
the receipt, the official tables and the history; a second run archives nothing twice; a case not yet handed over
waits; the ledger's 归档 column shows the number."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from tests.acceptance.cli import APPLICANT, Cli, complete_input, in_scope_answers

REGIONS = ("yiyang-kuayu", "yuanjiang", "daye", "puyang", "shangluo")


def _text(path: Path) -> list[str]:
    return ["".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


@pytest.mark.parametrize("region", REGIONS)
def test_a_day_archived_in_every_region(region: str, tmp_path: Path) -> None:
    pc = Cli(tmp_path / "pc")
    pc.set_up("W01", region, "一号窗口")
    services = pc.json("services", "--region", region)
    service = (services if isinstance(services, list) else services["services"])[0]
    code = str(service["code"])
    materials = pc.json("materials", "--region", region, "--service", code)
    data = {**complete_input(materials, in_scope_answers(materials)), "applicant": APPLICANT}
    made = [
        pc.json(
            "intake", "--service", code, "--input", "-", "--staff", "c01", stdin=json.dumps(data, ensure_ascii=False)
        )
        for _ in range(2)
    ]
    assert [m["verdict"] for m in made] == ["accept", "accept"]
    handed, waiting = made[0]["case_number"], made[1]["case_number"]
    for number in (handed, waiting):
        pc.run("complete", number, "--staff", "c01")
    pc.run("deliver", handed, "--way", "id-or-receipt", "--collector", APPLICANT["name"], "--staff", "c01")
    today = dt.date.today().isoformat()
    out = tmp_path / "归档"
    report = pc.json("archive", "--date", today, "-o", str(out), "--staff", "c01")
    (done,) = report["archived"]
    assert report["not_handed_over"] == [waiting] and report["already"] == []
    prefix = pc.json("case", handed, "--staff", "c01")["case"]["case_number"].split("-")[0]
    assert done["number"] == f"{prefix}-DA{dt.date.today().year}-W01-00001"
    pages = _text(out / f"{done['number']}.pdf")
    assert len(pages) == done["pages"] >= 3
    titles = [c["title"] for c in done["contents"]]
    assert titles[0] == "封面及卷内目录" and "收件回执" in titles and titles[-1] == "办件过程记录"
    assert f"档案号{done['number']}" in pages[0] and str(service["name"]).replace(" ", "") in pages[0]
    assert any(f"办件编号：{handed}" in p or handed in p for p in pages[1:-1])
    assert "交付办理结果" in pages[-1] and f"第{len(pages)}页／共{len(pages)}页" in pages[-1]

    again = pc.json("archive", "--date", today, "-o", str(out), "--staff", "c01")
    assert again["archived"] == [] and [a["number"] for a in again["already"]] == [done["number"]]
    refused = pc.run("archive", "--case", waiting, "-o", str(out), "--staff", "c01", ok=False)
    assert refused.returncode == 2 and "当前状态为“已办结”" in refused.stderr

    ledger = tmp_path / "ledger.xlsx"
    pc.run("ledger", "--from", today, "--to", today, "-o", str(ledger))
    rows = list(openpyxl.load_workbook(ledger, read_only=True)["台账明细"].iter_rows(values_only=True))
    header = next(r for r in rows if r and "办件编号" in r)
    by_case = {r[0]: r[header.index("归档")] for r in rows[rows.index(header) + 1 :] if r and r[0]}
    assert by_case == {handed: f"已归档（{done['number']}）", waiting: None}


def test_an_archive_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    pc = Cli(tmp_path / "pc")
    pc.set_up("W01", "yiyang-kuayu", "一号窗口")
    (tmp_path / "a-file").write_text("x")
    r = pc.run("archive", "-o", str(tmp_path / "a-file"), "--staff", "c01", ok=False)
    assert r.returncode == 2 and "是一个文件" in r.stderr
