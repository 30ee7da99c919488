"""Signed offline bundles: a township centre carries its unacknowledged events to the county on a USB stick.

A bundle is a zip of `manifest.json` (bundle id, device, sequence range, count, chain hash, per-file SHA-256,
schema version, creation time, the scans it carries with their sizes), `events.jsonl`, the scans the events name
(`attachments/<sha256>`) and `manifest.sig` (Ed25519 over the manifest). A bundle whose events name a scan that is
neither in it nor at the centre is refused. USB sticks lie
about finished writes: export writes a temporary file, flushes it to disk, renames it, then reads it back and
checks the hash before saying done. Import verifies everything before it changes anything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import struct
import uuid
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
from cryptography.exceptions import InvalidSignature

from yibao_desk.attachments.store import AttachmentStore, store_root
from yibao_desk.journal.case_attachments import lost_hashes
from yibao_desk.journal.chain import EVENT_COLUMNS, GENESIS, canonical_json, event_hash, verify_chain
from yibao_desk.journal.db import LOCAL_HEAD, Journal
from yibao_desk.sync import attachment_sync
from yibao_desk.sync import state as local
from yibao_desk.sync.central import connect, refresh_projection
from yibao_desk.sync.keys import device_key, load_public, public_hex
from yibao_desk.sync.push import contiguous
from yibao_desk.sync.urls import SyncError, database_name, redact, scrub

FORMAT = "yibao-desk-bundle/1"


class BundleRefused(SyncError):
    """The bundle was refused and nothing was changed."""


@dataclass
class ExportResult:
    path: Path
    bundle_id: str
    first_seq: int
    last_seq: int
    count: int
    sha256: str


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def export_bundle(journal: Journal, out: Path) -> ExportResult:
    device = local.device_id(journal)
    acked = local.local_status(journal).acked_seq
    events = local.pending_events(journal, device, acked, 10**9)
    if not events:
        raise SyncError("没有尚未被中心确认的事件，无需导出")
    body = "".join(canonical_json(e) + "\n" for e in events).encode("utf-8")
    lost = lost_hashes(journal)
    files = {k: v for k, v in attachment_sync.named(events).items() if k not in lost}
    store = AttachmentStore(store_root(Path(journal.path)))
    check_scan = attachment_sync.local_reader(store, files)
    for sha in sorted(files):  # a missing or changed scan stops the export, before anything is written
        check_scan(sha)
    key = device_key(device)
    manifest = {
        "format": FORMAT,
        "bundle_id": str(uuid.uuid4()),
        "device": device,
        "first_seq": events[0]["seq"],
        "last_seq": events[-1]["seq"],
        "count": len(events),
        "prev_hash": events[0]["prev_hash"],
        "chain_hash": events[-1]["hash"],
        "files": {"events.jsonl": hashlib.sha256(body).hexdigest()},
        "attachments": {sha: int(files[sha]["size"]) for sha in sorted(files)},
        "schema_version": LOCAL_HEAD,
        "created_utc": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "public_key": public_hex(key),
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    out = out.expanduser()
    tmp = out.with_name(out.name + ".partial")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("manifest.json", manifest_bytes)
                z.writestr("manifest.sig", key.sign(manifest_bytes).hex())
                z.writestr("events.jsonl", body)
                for sha in sorted(files):  # streamed from the store, one at a time; JPEG and PDF are compressed
                    z.write(store.path(sha), ATTACHMENT_PREFIX + sha, compress_type=zipfile.ZIP_STORED)
            f.flush()
            os.fsync(f.fileno())
        digest = _file_hash(tmp)
        os.replace(tmp, out)
        _fsync_dir(out.parent)
        check = _file_hash(out)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise SyncError(f"写入 {out} 失败：{e}（U 盘是否已拔出或已满？）") from None
    if check != digest:
        raise SyncError(f"写入 {out} 后读回校验不一致：U 盘可能有问题，请换一个 U 盘重新导出")
    return ExportResult(out, manifest["bundle_id"], manifest["first_seq"], manifest["last_seq"], len(events), digest)


REQUIRED_FILES = ("manifest.json", "manifest.sig", "events.jsonl")
ATTACHMENT_PREFIX = "attachments/"

try:
    from lzma import LZMAError
except ImportError:  # a Python without lzma: zipfile refuses such entries with RuntimeError, caught below
    LZMAError = zlib.error  # type: ignore[misc, assignment]

# What zipfile and its decompressors raise on a damaged or hand-made file: a flipped bit in a header or in the
# deflate stream, a truncated copy, an "encrypted", "patched" or other compression flag (bz2 raises OSError, lzma
# LZMAError), sizes or offsets that point anywhere (ValueError: negative seek).
_CORRUPT_ZIP = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    LZMAError,
    NotImplementedError,
    RuntimeError,
    struct.error,
    ValueError,  # includes UnicodeDecodeError
    KeyError,
    IndexError,
    EOFError,
    OSError,
    OverflowError,
)


def _kind(e: BaseException) -> str:
    """`BadZipFile`, `zlib.error`, `struct.error`: enough for a technician, without a traceback."""
    t = type(e)
    return t.__name__ if t.__module__ in ("builtins", "zipfile") else f"{t.__module__}.{t.__name__}"


@dataclass(frozen=True)
class Bundle:
    """A bundle as read from the file, not yet verified: the manifest is trusted only after `verify_bundle`."""

    manifest: dict[str, Any]
    manifest_bytes: bytes
    body: bytes
    signature: str
    source: Path | bytes = b""  # where the scans are read from, one at a time (never all in memory)
    scan_sizes: dict[str, int] = field(default_factory=dict)  # attachments/<sha256> → its size in the zip

    @property
    def scans(self) -> frozenset[str]:
        return frozenset(self.scan_sizes)

    def scan(self, sha: str) -> bytes:
        """One scan's bytes; a stick pulled out meanwhile is a refusal (nothing committed), never a traceback."""
        try:
            if isinstance(self.source, bytes):
                with zipfile.ZipFile(io.BytesIO(self.source)) as z:
                    return z.read(ATTACHMENT_PREFIX + sha)
            with open(self.source, "rb") as f, zipfile.ZipFile(f) as z:
                return z.read(ATTACHMENT_PREFIX + sha)
        except _CORRUPT_ZIP as e:
            raise BundleRefused(f"读取数据包中的扫描件失败（{_kind(e)}；U 盘是否已拔出？），未做任何改动") from None

    @property
    def device(self) -> str:
        return str(self.manifest.get("device", ""))


