"""The signed checkpoint (issue 13): what it costs a durable write, and how long the start-up check takes on a large
journal, each against a baseline measured in the same run.

1. One durable intake step — one event per transaction, the step of `bench_journal.py` — with the checkpoint
   (signature over the head in the same transaction, the anchor file handed to the background writer after the
   commit and flushed, untimed, before the next step — a counter's next step comes seconds later), the same step
   with the checkpoint disabled (`db._seal` returning None) and with the checkpoint but no anchor file, against a raw
   sqlite3 commit of a similar row (WAL, synchronous=FULL) and the same plus a checkpoint-sized row, interleaved
   round by round so that all see the same load; `IntakeService.open_case` with and without the checkpoint as the
   real step. Target: ≤ 3× raw.
2. A journal of 100,000 events (20,000 cases of five events, bulk-inserted with correctly chained hashes and their
   case rows, then one `open_case` that signs the head): `open_journal` (opens and runs the incremental check),
   `journal.recheck()` alone (target < 50 ms), the full `verify(journal)` and `open_case` on it, medians over
   several runs, with raw sqlite3 baselines. The check's time is split by SQL statement (a timing cursor passed to
   `integrity.check`), the statements whose query plan matters are timed as committed in 12d8ddc and fixed;
   `--profile` adds a cProfile of `recheck()` (printed anyway when the target is missed).

Everything lives in a temporary YIBAO_DESK_HOME (keys, anchors, catalog cache) and temporary journals.
Run: `.venv/bin/python bench/bench_checkpoint.py [--profile]`; BENCH_EVENTS, BENCH_ROUNDS override the sizes.
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

N_EVENTS = int(os.environ.get("BENCH_EVENTS", "100000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "400"))  # durable steps per variant
WARMUP = 20
OPEN_RUNS, RECHECK_RUNS, VERIFY_RUNS, OPEN_CASE_RUNS = 15, 40, 5, 30
SERVICE = "432036011W01"  # 城镇职工参保人员医疗费用报销, yiyang-kuayu (the service of bench_journal's payload)
APPLICANT = {"name": "王小明", "id_number": "430981198002290034", "phone": "13800138000"}
TARGET_RATIO, TARGET_RECHECK_MS = 3.0, 50.0


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def _p95(samples: list[float]) -> float:
    s = sorted(samples)
    return s[max(0, -(-len(s) * 95 // 100) - 1)]  # nearest rank


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def _times(fn: Callable[[], Any], runs: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


class _NoSeal:
    """`db._seal` returning None while active: the write commits its events but signs no checkpoint."""

    def __init__(self) -> None:
        from yibao_desk.journal import db

        self.db, self.original = db, db._seal

    def __enter__(self) -> None:
        self.db._seal = lambda _session: None  # type: ignore[assignment]

    def __exit__(self, *_exc: object) -> None:
        self.db._seal = self.original  # type: ignore[assignment]


class _NoAnchor:
    """`anchor_file.submit` doing nothing while active: the checkpoint is signed in the transaction, but no anchor
    file is handed to the background writer after the commit (splits the checkpoint's cost)."""

    def __init__(self) -> None:
        from yibao_desk.journal import anchor_file

        self.module, self.original = anchor_file, anchor_file.submit

    def __enter__(self) -> None:
        self.module.submit = lambda *_args: None  # type: ignore[assignment]

    def __exit__(self, *_exc: object) -> None:
        self.module.submit = self.original  # type: ignore[assignment]


def _service(path: Path) -> Any:
    from yibao_desk.domain.catalog import default_catalog
    from yibao_desk.domain.working_days import load_calendar
    from yibao_desk.journal.db import open_journal
    from yibao_desk.journal.intake import IntakeService

    svc = IntakeService(open_journal(path), default_catalog(), load_calendar())
    svc.setup_device("W01", "yiyang-kuayu", "跨域通办一号窗口")
    svc.add_staff(None, "sup1", "张主管", "supervisor", "secret-sup")
    svc.add_staff("sup1", "c01", "李收件", "clerk", "secret-c01")
    return svc


# -- 1. one durable step -------------------------------------------------------------------------------------


def durable_step(folder: Path) -> dict[str, Any]:
    from bench_journal import PAYLOAD, raw_connection, raw_row  # the durable-step bench's baseline, unchanged

    from yibao_desk.journal import anchor_file
    from yibao_desk.journal.events import append

    anchor_times: dict[str, list[float]] = defaultdict(list)  # anchor_file.submit's own time inside each variant
    current = [""]
    submit = anchor_file.submit

    def timed_submit(*args: Any) -> None:
        t = time.perf_counter()
        submit(*args)
        anchor_times[current[0]].append(time.perf_counter() - t)

    anchor_file.submit = timed_submit  # type: ignore[assignment]
    raw = raw_connection(folder / "raw.sqlite3")
    sealed, unsealed = _service(folder / "sealed.sqlite3"), _service(folder / "unsealed.sqlite3")
    unanchored = _service(folder / "unanchored.sqlite3")
    no_seal, no_anchor = _NoSeal(), _NoAnchor()
    seq = [0]

    def raw_commit() -> None:
        seq[0] += 1
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)", raw_row(seq[0]))
        raw.execute("COMMIT")

    raw.execute("CREATE TABLE checkpoint (id INTEGER PRIMARY KEY, body TEXT NOT NULL, signature TEXT NOT NULL)")
    head_body = json.dumps(
        {"journal_id": str(uuid.uuid4()), "public_key": "0" * 64, "hash": "0" * 64, "pad": "x" * 300}
    )

    def raw_commit_with_checkpoint_row() -> None:  # the floor of a checkpoint in the transaction: one more row
        seq[0] += 1
        raw.execute("BEGIN IMMEDIATE")
        raw.execute("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?)", raw_row(seq[0]))
        raw.execute(
            "INSERT INTO checkpoint (id, body, signature) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "body = excluded.body, signature = excluded.signature",
            (head_body, "ab" * 64),
        )
        raw.execute("COMMIT")

    def event_with_checkpoint() -> None:
        with sealed.journal.write() as s:
            append(s, "W01", "c01", "bench", PAYLOAD)

    def event_without_checkpoint() -> None:
        with no_seal, unsealed.journal.write() as s:
            append(s, "W01", "c01", "bench", PAYLOAD)

    def event_without_anchor() -> None:
        with no_anchor, unanchored.journal.write() as s:
            append(s, "W01", "c01", "bench", PAYLOAD)

    def open_case_with_checkpoint() -> None:
        sealed.open_case("c01", SERVICE, APPLICANT)

    def open_case_without_checkpoint() -> None:
        with no_seal:
            unsealed.open_case("c01", SERVICE, APPLICANT)

    variants: dict[str, Callable[[], None]] = {
        "raw": raw_commit,
        "raw_with_checkpoint_row": raw_commit_with_checkpoint_row,
        "event_checkpoint": event_with_checkpoint,
        "event_no_checkpoint": event_without_checkpoint,
        "event_checkpoint_no_anchor_file": event_without_anchor,
        "open_case_checkpoint": open_case_with_checkpoint,
        "open_case_no_checkpoint": open_case_without_checkpoint,
    }
    names = list(variants)
    samples: dict[str, list[float]] = {n: [] for n in names}
    for i in range(WARMUP + ROUNDS):
        k = i % len(names)
        for name in names[k:] + names[:k]:  # the order rotates round by round
            current[0] = name if i >= WARMUP else ""
            t = time.perf_counter()
            variants[name]()
            if i >= WARMUP:
                samples[name].append(time.perf_counter() - t)
            anchor_file.flush()  # untimed: a counter's next step comes seconds later, the file is written by then
    anchor_file.submit = submit  # type: ignore[assignment]
    parts = seal_parts(sealed.journal)
    raw.close()
    for svc in (sealed, unsealed, unanchored):
        svc.journal.close()
    med = {n: _median(v) for n, v in samples.items()}
    return {
        "rounds": ROUNDS,
        "median_ms": {n: _ms(v) for n, v in med.items()},
        "p95_ms": {n: _ms(_p95(v)) for n, v in samples.items()},
        "event_checkpoint_vs_raw": round(med["event_checkpoint"] / med["raw"], 2),
        "event_no_checkpoint_vs_raw": round(med["event_no_checkpoint"] / med["raw"], 2),
        "checkpoint_cost_event_ms": _ms(med["event_checkpoint"] - med["event_no_checkpoint"]),
        "of_which_anchor_file_ms": _ms(med["event_checkpoint"] - med["event_checkpoint_no_anchor_file"]),
        "open_case_checkpoint_vs_raw": round(med["open_case_checkpoint"] / med["raw"], 2),
        "open_case_no_checkpoint_vs_raw": round(med["open_case_no_checkpoint"] / med["raw"], 2),
        "checkpoint_cost_open_case_ms": _ms(med["open_case_checkpoint"] - med["open_case_no_checkpoint"]),
        "anchor_submit_in_step_median_ms": _ms(_median(anchor_times["event_checkpoint"])),
        "seal_parts_median_ms": parts,
    }


