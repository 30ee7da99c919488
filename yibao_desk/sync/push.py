"""`sync push`: send what the centre has not acknowledged, in sequence order, in batches of one transaction each.

Each batch is COPYed into a temporary table and inserted with ON CONFLICT DO NOTHING (unique on the event id and
on (device, sequence)), so a repeat of an identical event is a no-op. An event whose id or sequence the centre
already holds with a different content is a conflict: the original is kept, the conflict goes to the rejected
list (centre and device) and never blocks the events behind it. The local acknowledgement advances only after the
centre committed and answered, to the highest sequence the centre holds without a gap. Network errors are retried
with back-off and jitter; a broken connection at any moment leaves both sides consistent.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from yibao_desk.attachments.store import AttachmentStore, store_root
from yibao_desk.journal.case_attachments import lost_hashes
from yibao_desk.journal.chain import EVENT_COLUMNS
from yibao_desk.journal.db import Journal
from yibao_desk.sync import attachment_sync
from yibao_desk.sync import state as local
from yibao_desk.sync.anchor import Diverged, check_before_push
from yibao_desk.sync.central import connect
from yibao_desk.sync.urls import SyncError, scrub

SKEW_WARNING_SECONDS = 300
FAULT_ENV = "YIBAO_DESK_FAULT"  # crash tests: before_send | during_send | after_commit | pause_during_send


@dataclass
class PushReport:
    device: str
    sent: int = 0
    inserted: int = 0
    duplicates: int = 0
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    batches: int = 0
    acked_seq: int = 0
    pending: int = 0
    attempts: int = 1
    attachments: int = 0  # scans sent with the events
    clock_skew_seconds: float | None = None
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _fault(point: str) -> None:
    """Fault injection for the crash tests (never set in production): die, or pause so a test can cut the line."""
    fault = os.environ.get(FAULT_ENV)
    if fault == point:
        os.kill(os.getpid(), 9)
    if fault == f"pause_{point}":
        time.sleep(2)


def contiguous(conn: psycopg.Connection[Any], device: str, after: int) -> int:
    """The highest sequence the centre holds (or has rejected) without a gap, from `after` on."""
    quick = conn.execute(
        "SELECT count(*), max(seq) FROM (SELECT seq FROM yibao.events WHERE device_id = %s AND seq > %s "
        "UNION SELECT seq FROM yibao.rejected WHERE device_id = %s AND seq > %s) s",
        (device, after, device, after),
    ).fetchone()
    if quick is not None and quick[1] is not None and quick[0] == quick[1] - after:
        return int(quick[1])  # sequences are unique: as many as the span means no gap
    if quick is None or quick[1] is None:
        return after
    rows = conn.execute(
        "SELECT seq FROM yibao.events WHERE device_id = %s AND seq > %s "
        "UNION SELECT seq FROM yibao.rejected WHERE device_id = %s AND seq > %s ORDER BY 1",
        (device, after, device, after),
    ).fetchall()
    expected = after + 1
    for (seq,) in rows:
        if seq != expected:
            break
        expected += 1
    return expected - 1


def _send_batch(
    conn: psycopg.Connection[Any],
    device: str,
    events: list[dict[str, Any]],
    report: PushReport,
    store: AttachmentStore | None = None,
    lost: frozenset[str] = frozenset(),
) -> None:
    with conn.transaction():
        files = {k: v for k, v in attachment_sync.named(events).items() if k not in lost}
        if files and store is not None:  # the scans first, in the same transaction: no event without its file
            report.attachments += attachment_sync.send(conn, device, files, attachment_sync.local_reader(store, files))
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS incoming (LIKE yibao.events INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
        )
        cols = ", ".join(EVENT_COLUMNS)
        with conn.cursor().copy(f"COPY incoming ({cols}) FROM STDIN") as copy:
            for i, e in enumerate(events):
                copy.write_row(tuple(e[c] for c in EVENT_COLUMNS))
                if i == len(events) // 2:
                    _fault("during_send")
        inserted = conn.execute(
            f"INSERT INTO yibao.events ({cols}) SELECT {cols} FROM incoming ON CONFLICT DO NOTHING"
        ).rowcount
        bad: list[tuple[str, int, str]] = []
        if inserted < len(events):  # some were already there: identical repeats, or conflicts to report
            bad = conn.execute(
                "SELECT i.id::text, i.seq, "
                "  CASE WHEN EXISTS (SELECT 1 FROM yibao.events x WHERE x.device_id = i.device_id AND x.seq = i.seq) "
                "       THEN 'seq' ELSE 'id' END "
                "FROM incoming i LEFT JOIN yibao.events e "
                "  ON e.id = i.id AND e.hash = i.hash AND e.device_id = i.device_id AND e.seq = i.seq "
                "WHERE e.id IS NULL"
            ).fetchall()
        foreign = sorted(seq for _id, seq, kind in bad if kind == "seq")
        if foreign:  # rolls the batch back: an event of ours is never skipped for one the centre got elsewhere
            raise Diverged(
                f"中心库在本机的序号 {foreign[0]} 处已有一个本机没有写过的事件（共 {len(foreign)} 处）："
                "有人用本机的连接地址"
                "写入了中心库，或本机日志曾被替换。已停止同步和新的办件；请主管核对并联系中心管理员"
            )
        for event_id, seq, kind in bad:
            reason = (
                "中心库已有同一序号的不同事件（日志可能从旧备份恢复过），保留中心库原有事件"
                if kind == "seq"
                else "中心库已有同一编号但内容不同的事件，保留原事件"
            )
            conn.execute(
                "INSERT INTO yibao.rejected (device_id, seq, event_id, reason) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT DO NOTHING",
                (device, seq, event_id, reason),
            )
            report.conflicts.append({"event_id": event_id, "seq": seq, "reason": reason})
        report.inserted += max(inserted, 0)
        report.duplicates += len(events) - max(inserted, 0) - len(bad)
        report.sent += len(events)
        report.batches += 1


def push(
    journal: Journal, url: str, batch: int = 1000, retries: int = 5, sleep: Callable[[float], None] = time.sleep
) -> PushReport:
    if batch < 1:
        raise SyncError("批量大小至少为 1")
    device = local.device_id(journal)
    if journal.read_only:
        raise SyncError(f"本机日志未通过校验，不能同步：{journal.problems[0]}")
    report = PushReport(device)
    for attempt in range(1, retries + 1):
        report.attempts = attempt
        try:
            _push_once(journal, url, device, batch, report)
            break
        except Diverged as e:
            local.halt(journal, device, str(e))
            raise
        except SyncError as e:
            local.save_error(journal, device, str(e))
            raise
        except psycopg.Error as e:
            message = scrub(str(e).strip(), url) or type(e).__name__
            local.save_error(journal, device, f"同步中断：{message}")
            if attempt == retries:
                raise SyncError(f"同步失败（已重试 {retries} 次）：{message}") from None
            sleep(min(30.0, 0.5 * 2 ** (attempt - 1)) * random.uniform(0.5, 1.5))  # back-off with jitter
    status = local.local_status(journal)
    report.acked_seq, report.pending = status.acked_seq, status.pending
    return report


def _push_once(journal: Journal, url: str, device: str, batch: int, report: PushReport) -> None:
    with connect(url) as conn:
        conn.execute("SET application_name = 'yibao-sync'")
        registered = conn.execute("SELECT yibao.current_device()").fetchone()
        if not registered or registered[0] != device:
            raise SyncError(f"该连接地址不属于本机（设备 {device}）；请使用中心为本机生成的地址")
        conn.commit()
        server_now = conn.execute("SELECT now()").fetchone()[0]  # type: ignore[index]
        conn.commit()
        skew = (dt.datetime.now(dt.UTC) - server_now).total_seconds()
        report.clock_skew_seconds = round(skew, 1)
        if abs(skew) > SKEW_WARNING_SECONDS:
            report.warnings.append(f"本机时钟与中心相差 {skew:+.0f} 秒，请校准时间（办件顺序不受影响：按序号排列）")
        check_before_push(conn, journal, device)  # the centre holds a prefix of this journal, or nothing is sent
        acked = local.local_status(journal).acked_seq
        acked = max(acked, contiguous(conn, device, acked))  # the centre may hold more than we knew (crash)
        conn.commit()
        local.save_ack(journal, device, acked, skew)
        _fault("before_send")
        store = AttachmentStore(store_root(Path(journal.path)))
        lost = frozenset(lost_hashes(journal))  # declared lost by a supervisor: their events go without the file
        while True:
            events = local.pending_events(journal, device, acked, batch)
            if not events:
                break
            _send_batch(conn, device, events, report, store, lost)
            _fault("after_commit")
            new_acked = contiguous(conn, device, acked)
            conn.execute(
                "UPDATE yibao.acks SET acked_seq = %s, last_sync = now(), last_error = NULL WHERE device_id = %s",
                (new_acked, device),
            )
            conn.commit()
            local.save_rejections(journal, [(c["event_id"], c["seq"], c["reason"]) for c in report.conflicts])
            local.save_ack(journal, device, new_acked, skew)
            if new_acked <= acked:
                raise SyncError(f"中心库缺少序号 {acked + 1} 之后的事件，无法确认；请联系中心管理员")
            acked = new_acked