def _read(path: Path) -> Bundle:
    """The one place a bundle file is read. Anything wrong with the file is a `BundleRefused`. The manifest and the
    events are read at once; the scans, one at a time when they are checked and stored."""
    try:
        with open(path, "rb") as f:
            return _unpack_from(f, path)
    except FileNotFoundError:
        raise BundleRefused(f"数据包不存在：{path}") from None
    except IsADirectoryError:
        raise BundleRefused(f"{path} 是文件夹，不是数据包，未做任何改动") from None
    except BundleRefused:
        raise
    except _CORRUPT_ZIP as e:
        if isinstance(e, OSError) and not isinstance(e, zipfile.BadZipFile) and e.strerror:
            raise BundleRefused(
                f"无法读取数据包 {path}：{e.strerror or type(e).__name__}（U 盘是否已拔出？），未做任何改动"
            ) from None
        raise BundleRefused(f"数据包已损坏或被截断（{_kind(e)}），未做任何改动；请重新从设备导出") from None


def _unpack(data: bytes) -> Bundle:
    return _unpack_from(io.BytesIO(data), data)


def _unpack_from(f: Any, source: Path | bytes) -> Bundle:
    try:
        with zipfile.ZipFile(f) as z:
            names = set(z.namelist())
            if not set(REQUIRED_FILES) <= names:
                raise BundleRefused("数据包缺少必要的文件（不完整或不是本程序导出的数据包），未做任何改动")
            manifest_bytes = z.read("manifest.json")
            signature = z.read("manifest.sig").decode("ascii").strip()
            body = z.read("events.jsonl")
            sizes = {
                i.filename[len(ATTACHMENT_PREFIX) :]: i.file_size
                for i in z.infolist()
                if i.filename.startswith(ATTACHMENT_PREFIX)
            }
    except BundleRefused:
        raise
    except _CORRUPT_ZIP as e:
        raise BundleRefused(f"数据包已损坏或被截断（{_kind(e)}），未做任何改动；请重新从设备导出") from None
    try:
        manifest = json.loads(manifest_bytes)
    except (ValueError, RecursionError):
        raise BundleRefused("数据包清单已损坏，未做任何改动") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleRefused("不是本程序导出的数据包，未做任何改动")
    return Bundle(manifest, manifest_bytes, body, signature, source, sizes)


# What import reads from a verified manifest, and its JSON type.
_MANIFEST_FIELDS: dict[str, type] = {
    "bundle_id": str,
    "device": str,
    "first_seq": int,
    "last_seq": int,
    "count": int,
    "prev_hash": str,
    "chain_hash": str,
}