def _verify_fresh(body: str, signature: str) -> Any:
    from yibao_desk.journal import checkpoint

    checkpoint._verified.clear()
    return checkpoint.open_signed(body, signature)


def seal_parts(journal: Any) -> dict[str, float]:
    """The pieces of one checkpoint, outside any transaction (no fsync), median of 200 each."""
    import datetime as dt

    from yibao_desk.journal import checkpoint
    from yibao_desk.journal.device_key import device_key, public_hex

    with journal.engine.connect() as conn:
        cur = conn.connection.driver_connection.cursor()
        stored, _ = checkpoint.read_stored(cur)
        assert stored is not None
        row = cur.execute("SELECT body, signature FROM checkpoint WHERE id = 1").fetchone()
        utc = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        head = checkpoint.next_head(stored, stored.device_id, stored.seq, stored.hash, "", utc)
        body, signature = checkpoint.sign(head)
        pieces: dict[str, Callable[[], Any]] = {
            "read_stored (select; the head this process signed: no verify)": lambda: checkpoint.read_stored(cur),
            "open_signed, a head not seen before (json + Ed25519 verify)": lambda: _verify_fresh(row[0], row[1]),
            "device_key (cached; stat of the key file)": lambda: device_key(stored.device_id),
            "next_head (device_key + public key)": lambda: checkpoint.next_head(
                stored, stored.device_id, stored.seq, stored.hash, "", utc
            ),
            "sign (device_key + Ed25519 sign)": lambda: checkpoint.sign(head),
            "anchor file write, now in the background (json, write, replace)": lambda: checkpoint.write_anchor(
                journal.path, body, signature
            ),
            "public_hex": lambda: public_hex(device_key(stored.device_id)),
        }
        out = {name: _ms(_median(_times(fn, 200, warmup=5))) for name, fn in pieces.items()}
        conn.rollback()
    return out


