"""A bundle damaged on the USB stick: every single-bit flip and every truncation of a real bundle is refused with a
Chinese message and nothing changed, or — when the flip only touched zip metadata, not the manifest, events or
signature — reads exactly as the original. No zlib or zipfile exception ever escapes.

The sweep (~18,000 variants) uses `verify_bundle`, the read-and-verify stage of `import_bundle` without the centre;
a fixed sample of the refused variants then goes through the real `import_bundle` against PostgreSQL, and one
through the command line. Every variant is derived from the bundle by fixed rules: no randomness.
"""

from __future__ import annotations

import io
import re
import struct
import subprocess
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.sync.conftest import fill, make_device
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal.intake import IntakeService
from yibao_desk.sync import central
from yibao_desk.sync.bundle import Bundle, BundleRefused, export_bundle, import_bundle, verify_bundle
from yibao_desk.sync.keys import device_key, public_hex

CJK = re.compile(r"[\u4e00-\u9fff]")
FLIP_SAMPLE = 997  # every 997th bit flip goes through the real import as well
CUT_SAMPLE = 211  # and every 211th truncation length


@pytest.fixture
def device(tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path) -> IntakeService:
    svc = make_device(tmp_path, catalog, calendar, "T01")
    fill(svc, cases=1)
    return svc


@pytest.fixture
def good(device: IntakeService, tmp_path: Path) -> Path:
    return export_bundle(device.journal, tmp_path / "good.bundle").path


def content(bundle: Bundle) -> tuple[bytes, bytes, str]:
    return bundle.manifest_bytes, bundle.body, bundle.signature