def _verify(bundle: Bundle, public_key: str) -> list[dict[str, Any]]:
    """Signature, file hash, events and their chain; returns the events. Touches nothing."""
    device = bundle.device
    try:
        key = load_public(public_key)
    except ValueError:
        raise BundleRefused(f"中心登记的设备 {device} 签名公钥格式不对，请重新登记；未做任何改动") from None
    try:
        key.verify(bytes.fromhex(bundle.signature), bundle.manifest_bytes)
    except (InvalidSignature, ValueError):
        raise BundleRefused(f"数据包签名不符：清单被改动，或不是设备 {device} 签发的，未做任何改动") from None
    wrong = [k for k, t in _MANIFEST_FIELDS.items() if type(bundle.manifest.get(k)) is not t]  # JSON: bool is no int
    if wrong:
        # signed, so by the device's own program, but not one this program understands: refused, not a KeyError
        raise BundleRefused(f"数据包清单缺少字段或格式不对（{'、'.join(wrong)}），未做任何改动")
    files = bundle.manifest.get("files")
    expected = files.get("events.jsonl") if isinstance(files, dict) else None
    if hashlib.sha256(bundle.body).hexdigest() != expected:
        raise BundleRefused("数据与清单不符（被改动或截断），未做任何改动")
    _verify_scans(bundle)
    return _parse_events(bundle.body, bundle.manifest)


def _verify_scans(bundle: Bundle) -> None:
    """The scans in the bundle are exactly those its signed manifest lists, each with its hash and size."""
    listed = bundle.manifest.get("attachments", {})
    if not isinstance(listed, dict) or set(listed) != set(bundle.scans):
        raise BundleRefused("数据包中的扫描件与清单不符（缺少或多出文件），未做任何改动")
    for sha in sorted(bundle.scans):
        if listed[sha] != bundle.scan_sizes[sha]:
            raise BundleRefused(f"数据包中的扫描件 {sha[:12]}… 已损坏（与其哈希不符），未做任何改动")
        data = bundle.scan(sha)
        if hashlib.sha256(data).hexdigest() != sha or listed[sha] != len(data):
            raise BundleRefused(f"数据包中的扫描件 {sha[:12]}… 已损坏（与其哈希不符），未做任何改动")


def verify_bundle(source: Path | bytes, public_key: str) -> tuple[Bundle, list[dict[str, Any]]]:
    """Read a bundle (a file, or its bytes) and verify it against the device's public key (hex), without touching
    the centre: the same steps `import_bundle` takes before it changes anything. Returns the bundle and its events;
    raises `BundleRefused`."""
    bundle = _unpack(source) if isinstance(source, bytes) else _read(source)
    return bundle, _verify(bundle, public_key)


def import_bundle(path: Path, url: str) -> dict[str, Any]:
    """Verify and ingest a bundle at the centre (owner connection). A repeat returns the same report.

    Raises `BundleRefused` (nothing changed) or, for a database failure half-way, `SyncError`; never psycopg's own
    errors: a device's URL given instead of the centre's is the usual one (its role may not read yibao.devices)."""
    bundle = _read(path)
    with connect(url) as conn:
        try:
            return _ingest(conn, bundle)
        except psycopg.errors.InsufficientPrivilege:
            raise BundleRefused(_not_the_centre(conn, url)) from None
        except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
            raise BundleRefused(
                f"中心库 {database_name(url)} 尚未初始化（没有 yibao 表）：请先运行 yibao-desk central init，"
                "或检查连接地址是否指向中心库；未做任何改动"
            ) from None
        except psycopg.Error as e:
            raise SyncError(
                f"导入时中心库出错（{type(e).__name__}：{scrub(str(e).strip(), url)[:300]}），本次导入未完成；"
                "再次导入同一数据包是安全的（已导入的事件不会重复）"
            ) from None


def _not_the_centre(conn: psycopg.Connection[Any], url: str) -> str:
    """Why a connection may not import: whose role it is (a device's, usually) and what address is needed."""
    role: str | None = None
    device: str | None = None
    try:
        conn.rollback()
        row = conn.execute("SELECT session_user::text").fetchone()
        role = str(row[0]) if row else None
        row = conn.execute("SELECT yibao.current_device()").fetchone()
        device = str(row[0]) if row and row[0] else None
    except psycopg.Error:
        pass  # a role that may not even ask: said below without a name
    needed = "导入离线数据包需要中心的地址（中心库所有者的连接地址，即 central init 所用的地址）"
    if device:
        return (
            f"连接地址 {redact(url)} 属于设备 {device}（数据库角色 {role}），只能用于该设备推送同步；"
            f"{needed}，未做任何改动"
        )
    who = f"（数据库角色 {role}）" if role else ""
    return f"连接地址 {redact(url)}{who} 无权读取中心的设备登记：{needed}，未做任何改动"