# -- 2. the start-up check on a large journal ---------------------------------------------------------------


def build_large(path: Path) -> tuple[int, float]:
    """A journal of N_EVENTS events: device and two staff through the service, then cases of five events
    bulk-inserted with correctly chained hashes (and their rows from the projection's fold) in one transaction,
    then one `open_case`, a normal write, which signs the head. Returns (events, seconds)."""
    import datetime as dt

    from yibao_desk.journal import projection
    from yibao_desk.journal.chain import EVENT_COLUMNS, canonical_json, event_hash
    from yibao_desk.journal.events import _CASE_COLUMNS, _INSERT_CASE, _INSERT_EVENT

    t0 = time.perf_counter()
    svc = _service(path)
    journal = svc.journal
    kinds = ("case.opened", "case.checklist", "case.accepted", "case.printed", "case.completed")
    materials = {"m1": {"present": True, "original": True, "copies": 1, "checked": True}}
    payloads: dict[str, str] = {
        k: canonical_json(v)
        for k, v in {
            "case.opened": {
                "region": "yiyang-kuayu",
                "service_code": SERVICE,
                "service_name": "城镇职工参保人员医疗费用报销",
                "applicant": APPLICANT,
                "agent": None,
                "unit": None,
                "answers": {},
                "delivery": "pickup",
            },
            "case.checklist": {"answers": {}, "materials": materials},
            "case.accepted": {
                "verdict": {"verdict": "accept", "due_date": "2026-12-15", "missing": []},
                "due_date": "2026-12-15",
                "answers": {},
                "materials": materials,
                "delivery": "pickup",
            },
            "case.printed": {"document": "receipt", "copies": 1, "printer": "bench"},
            "case.completed": {},
        }.items()
    }
    with journal.read() as s:
        seq, prev = (
            s.connection()
            .exec_driver_sql("SELECT seq, hash FROM events WHERE device_id = 'W01' ORDER BY seq DESC LIMIT 1")
            .one()
        )
    bulk = N_EVENTS - seq - 1  # the last one is the signing open_case
    t_utc = dt.datetime(2026, 1, 5, 1, 0, tzinfo=dt.UTC)
    cst = dt.timezone(dt.timedelta(hours=8))
    day0 = dt.date(2026, 1, 5)
    events: list[dict[str, Any]] = []
    for i in range(bulk):
        case, kind = divmod(i, len(kinds))
        now = t_utc + dt.timedelta(seconds=30 * i)
        seq += 1
        e: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "device_id": "W01",
            "seq": seq,
            "case_number": f"YY-W01-{day0 + dt.timedelta(days=case // 100):%Y%m%d}-{case % 100 + 1:04d}",
            "staff_id": "c01",
            "type": kinds[kind],
            "payload": payloads[kinds[kind]],
            "utc": now.isoformat(timespec="microseconds"),
            "local_time": now.astimezone(cst).isoformat(timespec="seconds"),
            "prev_hash": prev,
        }
        e["hash"] = prev = event_hash(e)
        events.append(e)
    rows = projection.fold(events)
    with journal.write() as s:  # appends without events.append: no chain head in the session, so no checkpoint
        cur = s.connection().connection.driver_connection.cursor()
        cur.executemany(_INSERT_EVENT, [tuple(e[c] for c in EVENT_COLUMNS) for e in events])
        cur.executemany(_INSERT_CASE, [tuple(r[c] for c in _CASE_COLUMNS) for r in rows.values()])
    svc.open_case("c01", SERVICE, APPLICANT)  # a normal write: signs the head
    journal.close()
    return seq + 1, time.perf_counter() - t0


