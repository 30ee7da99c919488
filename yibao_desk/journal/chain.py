"""The per-device hash chain of events: each event's hash covers its content and the previous hash.

Pure functions over plain dicts, so the central side (sync) verifies the same way the device does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = (
    "id",
    "device_id",
    "seq",
    "case_number",
    "staff_id",
    "type",
    "payload",
    "utc",
    "local_time",
    "prev_hash",
)
EVENT_COLUMNS = (*HASHED_FIELDS, "hash")  # an event as stored, sent and bundled: everywhere in this order


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_hash(event: Mapping[str, Any]) -> str:
    """SHA-256 over the hashed fields, each written as `name=length:value` (length in characters; `-` for none):
    unambiguous, and no second JSON encoding of the payload, which is already canonical JSON text."""
    parts = []
    for k in HASHED_FIELDS:
        value = event[k]
        if value is None:
            parts.append(f"{k}=-:")
        else:
            text = str(value)
            parts.append(f"{k}={len(text)}:{text}")
    return hashlib.sha256("".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    event_id: str
    seq: int
    reason: str

    def __str__(self) -> str:
        return f"事件 #{self.seq}（{self.event_id}）：{self.reason}"


def verify_chain(
    events: Iterable[Mapping[str, Any]], start_seq: int = 1, start_hash: str = GENESIS
) -> ChainBreak | None:
    """The first break in one device's events (given in sequence order), or None when the chain holds."""
    expected_seq, prev = start_seq, start_hash
    for e in events:
        if e["seq"] != expected_seq:
            what = "缺失" if e["seq"] > expected_seq else "重复或顺序错乱"
            return ChainBreak(e["id"], e["seq"], f"序号应为 {expected_seq}，实为 {e['seq']}（事件{what}）")
        if e["prev_hash"] != prev:
            return ChainBreak(e["id"], e["seq"], "前序哈希不符（前一事件被删除、替换或调换）")
        if event_hash(e) != e["hash"]:
            return ChainBreak(e["id"], e["seq"], "内容与哈希不符（事件被改动）")
        try:
            json.loads(e["payload"])
        except (TypeError, ValueError):
            return ChainBreak(e["id"], e["seq"], "内容不是有效的 JSON")
        prev = e["hash"]
        expected_seq += 1
    return None
