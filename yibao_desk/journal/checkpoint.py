"""The signed checkpoint of the journal's head.

In every write transaction that appended events the device signs its chain's head — last sequence, last hash, the
highest case number it ever opened — with its Ed25519 key (the one bundles use). The checkpoint is kept twice:
in the journal (the same transaction) and in an anchor file in the user data folder, named after the journal's
path. `integrity.check` compares the journal with both: a shorter, emptier, re-chained or different journal is
named as such. The anchor file is replaced atomically but not fsynced: after a power cut it can only be older
than the journal, and a journal ahead of its anchor on the same chain is sound.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature

from yibao_desk.journal import anchor_file
from yibao_desk.journal.chain import canonical_json

_CASE_COUNTER = re.compile(r"^(.*-)(\d+)$")


class CheckpointError(Exception):
    """A checkpoint that cannot be read or whose signature does not hold."""


@dataclass(frozen=True)
class Head:
    journal_id: str
    device_id: str
    seq: int
    hash: str
    last_case: str  # the highest case number this device ever opened ("" before the first)
    public_key: str
    utc: str

    def body(self) -> str:
        return canonical_json(asdict(self))


def case_counter(number: str, stem: str) -> int:
    """The daily counter of `number` when it belongs to `stem` (prefix-device-date-), else 0."""
    m = _CASE_COUNTER.match(number or "")
    return int(m.group(2)) if m and m.group(1) == stem else 0


def higher_case(a: str, b: str) -> str:
    """The later of two case numbers (by date, then counter); either may be empty."""

    def key(n: str) -> tuple[str, int]:
        m = _CASE_COUNTER.match(n or "")
        return (m.group(1)[-9:], int(m.group(2))) if m else ("", 0)

    return a if key(a) >= key(b) else b


def sign(head: Head) -> tuple[str, str]:
    from yibao_desk.journal.device_key import device_key

    body = head.body()
    signature = device_key(head.device_id).sign(body.encode("utf-8")).hex()
    _remember(body, signature, head)  # the next write reads this head back without verifying it again
    return body, signature


_verified: dict[tuple[str, str], Head] = {}  # the same bytes verify the same way; the heads this process signed
_verified_lock = threading.Lock()


def _remember(body: str, signature: str, head: Head) -> Head:
    with _verified_lock:
        if len(_verified) >= 64:
            _verified.pop(next(iter(_verified)))
        _verified[(body, signature)] = head
    return head


def open_signed(body: str, signature: str) -> Head:
    """The checkpoint, if its signature holds under the public key it names."""
    from yibao_desk.journal.device_key import load_public

    known = _verified.get((body, signature))
    if known is not None:
        return known
    try:
        data: dict[str, Any] = json.loads(body)
        head = Head(**data)
        load_public(head.public_key).verify(bytes.fromhex(signature), body.encode("utf-8"))
    except InvalidSignature:
        raise CheckpointError("签名不符（检查点被改动或换了密钥）") from None
    except (TypeError, ValueError) as e:
        raise CheckpointError(f"无法读取（{e}）") from None
    return _remember(body, signature, head)


def next_head(previous: Head | None, device_id: str, seq: int, last_hash: str, opened: str, utc: str) -> Head:
    from yibao_desk.journal.device_key import public_key_hex

    return Head(
        journal_id=previous.journal_id if previous else str(uuid.uuid4()),
        device_id=device_id,
        seq=seq,
        hash=last_hash,
        last_case=higher_case(previous.last_case if previous else "", opened),
        public_key=public_key_hex(device_id),
        utc=utc,
    )


# -- the copy in the journal --------------------------------------------------------------------------------


def read_stored(cur: Any) -> tuple[Head | None, str | None]:
    """The journal's own checkpoint (cur: a DB-API cursor) and the problem with it, if any."""
    row = cur.execute("SELECT body, signature FROM checkpoint WHERE id = 1").fetchone()
    if row is None:
        return None, None
    try:
        return open_signed(row[0], row[1]), None
    except CheckpointError as e:
        return None, f"日志中的签名检查点{e}"


def store(cur: Any, body: str, signature: str) -> None:
    cur.execute(
        "INSERT INTO checkpoint (id, body, signature) VALUES (1, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET body = excluded.body, signature = excluded.signature",
        (body, signature),
    )


# -- the anchor beside the device identity ------------------------------------------------------------------


def anchor_path(journal_path: Path) -> Path:
    """The anchor file, with every head this process signed written to it."""
    return anchor_file.path(journal_path)


def write_anchor(journal_path: Path, body: str, signature: str) -> None:
    anchor_file.write(journal_path, body, signature)


def read_anchor(journal_path: Path) -> tuple[Head | None, str | None]:
    path = anchor_path(journal_path)
    if not path.exists():
        return None, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return open_signed(data["body"], data["signature"]), None
    except (OSError, ValueError, KeyError, TypeError) as e:
        return None, f"本机保存的日志检查点（{path}）无法读取：{e}"
    except CheckpointError as e:
        return None, f"本机保存的日志检查点（{path}）{e}"


def forget_anchor(journal_path: Path) -> None:
    anchor_path(journal_path).unlink(missing_ok=True)


# -- heads a supervisor-accepted restore replaced (journal recover still vouches with them) -------------------


def _history_path(journal_path: Path) -> Path:
    return anchor_path(journal_path).with_suffix(".superseded.jsonl")


def supersede(journal_path: Path) -> None:
    """Keep the current anchor's head before a restore replaces it."""
    path = anchor_path(journal_path)
    if not path.exists():
        return
    with _history_path(journal_path).open("a", encoding="utf-8") as f:
        f.write(path.read_text(encoding="utf-8").strip() + "\n")


def superseded_heads(journal_path: Path) -> list[Head]:
    path = _history_path(journal_path)
    if not path.exists():
        return []
    heads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            data = json.loads(line)
            heads.append(open_signed(data["body"], data["signature"]))
        except (ValueError, KeyError, TypeError, CheckpointError):
            continue  # a damaged line vouches for nothing
    return heads


def forget_superseded(journal_path: Path) -> None:
    _history_path(journal_path).unlink(missing_ok=True)