class _TimingCursor:
    """A DB-API cursor that adds up the time of each statement (execute and fetch) under its SQL text."""

    def __init__(self, cur: Any, spent: dict[str, float]) -> None:
        self.cur, self.spent, self.sql = cur, spent, ""

    def execute(self, sql: str, params: Any = ()) -> _TimingCursor:
        self.sql = " ".join(sql.split())
        t = time.perf_counter()
        self.cur.execute(sql, params)
        self.spent[self.sql] += time.perf_counter() - t
        return self

    def _fetch(self, name: str) -> Any:
        t = time.perf_counter()
        out = getattr(self.cur, name)()
        self.spent[self.sql] += time.perf_counter() - t
        return out

    def fetchone(self) -> Any:
        return self._fetch("fetchone")

    def fetchall(self) -> Any:
        return self._fetch("fetchall")

    def close(self) -> None:
        self.cur.close()


_COLUMNS = ", ".join(
    ("id", "device_id", "seq", "case_number", "staff_id", "type", "payload", "utc", "local_time", "prev_hash", "hash")
)


def check_breakdown(journal: Any, runs: int = 15) -> dict[str, Any]:
    """Median time of each SQL statement of integrity.check, and of the check as a whole, on `journal`."""
    from yibao_desk.journal.integrity import check

    per_run: list[dict[str, float]] = []
    totals = []
    for _ in range(runs + 1):
        spent: dict[str, float] = defaultdict(float)
        with journal.engine.connect() as conn:
            cur = _TimingCursor(conn.connection.driver_connection.cursor(), spent)
            t = time.perf_counter()
            problems = check(cur, journal.path)
            totals.append(time.perf_counter() - t)
            cur.close()
            conn.rollback()
        assert not problems, problems
        per_run.append(dict(spent))
    per_run, totals = per_run[1:], totals[1:]
    statements = {sql: _median([r.get(sql, 0.0) for r in per_run]) for sql in per_run[0]}
    total = _median(totals)
    sql_total = _median([sum(r.values()) for r in per_run])
    ranked = sorted(statements.items(), key=lambda kv: -kv[1])
    return {
        "check_median_ms": _ms(total),
        "sql_median_ms": _ms(sql_total),
        "outside_sql_ms": _ms(total - sql_total),
        "statements_ms": {sql.replace(_COLUMNS, "<event columns>"): _ms(v) for sql, v in ranked},
    }


