"""Offline bundles on a USB stick: round trip, repeats, overlaps, gaps, and every kind of bad file refused with
nothing changed."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import psycopg
import pytest

from tests.sync.conftest import central_count, fill, make_device
from yibao_desk.cli import main
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal.intake import IntakeService
from yibao_desk.sync import central
from yibao_desk.sync.bundle import BundleRefused, ack_path, export_bundle, import_bundle, read_ack, write_ack
from yibao_desk.sync.keys import device_key, public_hex
from yibao_desk.sync.state import local_status
from yibao_desk.sync.urls import SyncError

pytestmark = pytest.mark.postgres


@pytest.fixture
def device(central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path) -> IntakeService:
    svc = make_device(tmp_path, catalog, calendar, "T01")
    fill(svc, cases=4)
    central.add_device(central_url, "T01", public_hex(device_key("T01")))
    return svc


def snapshot(url: str) -> tuple[int, int, int]:
    with psycopg.connect(url) as conn:
        counts = [
            conn.execute(f"SELECT count(*) FROM yibao.{t}").fetchone()[0]  # type: ignore[index]
            for t in ("events", "bundles", "rejected")
        ]
    return counts[0], counts[1], counts[2]


def test_round_trip_and_ack(device: IntakeService, central_url: str, tmp_path: Path) -> None:
    bundle = export_bundle(device.journal, tmp_path / "usb" / "T01.bundle")
    total = local_status(device.journal).highest_seq
    assert bundle.count == total
    report = import_bundle(bundle.path, central_url)
    assert report["inserted"] == total and report["acked_seq"] == total and not report["repeat"]
    assert central_count(central_url, "T01") == total
    ack = write_ack(report, tmp_path / "ack.json")
    assert read_ack(device.journal, ack) == total
    assert local_status(device.journal).pending == 0
    with psycopg.connect(central_url) as conn:  # the centre's projection now has the cases
        assert conn.execute("SELECT count(*) FROM yibao.cases").fetchone()[0] == 4  # type: ignore[index]


def test_same_bundle_twice_is_a_no_op_with_the_same_report(
    device: IntakeService, central_url: str, tmp_path: Path
) -> None:
    bundle = export_bundle(device.journal, tmp_path / "b.bundle")
    first = import_bundle(bundle.path, central_url)
    before = snapshot(central_url)
    again = import_bundle(bundle.path, central_url)
    assert again["repeat"] is True and {k: v for k, v in again.items() if k != "repeat"} == {
        k: v for k, v in first.items() if k != "repeat"
    }
    assert snapshot(central_url) == before


def test_overlapping_and_out_of_order_bundles(device: IntakeService, central_url: str, tmp_path: Path) -> None:
    a = export_bundle(device.journal, tmp_path / "a.bundle")  # 1..n
    fill(device, cases=2)
    b = export_bundle(device.journal, tmp_path / "b.bundle")  # 1..m: every export repeats what is unacknowledged
    assert b.first_seq == a.first_seq and b.last_seq > a.last_seq
    import_bundle(a.path, central_url)
    report = import_bundle(b.path, central_url)
    assert report["inserted"] == b.count - a.count and report["duplicates"] == a.count
    read_ack(device.journal, write_ack(report, tmp_path / "ack.json"))
    # now out of order: C (after the ack) arrives before D
    fill(device, cases=1)
    c = export_bundle(device.journal, tmp_path / "c.bundle")
    fill(device, cases=1)
    # D has only the events after C (the device read an ack for C's range from a manual hand-over)
    from yibao_desk.sync import state as local

    local.save_ack(device.journal, "T01", c.last_seq)
    d = export_bundle(device.journal, tmp_path / "d.bundle")
    gap_report = import_bundle(d.path, central_url)
    assert gap_report["gap"] == {"from": c.first_seq, "to": c.last_seq}
    assert gap_report["acked_seq"] == b.last_seq
    filled = import_bundle(c.path, central_url)
    assert filled["acked_seq"] == d.last_seq and filled["gap"] is None
    assert central.status(central_url)[0]["chain_ok"]


def _rezip(src: Path, dst: Path, change) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(src) as z:
        members = {n: z.read(n) for n in z.namelist()}
    change(members)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n, data in members.items():
            z.writestr(n, data)
    dst.write_bytes(buf.getvalue())
    return dst


def test_bad_bundles_are_refused_and_change_nothing(
    device: IntakeService, central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar
) -> None:
    good = export_bundle(device.journal, tmp_path / "good.bundle").path
    raw = good.read_bytes()
    before = snapshot(central_url)

    flipped = tmp_path / "flipped.bundle"
    with zipfile.ZipFile(good) as z:  # one bit of the events' stored data (a flip in zip metadata changes no content)
        info = z.getinfo("events.jsonl")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data = bytearray(raw)
    data[start + info.compress_size // 2] ^= 0x01
    flipped.write_bytes(bytes(data))
    truncated = tmp_path / "truncated.bundle"
    truncated.write_bytes(raw[: len(raw) * 2 // 3])

    def edit_manifest(m: dict[str, bytes]) -> None:
        manifest = json.loads(m["manifest.json"])
        manifest["count"] = manifest["count"] - 1
        m["manifest.json"] = json.dumps(manifest).encode()

    def edit_events(m: dict[str, bytes]) -> None:
        m["events.jsonl"] = m["events.jsonl"].replace("王小明".encode(), "王小朋".encode(), 1)

    edited = _rezip(good, tmp_path / "edited.bundle", edit_manifest)
    tampered = _rezip(good, tmp_path / "tampered.bundle", edit_events)

    other = make_device(tmp_path / "other", catalog, calendar, "T02")
    fill(other, cases=1)
    unregistered = export_bundle(other.journal, tmp_path / "unregistered.bundle").path

    def sign_as_other(m: dict[str, bytes]) -> None:  # T02's key signs a manifest that claims to be T01
        m["manifest.sig"] = device_key("T02").sign(m["manifest.json"]).hex().encode()

    foreign = _rezip(good, tmp_path / "foreign.bundle", sign_as_other)
    expectations = {
        flipped: "损坏|不符|签名",
        truncated: "损坏|截断|不完整",
        edited: "签名",
        tampered: "不符",
        unregistered: "未在中心登记",
        foreign: "签名",
    }
    for path, message in expectations.items():
        with pytest.raises(BundleRefused, match=message):
            import_bundle(path, central_url)
        assert snapshot(central_url) == before, path.name
    # the genuine one still imports
    assert import_bundle(good, central_url)["inserted"] > 0


def test_usb_write_is_read_back(device: IntakeService, tmp_path: Path) -> None:
    result = export_bundle(device.journal, tmp_path / "stick" / "x.bundle")
    import hashlib

    assert hashlib.sha256(result.path.read_bytes()).hexdigest() == result.sha256
    assert not list((tmp_path / "stick").glob("*.partial"))


def test_import_writes_file_dot_ack_json_and_ack_takes_either_path(
    device: IntakeService, central_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = export_bundle(device.journal, tmp_path / "usb" / "T01.bundle").path
    assert main(["sync", "import", str(bundle), "--to", central_url]) == 0
    ack = tmp_path / "usb" / "T01.bundle.ack.json"  # README: FILE.ack.json
    assert ack_path(bundle) == ack and ack.is_file() and str(ack) in capsys.readouterr().out
    assert not (tmp_path / "usb" / "T01.ack.json").exists()
    total = local_status(device.journal).highest_seq
    db = str(device.journal.path)
    assert main(["--db", db, "sync", "ack", str(bundle)]) == 0  # the bundle's path: its FILE.ack.json beside it
    assert local_status(device.journal).pending == 0 and local_status(device.journal).acked_seq == total
    assert main(["--db", db, "sync", "ack", str(ack)]) == 0  # the ack file itself; reading it again is harmless
    assert f"序号 {total}" in capsys.readouterr().out
    other = tmp_path / "elsewhere.json"  # --ack-out names it anything
    assert main(["sync", "import", str(bundle), "--to", central_url, "--ack-out", str(other)]) == 0
    assert read_ack(device.journal, other) == total


def test_bad_ack_files_are_refused_in_chinese(device: IntakeService, tmp_path: Path) -> None:
    bundle = export_bundle(device.journal, tmp_path / "T01.bundle").path
    with pytest.raises(SyncError, match="是数据包，不是确认文件"):
        read_ack(device.journal, bundle)  # not imported yet: no T01.bundle.ack.json beside it
    with pytest.raises(SyncError, match="不存在"):
        read_ack(device.journal, tmp_path / "missing.ack.json")
    with pytest.raises(SyncError, match="无法读取"):
        read_ack(device.journal, tmp_path)
    good = {"format": "yibao-desk-ack/1", "device": "T01", "acked_hash": "0" * 64, "bundle_id": "x"}
    bad_files: dict[str, bytes] = {
        "binary": bytes(range(256)),
        "truncated": json.dumps({**good, "acked_seq": 1}).encode()[:-5],
        "nested": b"[" * 100_000 + b"]" * 100_000,
        "list": b"[1, 2]",
        "other-device": json.dumps({**good, "device": "T02", "acked_seq": 1}).encode(),
    }
    for value in ("3", [3], 1e999, True, -1, 2.5):
        bad_files[f"seq-{value!r}"] = json.dumps({**good, "acked_seq": value}).encode()
    bad_files["wrong-hash"] = json.dumps({**good, "acked_seq": 1}).encode()
    for name, data in bad_files.items():
        path = tmp_path / f"{name}.ack.json"
        path.write_bytes(data)
        with pytest.raises(SyncError, match=r"[\u4e00-\u9fff]"):
            read_ack(device.journal, path)
        assert local_status(device.journal).acked_seq == 0, name
    with pytest.raises(SyncError, match="确认文件"):
        write_ack({"device": "T01", "acked_seq": 0, "acked_hash": None, "bundle_id": "x"}, tmp_path)
