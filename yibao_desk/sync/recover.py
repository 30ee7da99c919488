"""`journal recover --from URL`: rebuild a journal that lost events (a restored backup, a deleted or emptied file)
from this device's own events at the centre.

The centre's events are checked against their chain and against the device's signed head (the anchor file beside
the device identity, or the journal's own checkpoint): the centre's chain must contain that head, or nothing is
changed. Events of the journal that the centre does not hold (written after the loss) are replayed on top, in
their order, keeping their ids, times, staff and case numbers; only their sequence numbers and hashes are new.
The replaced journal is kept beside it as `<name>.before-recover-<stamp>.sqlite3`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from yibao_desk.attachments.store import AttachmentStore, store_root
from yibao_desk.journal import checkpoint, projection, records
from yibao_desk.journal.chain import EVENT_COLUMNS, event_hash, verify_chain
from yibao_desk.journal.db import Journal, JournalError, open_journal
from yibao_desk.sync import attachment_sync
from yibao_desk.sync.central import connect, device_events
from yibao_desk.sync.urls import SyncError


@dataclass
class RecoverReport:
    device: str
    from_centre: int
    replayed: int
    unsigned: int  # centre events beyond the newest signed head (chained, but not covered by a signature)
    kept_as: str
    cases: int
    scans: int = 0  # scans fetched back from the centre into the attachment store
    scan_note: str = ""  # what could not be fetched

    def lines(self) -> list[str]:
        out = [f"已从中心取回设备 {self.device} 的 {self.from_centre} 个事件，重建 {self.cases} 个办件"]
        if self.replayed:
            out.append(f"本机在丢失之后写入的 {self.replayed} 个事件已接在其后（序号重新编排，内容不变）")
        if self.unsigned:
            out.append(f"其中 {self.unsigned} 个事件在本机最后的签名检查点之后，只经哈希链核对")
        if self.scans:
            out.append(f"已从中心取回 {self.scans} 个扫描件")
        if self.scan_note:
            out.append(self.scan_note)
        out.append(f"原日志保存为 {self.kept_as}")
        return out


def _centre_events(url: str, device: str) -> list[dict[str, Any]]:
    with connect(url) as conn:
        registered = conn.execute("SELECT yibao.current_device()").fetchone()
        if registered and registered[0] not in (None, device):
            raise SyncError(f"该连接地址属于设备 {registered[0]}，不是本机（{device}）")
        return device_events(conn, device)


def _local_events(path: Path, device: str) -> tuple[list[dict[str, Any]], dict[str, str], checkpoint.Head | None]:
    """The journal's events, its staff password hashes (for events from before they were journaled), and its own
    checkpoint — read straight from the file, which may be damaged."""
    if not path.exists():
        return [], {}, None
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            cur = conn.cursor()
            rows = cur.execute(
                f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE device_id = ? ORDER BY seq", (device,)
            ).fetchall()
            hashes = dict(cur.execute("SELECT id, password_hash FROM staff").fetchall())
            try:
                stored, _ = checkpoint.read_stored(cur)
            except sqlite3.Error:
                stored = None
    except sqlite3.Error:
        return [], {}, None
    return [dict(zip(EVENT_COLUMNS, r, strict=True)) for r in rows], hashes, stored


def _signed_heads(path: Path, stored: checkpoint.Head | None, device: str) -> list[checkpoint.Head]:
    """Every head this device signed for the journal at `path`: the anchor, the journal's own checkpoint, and
    the heads a supervisor-accepted restore superseded."""
    anchor, _ = checkpoint.read_anchor(path)
    heads = [anchor, stored, *checkpoint.superseded_heads(path)]
    return [h for h in heads if h is not None and h.device_id == device]


def recover(journal: Journal, url: str, device: str, trust_centre: bool = False) -> RecoverReport:
    path = journal.path
    centre = _centre_events(url, device)
    if not centre:
        raise SyncError(f"中心库没有设备 {device} 的任何事件，无法取回")
    brk = verify_chain(centre)
    if brk is not None:
        raise SyncError(f"中心库中本机的事件链断裂（{brk}），不能据此恢复；请联系中心管理员")
    mine, password_hashes, stored = _local_events(path, device)
    heads = _signed_heads(path, stored, device)
    by_seq = {e["seq"]: e for e in centre}
    local_by_seq = {e["seq"]: e for e in mine}
    common = 0  # the longest prefix both hold alike
    while common + 1 in by_seq and _same(local_by_seq.get(common + 1), by_seq[common + 1]):
        common += 1
    # the centre's events past the common prefix count as this device's only up to a head it signed
    vouched = [h.seq for h in heads if h.seq > common and _same(by_seq.get(h.seq), {"hash": h.hash})]
    top = centre[-1]["seq"]
    trusted = max(vouched, default=common)
    unsigned = top - trusted
    if unsigned and heads and not trust_centre:
        raise SyncError(
            f"中心库中本机序号 {trusted + 1}–{top} 的 {unsigned} 个事件无法用本机的签名检查点核对"
            "（可能是有人用本机的连接地址写入的）。未做任何改动；确认它们是本机写的，请加 --trust-centre"
        )
    taken = [e for e in centre if e["seq"] <= trusted] if not unsigned or (heads and not trust_centre) else centre
    if not taken:
        raise SyncError("中心库中没有可以核对为本机所写的事件，未做任何改动")
    taken_ids = {e["id"] for e in taken}
    replay = [e for e in mine if e["seq"] > common and e["id"] not in taken_ids]
    taken_cases = {e["case_number"] for e in taken if e["type"] == "case.opened"}
    clash = [e["case_number"] for e in replay if e["type"] == "case.opened" and e["case_number"] in taken_cases]
    if clash:
        raise SyncError(f"本机日志中的办件编号 {clash[0]} 与中心库中的另一个办件重号，不能自动合并；请联系中心管理员")
    events = taken + _rechain(replay, taken[-1])
    last_case = ""
    for h in heads:
        last_case = checkpoint.higher_case(last_case, h.last_case)
    previous = max(heads, key=lambda h: h.seq) if heads else None
    scans, scan_note = _fetch_scans(url, device, events, path)  # before the swap: nothing half-done after it
    journal.close()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.stem}.before-recover-{stamp}.sqlite3")
    tmp = path.with_name(f"{path.stem}.recovering.sqlite3")
    for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)
    cases = _build(tmp, events, device, password_hashes, taken[-1])
    checkpoint.forget_anchor(tmp)
    if path.exists():
        os.replace(path, kept)
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(tmp, path)
    _seal(path, device, events[-1], last_case, previous)
    checkpoint.forget_superseded(path)
    return RecoverReport(
        device,
        len(taken),
        len(replay),
        unsigned if len(taken) == len(centre) else 0,
        str(kept if kept.exists() else "（无）"),
        cases,
        scans,
        scan_note,
    )


def _fetch_scans(url: str, device: str, events: list[dict[str, Any]], path: Path) -> tuple[int, str]:
    """The scans the events name and the store lacks (or holds damaged), from the centre; what could not be had."""
    import psycopg

    from yibao_desk.domain.attachment_rules import AttachmentRefused

    store = AttachmentStore(store_root(path))
    wanted = sorted(set(attachment_sync.named(events)) - attachment_sync.declared_lost(events))
    try:
        with connect(url) as conn:
            got = attachment_sync.fetch(conn, device, wanted, store)
    except (SyncError, psycopg.Error, AttachmentRefused) as e:
        return 0, f"扫描件未能从中心取回（{str(e)[:200]}）：可稍后再运行 journal recover"
    missing = [sha for sha in wanted if not store.has(sha)]
    note = f"中心也没有 {len(missing)} 个扫描件（journal verify 列出它们）" if missing else ""
    return got, note


def _same(a: dict[str, Any] | None, b: dict[str, Any]) -> bool:
    return a is not None and a["hash"] == b["hash"]


def _rechain(replay: list[dict[str, Any]], after: dict[str, Any]) -> list[dict[str, Any]]:
    out, seq, prev = [], after["seq"], after["hash"]
    for e in replay:
        seq += 1
        new = {**e, "seq": seq, "prev_hash": prev}
        new["hash"] = event_hash(new)
        out.append(new)
        prev = new["hash"]
    return out


def _build(
    path: Path, events: list[dict[str, Any]], device: str, password_hashes: dict[str, str], acked: dict[str, Any]
) -> int:
    """A new journal at `path` holding exactly `events`, with every projection folded from them."""
    journal = open_journal(path)
    journal.close()
    folded = records.fold(events, device)
    setup = next((e for e in events if e["type"] == "device.setup"), None)
    if folded["device"] is None or setup is None:
        raise JournalError("中心库中本机的事件没有设备设置事件（device.setup），无法重建日志")
    cases = projection.fold(events)
    with closing(sqlite3.connect(path)) as conn:
        cur = conn.cursor()
        d = folded["device"]
        cur.execute("INSERT INTO device VALUES (?, ?, ?, ?)", (device, d["region"], d["window"], setup["utc"]))
        placeholders = ", ".join("?" * len(EVENT_COLUMNS))
        cur.executemany(
            f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({placeholders})",
            [tuple(e[c] for c in EVENT_COLUMNS) for e in events],
        )
        added = {json.loads(e["payload"])["staff_id"]: e["utc"] for e in events if e["type"] == "staff.added"}
        for staff_id, st in folded["staff"].items():
            cur.execute(
                "INSERT INTO staff (id, name, role, password_hash, failed_logins, active, created_utc) "
                "VALUES (?, ?, ?, ?, 0, ?, ?)",
                (
                    staff_id,
                    st["name"],
                    st["role"],
                    st["password_hash"] or password_hashes.get(staff_id, ""),
                    st["active"],
                    added.get(staff_id, ""),
                ),
            )
        for key, value in folded["settings"].items():
            cur.execute("INSERT INTO settings VALUES (?, ?)", (key, json.dumps(value, ensure_ascii=False)))
        columns = list(next(iter(cases.values())).keys()) if cases else []
        for row in cases.values():
            cur.execute(
                f"INSERT INTO cases ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                tuple(row[c] for c in columns),
            )
        cur.execute(
            "INSERT INTO sync_state (device_id, acked_seq, acked_hash) VALUES (?, ?, ?)",
            (device, acked["seq"], acked["hash"]),
        )
        conn.commit()
    return len(cases)


def _seal(path: Path, device: str, last: dict[str, Any], last_case: str, previous: checkpoint.Head | None) -> None:
    head = checkpoint.next_head(
        previous, device, last["seq"], last["hash"], last_case, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    )
    with closing(sqlite3.connect(path)) as conn:
        top = conn.execute(
            "SELECT case_number FROM events WHERE type = 'case.opened' ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        if top:
            head = replace(head, last_case=checkpoint.higher_case(head.last_case, top[0]))
        body, signature = checkpoint.sign(head)
        checkpoint.store(conn.cursor(), body, signature)
        conn.commit()
    checkpoint.write_anchor(path, body, signature)
