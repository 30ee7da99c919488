"""Scans travel with the events that name them (issue 17 §1): before a batch of events reaches the centre, the files
its `attachment.added` events name and the centre lacks are sent in the same transaction, so the centre never holds
an event whose file it has not. The centre checks each file against its hash (c0007's constraints)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import psycopg

from yibao_desk.attachments.store import AttachmentStore
from yibao_desk.sync.urls import SyncError


def named(events: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """sha256 → {size, mime, case_number} of every file the events' `attachment.added` name."""
    found: dict[str, dict[str, Any]] = {}
    for e in events:
        if e["type"] == "attachment.added":
            p = json.loads(e["payload"])
            found.setdefault(p["sha256"], {"size": int(p["size"]), "mime": p["mime"], "case": e["case_number"]})
    return found


def declared_lost(events: Iterable[Mapping[str, Any]]) -> set[str]:
    """The scans the events declare lost (`attachment.lost`, by a supervisor): events naming them go on without."""
    return {json.loads(e["payload"])["sha256"] for e in events if e["type"] == "attachment.lost"}


def lost_at_centre(conn: psycopg.Connection[Any], device: str) -> set[str]:
    rows = conn.execute(
        "SELECT payload FROM yibao.events WHERE device_id = %s AND type = 'attachment.lost'", (device,)
    ).fetchall()
    return {json.loads(r[0])["sha256"] for r in rows}


def held(conn: psycopg.Connection[Any], device: str, hashes: Iterable[str]) -> set[str]:
    """Which of `hashes` the centre already holds for the device."""
    wanted = list(hashes)
    if not wanted:
        return set()
    rows = conn.execute(
        "SELECT sha256 FROM yibao.attachments WHERE device_id = %s AND sha256 = ANY(%s)", (device, wanted)
    ).fetchall()
    return {r[0] for r in rows}


def send(
    conn: psycopg.Connection[Any],
    device: str,
    files: Mapping[str, Mapping[str, Any]],
    read: Callable[[str], bytes],
) -> int:
    """Insert the files the centre lacks, inside the caller's transaction (COPY into a temporary table: COPY FROM
    is refused on a table with row-level security). `read(sha)` gives a file's bytes. Returns how many were sent."""
    missing = sorted(set(files) - held(conn, device, files))
    if not missing:
        return 0
    conn.execute(
        "CREATE TEMP TABLE IF NOT EXISTS incoming_attachments "
        "(device_id text, sha256 text, size bigint, mime text, data bytea) ON COMMIT DELETE ROWS"
    )
    with conn.cursor().copy("COPY incoming_attachments (device_id, sha256, size, mime, data) FROM STDIN") as copy:
        for sha in missing:
            f = files[sha]
            copy.write_row((device, sha, f["size"], f["mime"], read(sha)))
    conn.execute(
        "INSERT INTO yibao.attachments (device_id, sha256, size, mime, data) "
        "SELECT device_id, sha256, size, mime, data FROM incoming_attachments ON CONFLICT DO NOTHING"
    )
    return len(missing)


def local_reader(store: AttachmentStore, files: Mapping[str, Mapping[str, Any]]) -> Callable[[str], bytes]:
    """Reads a file from the device's store; a missing or changed one stops the sync with what to do."""

    def read(sha: str) -> bytes:
        problem = store.problem(sha, int(files[sha]["size"]))
        if problem:
            raise SyncError(
                f"办件 {files[sha]['case']} 的{problem}，该扫描件无法同步，同步已停止；"
                "请从备份恢复附件库（journal restore），或在 journal verify 中查看所有缺失的扫描件；"
                f"确已无法找回的，由主管登记遗失（yibao-desk attachment-lost {files[sha]['case']} {sha[:12]} "
                "--reason 原因 --staff 主管工号）后同步继续"
            )
        return store.read(sha)

    return read


def fetch(conn: psycopg.Connection[Any], device: str, hashes: Iterable[str], store: AttachmentStore) -> int:
    """`journal recover`: the device's scans the local store lacks, back from the centre. Returns how many."""
    got = 0
    for sha in hashes:
        if store.has(sha) and store.problem(sha, store.path(sha).stat().st_size) is None:
            continue
        row = conn.execute(
            "SELECT data FROM yibao.attachments WHERE device_id = %s AND sha256 = %s", (device, sha)
        ).fetchone()
        if row is not None:
            store.put_raw(sha, bytes(row[0]))
            got += 1
    return got