def variants(raw: bytes) -> Iterator[tuple[str, bytes]]:
    """Every bundle one bit away from `raw`, then every proper prefix of it."""
    data = bytearray(raw)
    for bit in range(len(raw) * 8):
        data[bit // 8] ^= 1 << (bit % 8)
        yield f"flip {bit}", bytes(data)
        data[bit // 8] ^= 1 << (bit % 8)
    for n in range(len(raw)):
        yield f"cut {n}", raw[:n]


def sampled(name: str) -> bool:
    kind, number = name.split()
    return int(number) % (FLIP_SAMPLE if kind == "flip" else CUT_SAMPLE) == 0


def member_data_offset(raw: bytes, info: zipfile.ZipInfo) -> int:
    """Where a member's stored (deflated) bytes start: after its local header, whose lengths are read from it."""
    name_len, extra_len = struct.unpack_from("<HH", raw, info.header_offset + 26)
    return info.header_offset + 30 + name_len + extra_len


def broken_deflate(raw: bytes, member: str = "events.jsonl") -> bytes:
    """The member's first deflate block header set to the reserved block type 11: zlib.error, every time."""
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        start = member_data_offset(raw, z.getinfo(member))
    data = bytearray(raw)
    data[start] |= 0b110
    return bytes(data)


def central_state(url: str) -> list[tuple[object, ...]]:
    with psycopg.connect(url) as conn:
        return [
            tuple(conn.execute(q).fetchall())
            for q in (
                "SELECT count(*), coalesce(max(seq), 0) FROM yibao.events",
                "SELECT count(*) FROM yibao.bundles",
                "SELECT count(*) FROM yibao.rejected",
                "SELECT device_id, acked_seq, last_sync FROM yibao.acks ORDER BY device_id",
                "SELECT count(*) FROM yibao.cases",
            )
        ]


def test_every_flip_and_truncation_is_refused_or_reads_the_same(device: IntakeService, good: Path) -> None:
    key = public_hex(device_key("T01"))
    original, events = verify_bundle(good, key)
    raw = good.read_bytes()
    assert 1000 < len(raw) < 4000  # small enough to sweep every bit
    outcomes: Counter[str] = Counter()
    for name, data in variants(raw):
        try:
            bundle, read = verify_bundle(data, key)  # from memory: writing 18,000 files is slow on a busy disk
        except BundleRefused as e:
            assert CJK.search(str(e)) and "未做任何改动" in str(e), (name, str(e))
            outcomes[re.sub(r"（.*?）|设备 \S+ ", "", str(e))] += 1
            continue
        assert content(bundle) == content(original) and read == events, name
        assert name.startswith("flip"), name  # a shorter file is never a whole bundle
        outcomes["identical"] += 1
    assert sum(outcomes.values()) == len(raw) * 9
    assert outcomes["identical"] > 0, outcomes  # flips in local headers' times, CRCs and sizes change no content
    assert len(outcomes) > 2, outcomes


@pytest.mark.postgres
def test_a_sample_of_refused_variants_changes_nothing_at_the_centre(
    device: IntakeService, good: Path, central_url: str, tmp_path: Path
) -> None:
    key = public_hex(device_key("T01"))
    central.add_device(central_url, "T01", key)
    raw = good.read_bytes()
    sample = [(n, d) for n, d in variants(raw) if sampled(n)]
    sample.append(("zlib", broken_deflate(raw)))
    before = central_state(central_url)
    refused = 0
    for name, data in sample:
        target = tmp_path / f"{name.replace(' ', '-')}.bundle"
        target.write_bytes(data)
        try:
            verify_bundle(target, key)
        except BundleRefused:
            with pytest.raises(BundleRefused) as raised:
                import_bundle(target, central_url)
            assert CJK.search(str(raised.value)), name
            assert central_state(central_url) == before, name
            refused += 1
    assert refused >= len(sample) // 2, (refused, len(sample))
    report = import_bundle(good, central_url)  # the genuine one still imports
    assert report["inserted"] == report["count"] > 0


@pytest.mark.parametrize(
    ("where", "expect"),
    [
        ("deflate", "zlib.error"),
        ("method", "NotImplementedError"),  # compression method 8 → 9 (deflate64, not supported)
        ("bzip2", "OSError"),  # method 12 over data without bz2's "BZh" magic: "Invalid data stream"
        ("lzma", "LZMAError"),  # method 14 over data whose LZMA properties byte is out of range
        ("encrypted", "RuntimeError"),  # the "encrypted" flag in the central directory: password required
        ("local-name", "BadZipFile"),
    ],
)
def test_each_kind_of_zip_damage_is_a_refusal(good: Path, where: str, expect: str) -> None:
    if where == "lzma":
        pytest.importorskip("lzma")  # a Python without it refuses such entries with RuntimeError
    raw = good.read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        info = z.getinfo("manifest.json")
    start = member_data_offset(raw, info)
    cd = next(  # the manifest's central directory entry
        i
        for i in range(len(raw))
        if raw.startswith(b"PK\x01\x02", i) and raw[i + 46 : i + 46 + len(b"manifest.json")] == b"manifest.json"
    )
    data = bytearray(raw)
    if where == "deflate":
        data[:] = broken_deflate(raw, "manifest.json")
    elif where == "method":
        data[cd + 10] ^= 0x01
    elif where == "bzip2":
        data[cd + 10] = 12
        data[start] = 0
    elif where == "lzma":
        data[cd + 10] = 14
        data[start : start + 9] = b"\x09\x14\x05\x00\xff\x00\x00\x10\x00"  # version, length 5, lc/lp/pb 0xff
    elif where == "encrypted":
        data[cd + 8] ^= 0x01
    else:
        data[info.header_offset + 30] ^= 0x01  # first letter of the name in the local header
    bad = good.with_name(f"{where}.bundle")
    bad.write_bytes(bytes(data))
    with pytest.raises(BundleRefused, match=f"损坏.*{re.escape(expect)}"):
        verify_bundle(bad, public_hex(device_key("T01")))


@pytest.mark.postgres
def test_corrupt_bundle_on_the_command_line_exits_2_in_chinese(good: Path, central_url: str) -> None:
    central.add_device(central_url, "T01", public_hex(device_key("T01")))
    bad = good.with_name("zlib.bundle")
    bad.write_bytes(broken_deflate(good.read_bytes()))
    before = central_state(central_url)
    r = subprocess.run(
        [sys.executable, "-m", "yibao_desk", "sync", "import", str(bad), "--to", central_url],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
        timeout=120,
    )
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and CJK.search(r.stderr) and "损坏" in r.stderr, r.stderr
    assert not bad.with_name(bad.name + ".ack.json").exists()
    assert central_state(central_url) == before
