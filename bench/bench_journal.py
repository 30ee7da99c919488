"""Durable event commits against raw sqlite3 inserts with the same pragmas, measured in the same run.

- single: one event per transaction (what a clerk's click costs): median and p99 latency.
- batched: 1,000 events in one transaction: events per second.
Targets (issue 3): within 3x of raw, p99 < 20 ms.
"""

from __future__ import annotations

import json
import sqlite3
import statistics
import tempfile
import time
import uuid
from pathlib import Path

from yibao_desk.journal.db import open_journal
from yibao_desk.journal.events import append

SINGLE = 300
BATCH = 1000
PAYLOAD = {
    "region": "yiyang-kuayu",
    "service_code": "432036011W01",
    "service_name": "城镇职工参保人员医疗费用报销",
    "applicant": {"name": "王小明", "id_number": "430981198002290034", "phone": "13800138000"},
    "answers": {},
}


def raw_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(
        "CREATE TABLE events (id TEXT PRIMARY KEY, device_id TEXT, seq INTEGER, case_number TEXT, "
        "staff_id TEXT, type TEXT, payload TEXT, utc TEXT, local_time TEXT, prev_hash TEXT, hash TEXT, "
        "UNIQUE(device_id, seq))"
    )
    return conn


def raw_row(seq: int) -> tuple[object, ...]:
    return (
        str(uuid.uuid4()),
        "W01",
        seq,
        None,
        "c01",
        "bench",
        json.dumps(PAYLOAD, ensure_ascii=False),
        "2026-11-25T00:00:00+00:00",
        "2026-11-25T08:00:00+08:00",
        "0" * 64,
        "0" * 64,
    )


def p99(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.99) - 1]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        conn = raw_connection(folder / "raw.sqlite3")
        raw_single = []
        for i in range(1, SINGLE + 1):
            t = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)", raw_row(i))
            conn.execute("COMMIT")
            raw_single.append(time.perf_counter() - t)
        t = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)", [raw_row(SINGLE + i) for i in range(1, BATCH + 1)]
        )
        conn.execute("COMMIT")
        raw_batch = time.perf_counter() - t
        conn.close()

        journal = open_journal(folder / "journal.sqlite3")
        ours_single = []
        for _ in range(SINGLE):
            t = time.perf_counter()
            with journal.write() as s:
                append(s, "W01", "c01", "bench", PAYLOAD)
            ours_single.append(time.perf_counter() - t)
        t = time.perf_counter()
        with journal.write() as s:
            for _ in range(BATCH):
                append(s, "W01", "c01", "bench", PAYLOAD)
        ours_batch = time.perf_counter() - t
        journal.close()

    ms = 1000
    result = {
        "single_raw_median_ms": round(statistics.median(raw_single) * ms, 2),
        "single_median_ms": round(statistics.median(ours_single) * ms, 2),
        "single_p99_ms": round(p99(ours_single) * ms, 2),
        "single_ratio_median": round(statistics.median(ours_single) / statistics.median(raw_single), 2),
        "batch_raw_events_per_s": round(BATCH / raw_batch),
        "batch_events_per_s": round(BATCH / ours_batch),
        "batch_ratio": round(ours_batch / raw_batch, 2),
        "targets": "ratios <= 3, single p99 < 20 ms",
    }
    result["ok"] = result["single_ratio_median"] <= 3 and result["single_p99_ms"] < 20 and result["batch_ratio"] <= 3
    print(json.dumps(result))


if __name__ == "__main__":
    main()
