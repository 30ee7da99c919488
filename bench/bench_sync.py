"""100,000 events pushed to the central PostgreSQL, against a raw psycopg COPY of the same rows into a plain table
in the same run. Targets (issue 6): >= 5,000 events/s and <= 4x the raw time."""

from __future__ import annotations

import json
import os
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

ADMIN = os.environ.get("YIBAO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
N = int(os.environ.get("BENCH_EVENTS", "100000"))


def main() -> None:
    os.environ["YIBAO_DESK_HOME"] = tempfile.mkdtemp()
    from yibao_desk.domain.catalog import load_catalog
    from yibao_desk.domain.working_days import load_calendar
    from yibao_desk.journal.db import open_journal
    from yibao_desk.journal.events import append
    from yibao_desk.journal.intake import IntakeService
    from yibao_desk.sync import central
    from yibao_desk.sync.central import EVENT_COLUMNS
    from yibao_desk.sync.push import push
    from yibao_desk.sync.state import pending_events

    name = f"yibao_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = ADMIN.rsplit("/", 1)[0] + f"/{name}"
    try:
        central.init(url)
        svc = IntakeService(open_journal(Path(tempfile.mkdtemp()) / "j.sqlite3"), load_catalog(), load_calendar())
        svc.setup_device("B1", "yiyang-kuayu", "bench")
        with svc.journal.write() as s:
            for i in range(N - 1):
                append(s, "B1", "-", "note", {"n": i, "text": "城镇职工参保人员医疗费用手工报销"})
        events = pending_events(svc.journal, "B1", 0, N + 10)

        with psycopg.connect(url) as conn:
            conn.execute("CREATE TABLE raw_events (LIKE yibao.events INCLUDING DEFAULTS)")
            conn.commit()
            t = time.perf_counter()
            with conn.cursor().copy(f"COPY raw_events ({', '.join(EVENT_COLUMNS)}) FROM STDIN") as copy:
                for e in events:
                    copy.write_row(tuple(e[c] for c in EVENT_COLUMNS))
            conn.commit()
            raw = time.perf_counter() - t
            # the same COPY into a table with the events table's two unique indexes: the floor of any ingest that
            # must refuse duplicates
            conn.execute("CREATE TABLE raw_indexed (LIKE yibao.events INCLUDING ALL)")
            conn.commit()
            t = time.perf_counter()
            with conn.cursor().copy(f"COPY raw_indexed ({', '.join(EVENT_COLUMNS)}) FROM STDIN") as copy:
                for e in events:
                    copy.write_row(tuple(e[c] for c in EVENT_COLUMNS))
            conn.commit()
            raw_indexed = time.perf_counter() - t

        reg = central.add_device(url, "B1")
        t = time.perf_counter()
        report = push(svc.journal, reg.url, batch=5000)
        ours = time.perf_counter() - t
        assert report.pending == 0 and report.inserted == len(events)
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            for (role,) in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (f"yibao_{name}_%",)):
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')
    rate = len(events) / ours
    print(
        json.dumps(
            {
                "events": len(events),
                "push_s": round(ours, 2),
                "raw_copy_s": round(raw, 2),
                "raw_copy_indexed_s": round(raw_indexed, 2),
                "events_per_s": round(rate),
                "ratio": round(ours / raw, 2),
                "ratio_vs_indexed": round(ours / raw_indexed, 2),
                "ok": rate >= 5000 and ours / raw <= 4,
            }
        )
    )


if __name__ == "__main__":
    main()
