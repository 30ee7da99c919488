"""Scans travel with their events (issue 17 §1): a push sends the files its events name before the events, in one
transaction; the centre stores them by hash and checks each against it; a device sees only its own; a bundle
carries its scans and one that lacks a scan the centre has not is refused; `journal recover` brings them back."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path

import psycopg
import pytest

from tests.scan_files import jpeg, pdf
from tests.sync.conftest import APPLICANT, central_count, make_device
from yibao_desk.attachments.store import store_root
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.intake import IntakeService
from yibao_desk.sync import central
from yibao_desk.sync.bundle import BundleRefused, export_bundle, import_bundle
from yibao_desk.sync.keys import device_key, public_hex
from yibao_desk.sync.push import push
from yibao_desk.sync.recover import recover
from yibao_desk.sync.urls import SyncError, psycopg_url

pytestmark = pytest.mark.postgres
CLAIM = "432036011W01"


def _scanned(svc: IntakeService, tmp_path: Path, cases: int = 2) -> dict[str, bytes]:
    """`cases` cases, each with its own ID scan and one invoice PDF shared by all (the same file, stored once)."""
    files: dict[str, bytes] = {}
    shared = pdf(tmp_path / "shared.pdf", pages=2)
    for i in range(cases):
        number, _ = svc.open_case("s1", CLAIM, APPLICANT, answers={"maternity": "否"})
        for material, path in (("patient-id", jpeg(tmp_path / f"id{i}.jpg", seed=i)), ("hospital-invoice", shared)):
            a = svc.attach("s1", number, material, path)
            files[a.sha256] = path.read_bytes()
    return files


def _centre_files(url: str, device: str) -> dict[str, bytes]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT sha256, data FROM yibao.attachments WHERE device_id = %s", (device,)).fetchall()
    return {r[0]: bytes(r[1]) for r in rows}


def test_a_push_carries_the_scans_once_and_the_centre_keeps_them_by_hash(
    central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path
) -> None:
    a = make_device(tmp_path, catalog, calendar, "SA")
    b = make_device(tmp_path, catalog, calendar, "SB")
    files = _scanned(a, tmp_path / "a")
    _scanned(b, tmp_path / "b", cases=1)
    reg_a, reg_b = central.add_device(central_url, "SA"), central.add_device(central_url, "SB")
    report = push(a.journal, reg_a.url, batch=3)  # scans spread over several batches
    assert report.attachments == 3 and report.pending == 0
    assert _centre_files(central_url, "SA") == files
    assert push(a.journal, reg_a.url).attachments == 0  # nothing new: nothing sent again
    push(b.journal, reg_b.url)
    with psycopg.connect(psycopg_url(reg_a.url)) as conn:  # a device sees its own scans only
        seen = conn.execute("SELECT DISTINCT device_id FROM yibao.attachments").fetchall()
        assert seen == [("SA",)]
    with psycopg.connect(psycopg_url(reg_a.url)) as conn, pytest.raises(psycopg.errors.CheckViolation):
        forged = b"\xff\xd8\xff forged"
        conn.execute(
            "INSERT INTO yibao.attachments (device_id, sha256, size, mime, data) "
            "VALUES ('SA', %s, %s, 'image/jpeg', %s)",
            ("0" * 64, len(forged), forged),
        )


def test_a_missing_scan_stops_the_push_before_its_events_reach_the_centre(
    central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path
) -> None:
    svc = make_device(tmp_path, catalog, calendar, "SM")
    files = _scanned(svc, tmp_path, cases=1)
    lost = next(iter(files))
    kept = tmp_path / "kept"
    path = store_root(svc.journal.path) / lost[:2] / lost
    shutil.copy(path, kept)
    path.unlink()
    reg = central.add_device(central_url, "SM")
    with pytest.raises(SyncError, match="该扫描件无法同步，同步已停止"):
        push(svc.journal, reg.url, retries=1)
    assert central_count(central_url, "SM") == 0 and _centre_files(central_url, "SM") == {}
    shutil.copy(kept, path)  # restored from the backup: the push goes through
    assert push(svc.journal, reg.url).pending == 0
    assert _centre_files(central_url, "SM") == files


def _resign(bundle: Path, change: object) -> None:
    """Rewrite a bundle as its own device would sign it, after `change(manifest, entries)`."""
    with zipfile.ZipFile(bundle) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    manifest = json.loads(entries["manifest.json"])
    change(manifest, entries)  # type: ignore[operator]
    body = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    entries["manifest.json"] = body
    entries["manifest.sig"] = device_key(manifest["device"]).sign(body).hex().encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n, data in entries.items():
            z.writestr(n, data)
    bundle.write_bytes(buf.getvalue())


def test_a_bundle_carries_its_scans_and_one_that_lacks_a_scan_is_refused(
    central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path
) -> None:
    svc = make_device(tmp_path, catalog, calendar, "SU")
    files = _scanned(svc, tmp_path)
    central.add_device(central_url, "SU", public_hex(device_key("SU")))
    made = export_bundle(svc.journal, tmp_path / "usb" / "SU.bundle")
    with zipfile.ZipFile(made.path) as z:
        assert {n for n in z.namelist() if n.startswith("attachments/")} == {f"attachments/{s}" for s in files}
    lacking = tmp_path / "lacking.bundle"
    shutil.copy(made.path, lacking)
    dropped = sorted(files)[0]

    def drop(manifest: dict, entries: dict) -> None:  # type: ignore[type-arg]
        del manifest["attachments"][dropped]
        del entries[f"attachments/{dropped}"]

    _resign(lacking, drop)
    with pytest.raises(BundleRefused, match=r"数据包缺少 1 个扫描件.*中心也没有，拒绝导入，未做任何改动"):
        import_bundle(lacking, central_url)
    assert central_count(central_url, "SU") == 0
    damaged = tmp_path / "damaged.bundle"
    shutil.copy(made.path, damaged)
    _resign(damaged, lambda m, e: e.__setitem__(f"attachments/{dropped}", b"\xff\xd8\xff other bytes"))
    with pytest.raises(BundleRefused, match="已损坏（与其哈希不符）"):
        import_bundle(damaged, central_url)
    report = import_bundle(made.path, central_url)
    assert report["attachments"] == 3 and _centre_files(central_url, "SU") == files
    # the next bundle need not carry what the centre holds: a scan reused on a later case is named, not re-sent
    number, _ = svc.open_case("s1", CLAIM, APPLICANT, answers={"maternity": "否"})
    svc.attach("s1", number, "hospital-invoice", tmp_path / "shared.pdf")
    later = export_bundle(svc.journal, tmp_path / "usb" / "later.bundle")

    def lighten(manifest: dict, entries: dict) -> None:  # type: ignore[type-arg]
        for sha in list(manifest["attachments"]):
            del manifest["attachments"][sha]
            del entries[f"attachments/{sha}"]

    _resign(later.path, lighten)
    assert import_bundle(later.path, central_url)["inserted"] > 0


def test_recover_brings_the_scans_back_from_the_centre(
    central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path
) -> None:
    svc = make_device(tmp_path, catalog, calendar, "SR")
    files = _scanned(svc, tmp_path, cases=1)
    reg = central.add_device(central_url, "SR")
    push(svc.journal, reg.url)
    path = svc.journal.path
    shutil.rmtree(store_root(path))  # the disk lost the scans
    report = recover(svc.journal, reg.url, "SR", trust_centre=True)
    assert report.scans == len(files)
    for sha, data in files.items():
        assert (store_root(path) / sha[:2] / sha).read_bytes() == data
        assert hashlib.sha256(data).hexdigest() == sha
    journal = open_journal(path)
    journal.close()


def test_a_scan_declared_lost_lets_the_push_and_the_bundle_go_on(
    central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path
) -> None:
    for how, device in (("push", "LP"), ("bundle", "LB")):
        svc = make_device(tmp_path / how, catalog, calendar, device)
        files = _scanned(svc, tmp_path / how, cases=1)
        gone = sorted(files)[0]
        (store_root(svc.journal.path) / gone[:2] / gone).unlink()
        number = svc.cases()[0]["case_number"]
        reg = central.add_device(central_url, device, public_hex(device_key(device)))
        if how == "push":
            with pytest.raises(SyncError, match="attachment-lost"):  # the way out is named
                push(svc.journal, reg.url, retries=1)
            svc.declare_lost("s1", number, gone, "硬盘损坏，无备份")
            assert push(svc.journal, reg.url).pending == 0
        else:
            with pytest.raises(SyncError, match="attachment-lost"):
                export_bundle(svc.journal, tmp_path / "usb" / f"{device}.bundle")
            svc.declare_lost("s1", number, gone, "硬盘损坏，无备份")
            made = export_bundle(svc.journal, tmp_path / "usb" / f"{device}.bundle")
            assert import_bundle(made.path, central_url)["inserted"] == made.count
        assert set(_centre_files(central_url, device)) == set(files) - {gone}
