"""The smallest bundle there is (one device, two events: 1,103 bytes), damaged every way one bit or one cut can: every
single-bit flip of the file, every truncation length, and every single-bit flip of each member's content re-zipped
with a valid CRC (so the damage gets past zip to the signature, hash, JSON and chain checks).

The oracle is zipfile itself: a variant whose extracted members (names and bytes, in order) equal the original's has
unchanged content and must read and import exactly as the original; any other variant must be refused with a
`BundleRefused` in Chinese saying nothing was changed. Any other exception fails the test. (A re-zipped signature
flip that only changes a hex digit's case decodes to the same signature: it must be accepted too.)

Every variant goes through `verify_bundle`, the read-and-verify stage of `import_bundle` without the centre: the
sweep is exhaustive, no sampling (~20,000 variants, about 4 s). Against PostgreSQL, every "content unchanged" variant
(~1,300) is then imported for real and must give the genuine report and the same rows; a fixed, stratified sample
of the refused ones (the first and last two of each kind of damage and message, and every 499th) must be refused by
the real import with the centre's rows as they were. Measured on 2 cores: ~4 s for the sweep, ~25 s with the
imports.

Deterministic: the bundle is the same to the byte every run (fixed clock, fixed key, seeded event and bundle ids, zip
times fixed), so a failing variant's name ("flip 4711") reproduces it; there is no other randomness.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
import re
import time
import types
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.sync.conftest import fresh_central
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.events import append
from yibao_desk.journal.intake import IntakeService
from yibao_desk.sync import bundle as bundle_module
from yibao_desk.sync import central
from yibao_desk.sync.bundle import Bundle, BundleRefused, export_bundle, import_bundle, verify_bundle
from yibao_desk.sync.keys import device_key, key_path, public_hex
from yibao_desk.sync.urls import database_name

CJK = re.compile(r"[\u4e00-\u9fff]")
FIXED = dt.datetime(2026, 11, 25, 9, 30, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
ZIP_TIME = (2026, 11, 25, 1, 30, 0)
SEED = 13
EVERY = 499  # besides the stratified picks, every 499th refused variant goes through the real import

Members = list[tuple[str, bytes]]


class _FrozenDatetime(dt.datetime):
    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> _FrozenDatetime:
        return cls.fromisoformat(FIXED.astimezone(tz).isoformat())


def small_bundle(folder: Path, catalog: Catalog, calendar: Calendar, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Device T01's bundle of two events (device.setup and a note), the same to the byte every time it is made."""
    key = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"yibao-desk bitflip T01").digest())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    path = key_path("T01")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pem)
    path.chmod(0o600)
    rng = random.Random(SEED)
    folder.mkdir(parents=True, exist_ok=True)
    with monkeypatch.context() as m:  # only while the journal and the bundle are made
        m.setattr(uuid, "uuid4", lambda: uuid.UUID(int=rng.getrandbits(128), version=4))
        m.setattr(bundle_module, "dt", types.SimpleNamespace(datetime=_FrozenDatetime, UTC=dt.UTC))
        m.setattr(zipfile, "time", types.SimpleNamespace(time=lambda: FIXED.timestamp(), localtime=time.gmtime))
        svc = IntakeService(open_journal(folder / "T01.sqlite3"), catalog, calendar, clock=lambda: FIXED)
        svc.setup_device("T01", "yiyang-kuayu", "T01 窗口")
        with svc.journal.write() as s:
            append(s, "T01", "-", "note", {"n": 1}, clock=lambda: FIXED)
        result = export_bundle(svc.journal, folder / "T01.bundle")
        svc.journal.engine.dispose()
    assert result.count == 2
    return result.path


