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
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal.intake import IntakeService
from yibao_desk.sync import central
from yibao_desk.sync.bundle import BundleRefused, export_bundle, import_bundle, read_ack, write_ack
from yibao_desk.sync.keys import device_key, public_hex
from yibao_desk.sync.state import local_status

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
