"""Backups with SQLite's online backup API (consistent while the program writes; never a file copy, which can
catch a WAL journal half-way), a rotating daily backup, and restore.

The scans the backup's events name are copied beside it into `<folder>/attachments/` (by hash, so a folder of
daily backups holds each scan once); restoring copies them back into the journal's attachment store."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from yibao_desk.journal.db import JournalError

KEEP_DAILY = 14


BACKUP_ATTACHMENTS = "attachments"


def _copy_attachments(db_path: Path, backup: Path, folder: Path) -> None:
    """The scans the backup's events name, from the journal's store into the backup folder's."""
    from yibao_desk.attachments.store import AttachmentStore, store_root

    with closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as conn:
        rows = conn.execute("SELECT payload FROM events WHERE type = 'attachment.added'").fetchall()
    hashes = sorted({json.loads(p)["sha256"] for (p,) in rows})
    if hashes:
        try:
            AttachmentStore(store_root(db_path)).copy_into(AttachmentStore(folder / BACKUP_ATTACHMENTS), hashes)
        except OSError as e:
            raise JournalError(f"备份扫描件到 {folder} 失败：{e.strerror or type(e).__name__}") from None


def backup_to(db_path: Path, folder: Path, name: str | None = None, with_attachments: bool = True) -> Path:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise JournalError(f"无法创建备份文件夹 {folder}：{e}") from None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / (name or f"journal-{stamp}.sqlite3")
    tmp = target.with_suffix(".partial")
    src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=15)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst, pages=1024)
            check = dst.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise JournalError(f"备份校验失败：{check}")
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
        if with_attachments:
            _copy_attachments(db_path, target, folder)
    except sqlite3.Error as e:
        tmp.unlink(missing_ok=True)
        raise JournalError(f"备份失败：{e}") from None
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise JournalError(f"备份写入 {folder} 失败：{e}") from None
    finally:
        src.close()
    return target


def daily_backup(db_path: Path, folder: Path, today: dt.date | None = None, keep: int = KEEP_DAILY) -> Path | None:
    """Once a day: `daily-YYYYMMDD.sqlite3`; older ones beyond `keep` are removed. None if today's exists."""
    today = today or dt.date.today()
    target = folder / f"daily-{today:%Y%m%d}.sqlite3"
    if target.exists():
        return None
    made = backup_to(db_path, folder, target.name)
    dailies = sorted(folder.glob("daily-*.sqlite3"))
    for old in dailies[:-keep]:
        old.unlink(missing_ok=True)
    return made


@dataclass(frozen=True)
class RestorePlan:
    """What restoring a backup would do to the chain the anchor (or the current journal) last signed."""

    backup_seq: int
    signed_seq: int
    dropped: int  # events signed for this journal that the backup lacks
    other_chain: bool  # the backup's event at the signed sequence differs: another journal, or a rewritten one
    last_case: str = ""  # the highest case number the journal being replaced ever handed out

    @property
    def loses_events(self) -> bool:
        return self.dropped > 0 or self.other_chain

    def describe(self) -> str:
        if self.other_chain:
            return (
                f"该备份与本机签名记录的日志不是同一条链（序号 {self.signed_seq} 的事件不同）；"
                "恢复后本机签名记录之后的事件将丢失"
            )
        return (
            f"该备份只到序号 {self.backup_seq}，比本机签名记录的日志（到序号 {self.signed_seq}）"
            f"少 {self.dropped} 个事件；"
            "恢复会丢失这些事件（若已同步，可随后用 journal recover 从中心取回）"
        )


def _head(conn: sqlite3.Connection, device: str) -> tuple[int, dict[int, str]]:
    rows = conn.execute("SELECT seq, hash FROM events WHERE device_id = ? ORDER BY seq", (device,)).fetchall()
    return (rows[-1][0] if rows else 0), dict(rows)


def plan_restore(backup_file: Path, db_path: Path) -> RestorePlan | None:
    """How the backup compares with the last signed head of the journal at `db_path` (None: nothing signed)."""
    from yibao_desk.journal.checkpoint import higher_case, read_anchor, read_stored

    anchor, _ = read_anchor(db_path)
    stored = None
    if db_path.exists():
        try:
            with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as cur_conn:
                stored, _ = read_stored(cur_conn.cursor())
        except sqlite3.Error:
            stored = None
    # the later of the two: a crash between a commit and its anchor write leaves the anchor behind the journal
    heads = [h for h in (anchor, stored) if h is not None]
    if not heads:
        return None
    signed = max(heads, key=lambda h: h.seq)
    last_case = ""
    for h in heads:
        last_case = higher_case(last_case, h.last_case)
    with closing(sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)) as conn:
        seq, hashes = _head(conn, signed.device_id)
    if seq < signed.seq:
        return RestorePlan(seq, signed.seq, signed.seq - seq, False, last_case)
    return RestorePlan(seq, signed.seq, 0, hashes.get(signed.seq) != signed.hash, last_case)