def _ingest(conn: psycopg.Connection[Any], bundle: Bundle) -> dict[str, Any]:
    manifest, device = bundle.manifest, bundle.device
    row = conn.execute("SELECT public_key FROM yibao.devices WHERE id = %s", (device,)).fetchone()
    if row is None:
        raise BundleRefused(f"设备 {device} 未在中心登记，拒绝导入，未做任何改动")
    if not row[0]:
        raise BundleRefused(f"设备 {device} 未登记签名公钥（central add-device --public-key），未做任何改动")
    events = _verify(bundle, str(row[0]))
    previous = conn.execute(
        "SELECT report FROM yibao.bundles WHERE bundle_id = %s", (manifest["bundle_id"],)
    ).fetchone()
    if previous is not None:
        stored: dict[str, Any] = json.loads(previous[0])
        stored["repeat"] = True
        return stored
    before = contiguous(conn, device, 0)
    link = (
        conn.execute(
            "SELECT hash FROM yibao.events WHERE device_id = %s AND seq = %s", (device, events[0]["seq"] - 1)
        ).fetchone()
        if events[0]["seq"] > 1
        else (GENESIS,)
    )
    if link is not None and link[0] != events[0]["prev_hash"]:
        raise BundleRefused(
            f"数据包与中心库中设备 {device} 的哈希链接不上"
            f"（序号 {events[0]['seq'] - 1}），"
            "可能是日志被替换过；未做任何改动，请联系技术人员"
        )
    files = attachment_sync.named(events)
    lost = attachment_sync.declared_lost(events) | attachment_sync.lost_at_centre(conn, device)
    lacking = sorted(set(files) - set(bundle.scans) - lost - attachment_sync.held(conn, device, files))
    if lacking:
        first = files[lacking[0]]
        raise BundleRefused(
            f"数据包缺少 {len(lacking)} 个扫描件（如办件 {first['case']} 的 {lacking[0][:12]}…），中心也没有，"
            "拒绝导入，未做任何改动；请在设备上检查附件库（journal verify）后重新导出"
        )
    with conn.transaction():
        carried = {sha: meta for sha, meta in files.items() if sha in bundle.scans}
        scans = attachment_sync.send(conn, device, carried, bundle.scan)
        inserted = 0
        conflicts = []
        cols = ", ".join(EVENT_COLUMNS)
        for e in events:
            cur = conn.execute(
                f"INSERT INTO yibao.events ({cols}) VALUES ({', '.join(['%s'] * len(EVENT_COLUMNS))}) "
                "ON CONFLICT DO NOTHING",
                tuple(e[c] for c in EVENT_COLUMNS),
            )
            if cur.rowcount == 1:
                inserted += 1
                continue
            same = conn.execute(
                "SELECT 1 FROM yibao.events WHERE id = %s AND hash = %s AND seq = %s",
                (e["id"], e["hash"], e["seq"]),
            ).fetchone()
            if same is None:
                reason = "中心库已有同一编号或序号但内容不同的事件，保留原事件"
                conn.execute(
                    "INSERT INTO yibao.rejected (device_id, seq, event_id, reason) VALUES (%s,%s,%s,%s) "
                    "ON CONFLICT DO NOTHING",
                    (device, e["seq"], e["id"], reason),
                )
                conflicts.append({"event_id": e["id"], "seq": e["seq"], "reason": reason})
        after = contiguous(conn, device, 0)
        missing = [s for s in range(after + 1, events[0]["seq"])]
        report = {
            "bundle_id": manifest["bundle_id"],
            "device": device,
            "first_seq": manifest["first_seq"],
            "last_seq": manifest["last_seq"],
            "count": len(events),
            "inserted": inserted,
            "duplicates": len(events) - inserted - len(conflicts),
            "conflicts": conflicts,
            "acked_seq": after,
            "acked_hash": _hash_at(conn, device, after),
            "gap": {"from": missing[0], "to": missing[-1]} if missing else None,
            "previously_acked": before,
            "attachments": scans,
            "repeat": False,
        }
        conn.execute("UPDATE yibao.acks SET acked_seq = %s, last_sync = now() WHERE device_id = %s", (after, device))
        conn.execute(
            "INSERT INTO yibao.bundles (bundle_id, device_id, first_seq, last_seq, count, report) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            (
                manifest["bundle_id"],
                device,
                manifest["first_seq"],
                manifest["last_seq"],
                len(events),
                json.dumps(report, ensure_ascii=False),
            ),
        )
        refresh_projection(conn)
    conn.commit()  # the reads above opened the transaction; the block above was its savepoint
    return report


