"""Issue 17 §1 through the CLI, in every region: where the guide asks for 电子化处理 (益阳跨域) `attach` puts scans
on a material of a case (the kind read from the bytes, refused in words otherwise), `attachments` lists them,
`journal verify` checks the files and fails when one is missing, and a backup restored with `journal restore`
brings the scans back; in the regions whose guide says nothing of it, `attach` is refused with the reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.acceptance.cli import APPLICANT, Cli, complete_input, in_scope_answers
from tests.scan_files import jpeg, pdf
from yibao_desk.domain.catalog import default_catalog

REGIONS = [r for r in default_catalog().regions]


def _intake(pc: Cli, region: str) -> tuple[str, str]:
    catalog = default_catalog()
    service = catalog.region(region).services[0].code
    materials = pc.json("materials", "--region", region, "--service", service)
    data = {**complete_input(materials, in_scope_answers(materials)), "applicant": APPLICANT}
    case = pc.json("intake", "--service", service, "--input", "-", "--staff", "c01",
                   stdin=json.dumps(data, ensure_ascii=False))  # fmt: skip
    first = next(m["id"] for m in materials["materials"] if m.get("applies", True))
    return str(case["case_number"]), first


@pytest.mark.parametrize("region", REGIONS)
def test_scans_attached_listed_verified_and_restored(region: str, tmp_path: Path) -> None:
    pc = Cli(tmp_path / "pc")
    pc.set_up("W01", region, "一号窗口")
    number, material = _intake(pc, region)
    if not default_catalog().region(region).profile.digitising:
        r = pc.run("attach", number, "--material", material, str(jpeg(tmp_path / "0001.jpg")), "--staff", "c01",
                   ok=False)  # fmt: skip
        assert r.returncode == 2 and "没有电子化处理（扫描材料）的要求" in r.stderr, r.stderr
        assert "没有附加扫描件" in pc.run("attachments", number).stdout
        assert not pc.db.with_name("journal.attachments").exists()  # nothing was copied
        return
    card, scan = jpeg(tmp_path / "高拍仪" / "0001.jpg"), pdf(tmp_path / "扫描" / "清单.pdf", pages=3)
    done = pc.json("attach", number, "--material", material, str(card), str(scan), "--staff", "c01")
    assert [(a["mime"], a["pages"]) for a in done["attached"]] == [("image/jpeg", 1), ("application/pdf", 3)]
    said = pc.run("attach", number.lower(), "--material", material, str(jpeg(tmp_path / "0002.jpg", seed=3)),
                  "--staff", "c01").stdout  # fmt: skip
    assert f"已附加 0002.jpg → {number} 材料 {material}（1 页" in said
    listed = pc.json("attachments", number)["attachments"]
    assert [a["name"] for a in listed] == ["0001.jpg", "清单.pdf", "0002.jpg"] and listed[0]["material_name"]
    assert f"{listed[0]['material_name']}：清单.pdf　3 页" in pc.run("attachments", number).stdout

    # refused in words, nothing recorded, exit 2
    fake = tmp_path / "照片.jpg"
    fake.write_text("不是图片", encoding="utf-8")
    for args, message in (
        ([str(fake)], "不是可附加的文件类型"),
        ([str(tmp_path / "没有.jpg")], "文件不存在"),
    ):
        r = pc.run("attach", number, "--material", material, *args, "--staff", "c01", ok=False)
        assert r.returncode == 2 and message in r.stderr, r.stderr
    r = pc.run("attach", number, "--material", "no-such", str(card), "--staff", "c01", ok=False)
    assert r.returncode == 2 and "没有编号为 no-such 的材料" in r.stderr
    assert len(pc.json("attachments", number)["attachments"]) == 3

    assert "扫描件完好：3 个文件与其哈希一致" in pc.run("journal", "verify").stdout
    backups = tmp_path / "backups"
    pc.run("journal", "backup", "--to", str(backups), "--staff", "sup1")
    (made,) = backups.glob("journal-*.sqlite3")
    shutil.rmtree(pc.db.with_name("journal.attachments"))  # the disk lost the scans
    r = pc.run("journal", "verify", ok=False)
    assert r.returncode == 1 and "3 个扫描件缺失或被改动" in r.stderr and "文件缺失" in r.stdout
    pc.run("journal", "restore", str(made), "--staff", "sup1", "--password-stdin", stdin="secret-sup1\n")
    assert "扫描件完好：3 个文件与其哈希一致" in pc.run("journal", "verify").stdout