def restore(backup_file: Path, db_path: Path, accept_loss: bool = False) -> Path:
    """Replace the journal by a backup, keeping the current journal as `<name>.before-restore-<stamp>`.

    A backup that lacks events the device signed for this journal (older than the last checkpoint, or another
    chain) is refused unless `accept_loss` (the CLI asks a supervisor). Accepted, the restored journal is signed
    anew, keeping the highest case number ever opened so that no number is handed out twice."""
    if not backup_file.is_file():
        raise JournalError(f"备份文件不存在：{backup_file}")
    try:
        src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
        check = src.execute("PRAGMA integrity_check").fetchone()[0]
        has_events = src.execute("SELECT count(*) FROM sqlite_master WHERE name='events'").fetchone()[0]
    except sqlite3.Error as e:
        raise JournalError(f"{backup_file} 不是有效的办件日志备份：{e}") from None
    if check != "ok" or not has_events:
        src.close()
        raise JournalError(f"{backup_file} 不是完好的办件日志备份（{check}）")
    src.close()
    try:
        plan = plan_restore(backup_file, db_path)
    except sqlite3.Error as e:
        raise JournalError(f"{backup_file} 不是有效的办件日志备份：{e}") from None
    if plan is not None and plan.loses_events and not accept_loss:
        raise JournalError(
            plan.describe()
            + "。确需恢复，请由主管确认（yibao-desk journal restore 文件 --accept-loss --staff 主管工号）"
        )
    src = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    kept = None
    if db_path.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        # the journal's own attachment store stays where it is (files are never removed from it)
        kept = backup_to(db_path, db_path.parent, f"{db_path.stem}.before-restore-{stamp}.sqlite3", False)
    try:
        dst = sqlite3.connect(db_path, timeout=15)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    _restore_attachments(backup_file, db_path)
    if plan is not None:  # always: the restored journal keeps the highest case number ever handed out here
        _sign_restored(db_path, plan)
    return kept or db_path


def _restore_attachments(backup_file: Path, db_path: Path) -> None:
    from yibao_desk.attachments.store import AttachmentStore, store_root

    saved = AttachmentStore(backup_file.parent / BACKUP_ATTACHMENTS)
    try:
        saved.copy_into(AttachmentStore(store_root(db_path)))
    except OSError as e:
        raise JournalError(
            f"日志已恢复，但扫描件未能全部恢复（{e.strerror or type(e).__name__}）；"
            "请检查磁盘空间后再恢复一次，或用 journal verify 查看缺失的扫描件"
        ) from None


def _sign_restored(db_path: Path, plan: RestorePlan) -> None:
    """The restored head becomes the signed one; the highest case number ever handed out and the journal id carry
    over from the replaced journal, so that no restore (accepted loss or not) hands a number out twice."""
    from yibao_desk.journal import checkpoint
    from yibao_desk.journal.db import open_journal

    open_journal(db_path).close()  # a backup from before revision 0004 gets its checkpoint table first
    old, _ = checkpoint.read_anchor(db_path)
    with closing(sqlite3.connect(db_path, timeout=15)) as conn:
        cur = conn.cursor()
        stored, _ = checkpoint.read_stored(cur)
        device = old.device_id if old else (stored.device_id if stored else "")
        row = cur.execute(
            "SELECT seq, hash FROM events WHERE device_id = ? ORDER BY seq DESC LIMIT 1", (device,)
        ).fetchone()
        seq, last = (row[0], row[1]) if row else (0, "0" * 64)
        last_case = checkpoint.higher_case(plan.last_case, stored.last_case if stored else "")
        last_case = checkpoint.higher_case(last_case, old.last_case if old else "")
        previous = old or stored
        head = checkpoint.next_head(previous, device, seq, last, last_case, dt.datetime.now(dt.UTC).isoformat())
        body, signature = checkpoint.sign(head)
        checkpoint.store(cur, body, signature)
        conn.commit()
    if plan.loses_events:
        checkpoint.supersede(db_path)  # journal recover can still vouch for the events this restore dropped
    checkpoint.write_anchor(db_path, body, signature)