def _hash_at(conn: Any, device: str, seq: int) -> str | None:
    if seq < 1:
        return None
    row = conn.execute("SELECT hash FROM yibao.events WHERE device_id = %s AND seq = %s", (device, seq)).fetchone()
    return row[0] if row else None


def _parse_events(body: bytes, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    try:
        events = [json.loads(line) for line in body.decode("utf-8").splitlines() if line.strip()]
    except (UnicodeDecodeError, ValueError):
        raise BundleRefused("数据包中的事件已损坏，未做任何改动") from None
    device = manifest.get("device")
    if not events or len(events) != manifest.get("count"):
        raise BundleRefused("数据包中的事件数与清单不符，未做任何改动")
    for e in events:
        if not isinstance(e, dict) or set(EVENT_COLUMNS) - set(e):
            raise BundleRefused("数据包中的事件格式不对，未做任何改动")
        if e["device_id"] != device:
            raise BundleRefused(f"数据包中混有其他设备（{e['device_id']}）的事件，拒绝导入，未做任何改动")
    brk = verify_chain(events, start_seq=int(manifest["first_seq"]), start_hash=str(manifest["prev_hash"]))
    if (
        brk is not None
        or events[-1]["hash"] != manifest.get("chain_hash")
        or any(event_hash(e) != e["hash"] for e in events[:1])
    ):
        raise BundleRefused(f"数据包中的哈希链校验失败（{brk or '链尾哈希与清单不符'}），未做任何改动")
    return events


ACK_FORMAT = "yibao-desk-ack/1"
ACK_SUFFIX = ".ack.json"


def ack_path(bundle: Path) -> Path:
    """Where the centre writes a bundle's acknowledgement: `FILE.ack.json` beside it (x.bundle → x.bundle.ack.json)."""
    return bundle.with_name(bundle.name + ACK_SUFFIX)


def write_ack(report: dict[str, Any], out: Path) -> Path:
    ack = {
        "format": ACK_FORMAT,
        "device": report["device"],
        "acked_seq": report["acked_seq"],
        "acked_hash": report["acked_hash"],
        "bundle_id": report["bundle_id"],
        "created_utc": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    try:
        out.write_text(json.dumps(ack, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as e:
        raise SyncError(
            f"数据已导入中心，但写入确认文件 {out} 失败：{e.strerror or type(e).__name__}；"
            "可再次导入同一数据包重新生成确认文件"
        ) from None
    return out


def _resolve_ack(path: Path) -> Path:
    """`sync ack` takes the ack file or the bundle it acknowledges (then FILE.ack.json next to it)."""
    if path.name.endswith(ACK_SUFFIX):
        return path
    beside = ack_path(path)
    if beside.is_file():
        return beside
    try:
        with open(path, "rb") as f:
            is_zip = f.read(4) == b"PK\x03\x04"
    except OSError:
        return path  # reported by the reader
    if is_zip:
        raise SyncError(f"{path} 是数据包，不是确认文件；旁边没有 {beside.name}：请先在中心导入该数据包")
    return path


def read_ack(journal: Journal, path: Path) -> int:
    """Advance the local acknowledgement from a centre's ack file, after checking it names our own chain.

    `path` is the ack file or the bundle it acknowledges. Anything wrong with the file is a `SyncError`."""
    path = _resolve_ack(path)
    try:
        ack = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise SyncError(f"确认文件不存在：{path}") from None
    except OSError as e:
        raise SyncError(f"无法读取确认文件 {path}：{e.strerror or type(e).__name__}") from None
    except (ValueError, RecursionError):  # not UTF-8, not JSON, absurdly nested
        raise SyncError(f"确认文件 {path} 已损坏或不是确认文件，未更新同步状态") from None
    device = local.device_id(journal)
    if not isinstance(ack, dict) or ack.get("format") != ACK_FORMAT or ack.get("device") != device:
        raise SyncError(f"确认文件不属于本机（设备 {device}）")
    seq = ack.get("acked_seq")
    if seq is None:
        seq = 0
    if isinstance(seq, bool) or not isinstance(seq, int) or seq < 0:
        raise SyncError(f"确认文件 {path} 中的确认序号不对（{repr(seq)[:40]}），未更新同步状态")
    if seq == 0:
        return local.local_status(journal).acked_seq
    mine = local.pending_events(journal, device, seq - 1, 1)
    if not mine or mine[0]["seq"] != seq or mine[0]["hash"] != ack.get("acked_hash"):
        raise SyncError("确认文件中的哈希与本机日志不符，未更新同步状态")
    local.save_ack(journal, device, seq)
    return seq