def members(data: bytes) -> Members | None:
    """The oracle: what zipfile itself extracts (every entry's name and bytes, in order), or None if it cannot."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return [(info.filename, z.read(info)) for info in z.infolist()]
    except Exception:  # any failure to read is "changed"; the code under test must then refuse
        return None


def rezip(entries: Members) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def variants(raw: bytes, original: Members) -> Iterator[tuple[str, bytes, Members | None]]:
    """Every file one bit away from `raw`, every proper prefix of it, then every member's content one bit away,
    re-zipped (valid CRCs); with the members a re-zipped variant was made of (the others: None, ask the oracle)."""
    data = bytearray(raw)
    for bit in range(len(raw) * 8):
        data[bit // 8] ^= 1 << (bit % 8)
        yield f"flip {bit}", bytes(data), None
        data[bit // 8] ^= 1 << (bit % 8)
    for n in range(len(raw)):
        yield f"cut {n}", raw[:n], None
    for i, (name, content) in enumerate(original):
        buf = bytearray(content)
        for bit in range(len(content) * 8):
            buf[bit // 8] ^= 1 << (bit % 8)
            entries = [*original[:i], (name, bytes(buf)), *original[i + 1 :]]
            yield f"{name} {bit}", rezip(entries), entries
            buf[bit // 8] ^= 1 << (bit % 8)


def signature_bytes(entries: Members) -> bytes | None:
    """What the signature member decodes to, as bundle.py reads it (ASCII hex, surrounding whitespace dropped)."""
    try:
        return bytes.fromhex(dict(entries)["manifest.sig"].decode("ascii").strip())
    except (KeyError, ValueError):
        return None


def same_content(entries: Members | None, original: Members) -> bool:
    """Unchanged content: the same members; or the same but for a signature that decodes to the same bytes."""
    if entries is None:
        return False
    if entries == original:
        return True
    strip = [(n, b"" if n == "manifest.sig" else d) for n, d in entries]
    return strip == [(n, b"" if n == "manifest.sig" else d) for n, d in original] and signature_bytes(
        entries
    ) == signature_bytes(original)


def content(bundle: Bundle) -> tuple[bytes, bytes, bytes]:
    return bundle.manifest_bytes, bundle.body, bytes.fromhex(bundle.signature)


@dataclass
class Sweep:
    raw: bytes
    key: str
    unchanged: list[tuple[str, bytes]] = field(default_factory=list)
    refused: list[tuple[str, bytes, str]] = field(default_factory=list)


def sweep(good: Path) -> Sweep:
    """Every variant through `verify_bundle`, judged against the oracle. Fails on any exception but `BundleRefused`."""
    raw = good.read_bytes()
    result = Sweep(raw, public_hex(device_key("T01")))
    original_bundle, original_events = verify_bundle(raw, result.key)
    original = members(raw)
    assert original is not None and [n for n, _ in original] == ["manifest.json", "manifest.sig", "events.jsonl"]
    for name, data, made_of in variants(raw, original):
        try:
            read, events = verify_bundle(data, result.key)  # from memory: 20,000 files would be slow on a busy disk
        except BundleRefused as e:
            refusal: str | None = str(e)
        except Exception as e:
            pytest.fail(f"{name}: {type(e).__name__} escaped verify_bundle: {e}")
        else:
            refusal = None
        if same_content(made_of or members(data), original):
            assert refusal is None, (name, refusal)
            assert content(read) == content(original_bundle) and events == original_events, name
            result.unchanged.append((name, data))
        else:
            assert refusal is not None, f"{name}: content changed, yet accepted"
            assert CJK.search(refusal) and "未做任何改动" in refusal, (name, refusal)
            result.refused.append((name, data, refusal))
    return result


_SWEEPS: dict[bytes, Sweep] = {}


def swept(good: Path) -> Sweep:
    """The sweep of this bundle, made once per run: the bundle is the same to the byte every time."""
    raw = good.read_bytes()
    if raw not in _SWEEPS:
        _SWEEPS[raw] = sweep(good)
    return _SWEEPS[raw]


def kind(name: str) -> str:
    return name.split()[0]


def normalised(message: str) -> str:
    return re.sub(r"（.*?）|设备 \S+ ", "", message)


@pytest.fixture
def good(tmp_path: Path, catalog: Catalog, calendar: Calendar, monkeypatch: pytest.MonkeyPatch) -> Path:
    return small_bundle(tmp_path / "device", catalog, calendar, monkeypatch)


def test_the_bundle_is_small_and_the_same_every_time(
    good: Path, tmp_path: Path, catalog: Catalog, calendar: Calendar, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = good.read_bytes()
    assert len(raw) < 1500, len(raw)
    again = small_bundle(tmp_path / "again", catalog, calendar, monkeypatch)
    assert again.read_bytes() == raw  # a failing variant's name reproduces it


def test_every_bit_flip_and_truncation_is_refused_or_reads_the_same(good: Path) -> None:
    result = swept(good)
    raw = result.raw
    total = len(raw) * 9 + sum(len(d) * 8 for _, d in members(raw) or [])
    assert len(result.unchanged) + len(result.refused) == total
    by_kind = defaultdict(list)
    for name, _, message in result.refused:
        by_kind[kind(name)].append(normalised(message))
    assert len(by_kind["cut"]) == len(raw)  # a shorter file is never a whole bundle
    assert {kind(n) for n, _ in result.unchanged} == {"flip", "manifest.sig"}, "zip metadata; a hex digit's case"
    messages = {m for ms in by_kind.values() for m in ms}
    assert any("签名" in m for m in messages) and any("损坏" in m for m in messages), messages


def central_state(conn: psycopg.Connection[Any]) -> str:
    """Every row import may write, in one round trip (times only as set or not)."""
    row = conn.execute("""
        SELECT json_build_object(
          'events', (SELECT json_agg(e ORDER BY e.device_id, e.seq) FROM (SELECT id, device_id, seq, case_number,
                     staff_id, type, payload, utc, local_time, prev_hash, hash FROM yibao.events) e),
          'bundles', (SELECT json_agg(b ORDER BY b.bundle_id) FROM (SELECT bundle_id, device_id, first_seq, last_seq,
                      count, report FROM yibao.bundles) b),
          'rejected', (SELECT json_agg(r ORDER BY r.device_id, r.seq) FROM (SELECT device_id, seq, event_id, reason
                       FROM yibao.rejected) r),
          'acks', (SELECT json_agg(a ORDER BY a.device_id) FROM (SELECT device_id, acked_seq,
                   last_sync IS NOT NULL AS synced, last_error FROM yibao.acks) a),
          'cases', (SELECT json_agg(c ORDER BY c.case_number) FROM yibao.cases c),
          'projection', (SELECT json_agg(p ORDER BY p.device_id) FROM yibao.projection_state p))::text
    """).fetchone()
    assert row is not None
    return str(row[0])


def empty_centre(conn: psycopg.Connection[Any]) -> None:
    conn.execute(
        "DELETE FROM yibao.events; DELETE FROM yibao.bundles; DELETE FROM yibao.rejected; DELETE FROM yibao.cases; "
        "DELETE FROM yibao.projection_state; UPDATE yibao.acks SET acked_seq = 0, last_sync = NULL, last_error = NULL"
    )


def refused_sample(refused: list[tuple[str, bytes, str]]) -> list[tuple[str, bytes, str]]:
    """The first two and last two of each kind of damage and message, and every EVERY-th: fixed rules."""
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (name, _, message) in enumerate(refused):
        groups[(kind(name), normalised(message))].append(i)
    picked = {i for g in groups.values() for i in (*g[:2], *g[-2:])} | set(range(0, len(refused), EVERY))
    return [refused[i] for i in sorted(picked)]


def prepare(url: str, key: str) -> None:
    central.add_device(url, "T01", key)
    with psycopg.connect(url, autocommit=True) as conn:  # a throwaway database: no need to wait for each commit's fsync
        conn.execute(f'ALTER DATABASE "{database_name(url)}" SET synchronous_commit = off')


def import_each(good: Path, url: str, items: list[tuple[str, bytes]], target: Path) -> dict[str, Any]:
    """At an empty centre: the genuine bundle's report and rows; then every item must give both, the centre emptied
    between imports so that each is a first import, not a repeat. Returns the genuine report."""
    with psycopg.connect(url, autocommit=True) as admin:
        empty = central_state(admin)
        genuine = import_bundle(good, url)
        assert genuine["inserted"] == 2 and genuine["acked_seq"] == 2 and not genuine["repeat"], genuine
        imported = central_state(admin)
        empty_centre(admin)
        assert central_state(admin) == empty
        for name, data in items:
            target.write_bytes(data)
            assert import_bundle(target, url) == genuine, name
            assert central_state(admin) == imported, name
            empty_centre(admin)
    return genuine


@pytest.mark.postgres
def test_unchanged_variants_import_identically_and_refused_ones_change_nothing(
    good: Path, central_url: str, tmp_path: Path
) -> None:
    result = swept(good)
    with fresh_central() as second:  # two centres, one thread each: most of an import is waiting for the server
        centres = [central_url, second]
        for url in centres:
            prepare(url, result.key)
        jobs = [(url, result.unchanged[i :: len(centres)], tmp_path / f"v{i}.bundle") for i, url in enumerate(centres)]
        with ThreadPoolExecutor(len(jobs)) as pool:
            reports = list(pool.map(lambda job: import_each(good, *job), jobs))
        assert reports[0] == reports[1]
    target = tmp_path / "refused.bundle"
    sample = refused_sample(result.refused)
    assert len({kind(n) for n, _, _ in sample}) == 5, "flip, cut and each member's content"
    with psycopg.connect(central_url, autocommit=True) as admin:
        empty = central_state(admin)
        for name, data, _ in sample:
            target.write_bytes(data)
            with pytest.raises(BundleRefused) as raised:
                import_bundle(target, central_url)
            message = str(raised.value)
            assert CJK.search(message) and "未做任何改动" in message, (name, message)
            assert central_state(admin) == empty, name
    assert import_bundle(good, central_url) == reports[0]  # the genuine one still imports