def profile_recheck(journal: Any, runs: int = 10) -> str:
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(runs):
        journal.recheck()
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(15)
    return f"cProfile of {runs} × recheck(), by own time:\n" + buf.getvalue()


# the statements whose plan decides the cost on a large journal, as committed in 12d8ddc and with the fix (see
# bench/RESULTS.md); a new day's first case number (the usual case at the counter: no such event yet)
_NEW = "YY-W01-20991231-"
_PLANS = {
    "case number taken? type = 'case.opened' (events.append in 12d8ddc)": (
        "SELECT 1 FROM events WHERE case_number = ? AND type = 'case.opened' LIMIT 1",
        (_NEW + "0001",),
    ),
    "  the same with +type (ix_events_type not usable)": (
        "SELECT 1 FROM events WHERE case_number = ? AND +type = 'case.opened' LIMIT 1",
        (_NEW + "0001",),
    ),
    "next case number, type = 'case.opened' (case_number.py in 12d8ddc)": (
        "SELECT max(CAST(substr(case_number, ?) AS INTEGER)) FROM events "
        "WHERE type = 'case.opened' AND case_number >= ? AND case_number < ?",
        (len(_NEW) + 1, _NEW, _NEW + "~"),
    ),
    "  the same with +type": (
        "SELECT max(CAST(substr(case_number, ?) AS INTEGER)) FROM events "
        "WHERE +type = 'case.opened' AND case_number >= ? AND case_number < ?",
        (len(_NEW) + 1, _NEW, _NEW + "~"),
    ),
    "device/staff/settings events, LIKE (integrity.py in 12d8ddc)": (
        f"SELECT {_COLUMNS} FROM events "
        "WHERE type LIKE 'device.%' OR type LIKE 'staff.%' OR type LIKE 'settings.%' ORDER BY seq",
        (),
    ),
    "  the same with GLOB 'device.*' …": (
        f"SELECT {_COLUMNS} FROM events "
        "WHERE type GLOB 'device.*' OR type GLOB 'staff.*' OR type GLOB 'settings.*' ORDER BY seq",
        (),
    ),
}


def query_plans(conn: sqlite3.Connection, runs: int = 20) -> dict[str, dict[str, Any]]:
    out = {}
    for name, (sql, params) in _PLANS.items():
        plan = "; ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN " + sql, params))
        ms = _ms(_median(_times(lambda sql=sql, params=params: conn.execute(sql, params).fetchall(), runs)))
        out[name] = {"median_ms": ms, "plan": plan}
    return out


def large_journal(folder: Path, profile: bool) -> dict[str, Any]:
    from yibao_desk.journal.chain import EVENT_COLUMNS, event_hash
    from yibao_desk.journal.db import open_journal
    from yibao_desk.journal.verify import verify

    path = folder / "large.sqlite3"
    events, build_s = build_large(path)
    size_mb = round(sum(p.stat().st_size for p in folder.glob("large.sqlite3*")) / 1e6, 1)

    def open_and_close() -> None:
        j = open_journal(path)
        assert not j.problems, j.problems
        j.close()

    def raw_open() -> None:  # connect with the journal's pragmas, read the head and count
        conn = sqlite3.connect(path, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("SELECT max(seq), count(*) FROM events WHERE device_id = 'W01'").fetchone()
        conn.close()

    raw = sqlite3.connect(path, isolation_level=None)
    select_all = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events ORDER BY device_id, seq"

    def raw_head() -> None:
        raw.execute("SELECT max(seq), count(*) FROM events WHERE device_id = 'W01'").fetchone()

    def raw_rehash() -> None:  # the floor of a full verify: read every event and hash it
        for row in raw.execute(select_all):
            e = dict(zip(EVENT_COLUMNS, row, strict=True))
            assert event_hash(e) == e["hash"]

    open_s = _times(open_and_close, OPEN_RUNS)
    raw_open_s = _times(raw_open, OPEN_RUNS)
    journal = open_journal(path)
    recheck_s = _times(journal.recheck, RECHECK_RUNS, warmup=2)
    raw_head_s = _times(raw_head, RECHECK_RUNS, warmup=2)
    breakdown = check_breakdown(journal)
    reports = []

    def full_verify() -> None:
        reports.append(verify(journal))

    verify_s = _times(full_verify, VERIFY_RUNS, warmup=0)
    assert all(r.ok and r.events == events for r in reports), reports[-1].problems
    raw_rehash_s = _times(raw_rehash, VERIFY_RUNS, warmup=0)
    from yibao_desk.domain.catalog import default_catalog
    from yibao_desk.domain.working_days import load_calendar
    from yibao_desk.journal.intake import IntakeService

    svc = IntakeService(journal, default_catalog(), load_calendar())
    open_case_s = _times(lambda: svc.open_case("c01", SERVICE, APPLICANT), OPEN_CASE_RUNS)
    plans = query_plans(raw)
    recheck_ms = _median(recheck_s) * 1000
    prof = profile_recheck(journal) if profile or recheck_ms >= TARGET_RECHECK_MS else None
    journal.close()
    raw.close()
    return {
        "events": events,
        "cases": reports[-1].cases,
        "build_s": round(build_s, 1),
        "size_mb": size_mb,
        "open_journal_median_ms": _ms(_median(open_s)),
        "open_journal_p95_ms": _ms(_p95(open_s)),
        "raw_open_median_ms": _ms(_median(raw_open_s)),
        "open_vs_raw": round(_median(open_s) / _median(raw_open_s), 1),
        "recheck_median_ms": _ms(_median(recheck_s)),
        "recheck_p95_ms": _ms(_p95(recheck_s)),
        "raw_head_count_median_ms": _ms(_median(raw_head_s)),
        "recheck_vs_raw_head": round(_median(recheck_s) / _median(raw_head_s), 1),
        "verify_median_s": round(_median(verify_s), 3),
        "raw_read_rehash_median_s": round(_median(raw_rehash_s), 3),
        "verify_vs_raw_rehash": round(_median(verify_s) / _median(raw_rehash_s), 2),
        "open_case_median_ms": _ms(_median(open_case_s)),
        "open_case_p95_ms": _ms(_p95(open_case_s)),
        "check_breakdown": breakdown,
        "statements_as_written_and_alternatives": plans,
        "profile": prof,
    }


def _table(step: dict[str, Any], large: dict[str, Any]) -> str:
    med, p95 = step["median_ms"], step["p95_ms"]
    rows = [
        ("raw sqlite3 commit, one row (WAL, FULL)", f"{med['raw']:.3f} ms (p95 {p95['raw']:.3f})", "1.00×"),
        (
            "raw sqlite3 commit, row + checkpoint-row upsert",
            f"{med['raw_with_checkpoint_row']:.3f} ms (p95 {p95['raw_with_checkpoint_row']:.3f})",
            f"{med['raw_with_checkpoint_row'] / med['raw']:.2f}×",
        ),
        (
            "one event per transaction, with checkpoint",
            f"{med['event_checkpoint']:.3f} ms (p95 {p95['event_checkpoint']:.3f})",
            f"{step['event_checkpoint_vs_raw']:.2f}×",
        ),
        (
            "one event per transaction, _seal → None",
            f"{med['event_no_checkpoint']:.3f} ms (p95 {p95['event_no_checkpoint']:.3f})",
            f"{step['event_no_checkpoint_vs_raw']:.2f}×",
        ),
        (
            "one event per transaction, checkpoint, no anchor file",
            f"{med['event_checkpoint_no_anchor_file']:.3f} ms (p95 {p95['event_checkpoint_no_anchor_file']:.3f})",
            f"{med['event_checkpoint_no_anchor_file'] / med['raw']:.2f}×",
        ),
        (
            "IntakeService.open_case, with checkpoint",
            f"{med['open_case_checkpoint']:.3f} ms (p95 {p95['open_case_checkpoint']:.3f})",
            f"{step['open_case_checkpoint_vs_raw']:.2f}×",
        ),
        (
            "IntakeService.open_case, _seal → None",
            f"{med['open_case_no_checkpoint']:.3f} ms (p95 {p95['open_case_no_checkpoint']:.3f})",
            f"{step['open_case_no_checkpoint_vs_raw']:.2f}×",
        ),
        (
            f"{large['events']:,} events: open_journal",
            f"{large['open_journal_median_ms']:.1f} ms",
            f"{large['open_vs_raw']}× raw connect+count {large['raw_open_median_ms']:.2f} ms",
        ),
        (
            "  journal.recheck() alone",
            f"{large['recheck_median_ms']:.1f} ms (p95 {large['recheck_p95_ms']:.1f})",
            f"{large['recheck_vs_raw_head']}× raw head+count {large['raw_head_count_median_ms']:.2f} ms",
        ),
        (
            "  verify(journal), full chain",
            f"{large['verify_median_s']:.2f} s",
            f"{large['verify_vs_raw_rehash']}× raw read+rehash {large['raw_read_rehash_median_s']:.2f} s",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{'measured':<{width}}  {'median':<26}  ratio", "-" * (width + 60)]
    lines += [f"{a:<{width}}  {b:<26}  {c}" for a, b, c in rows]
    lines.append(
        f"checkpoint itself: {step['checkpoint_cost_event_ms']:.3f} ms per event transaction, "
        f"{step['checkpoint_cost_open_case_ms']:.3f} ms per open_case"
    )
    lines.append(
        "pieces of one checkpoint (no transaction): "
        + ", ".join(f"{k} {v:.3f} ms" for k, v in step["seal_parts_median_ms"].items())
    )
    b = large["check_breakdown"]
    lines.append(
        f"integrity.check on {large['events']:,} events: {b['check_median_ms']:.1f} ms"
        f" = SQL {b['sql_median_ms']:.1f} ms + outside SQL {b['outside_sql_ms']:.1f} ms; by statement:"
    )
    lines += [f"  {v:8.3f} ms  {sql}" for sql, v in b["statements_ms"].items()]
    lines.append("statement variants on this journal (raw sqlite3, a new day's first case number):")
    lines += [
        f"  {v['median_ms']:8.3f} ms  {name}  [{v['plan']}]"
        for name, v in large["statements_as_written_and_alternatives"].items()
    ]
    return "\n".join(lines)


def main() -> None:
    profile = "--profile" in sys.argv[1:]
    with tempfile.TemporaryDirectory(prefix="yibao-bench-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        os.environ["YIBAO_DESK_HOME"] = str(home)  # keys, anchors and the catalog cache: never the real folder
        os.environ.pop("YIBAO_DESK_DB", None)
        folder = Path(tmp)
        step = durable_step(folder)
        large = large_journal(folder, profile)
    load = os.getloadavg()
    prof = large.pop("profile")
    print(_table(step, large))
    if prof:
        print(prof)
    import yibao_desk

    result = {
        "yibao_desk": str(Path(yibao_desk.__file__).parent),  # which source was measured
        "durable_step": step,
        "large_journal": large,
        "load_average_after": [round(x, 2) for x in load],
        "targets": f"event with checkpoint <= {TARGET_RATIO}x raw; recheck on {N_EVENTS:,} events < "
        f"{TARGET_RECHECK_MS:.0f} ms",
    }
    result["ok"] = step["event_checkpoint_vs_raw"] <= TARGET_RATIO and large["recheck_median_ms"] < TARGET_RECHECK_MS
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
