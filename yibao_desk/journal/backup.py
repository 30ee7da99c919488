"""Backups with SQLite's online backup API (consistent while the program writes; never a file copy, which can
catch a WAL journal half-way), a rotating daily backup, and restore."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

from yibao_desk.journal.db import JournalError

KEEP_DAILY = 14


def backup_to(db_path: Path, folder: Path, name: str | None = None) -> Path:
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


def restore(backup_file: Path, db_path: Path) -> Path:
    """Replace the journal by a backup, keeping the current journal as `<name>.before-restore-<stamp>`."""
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
    kept = None
    if db_path.exists():
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = backup_to(db_path, db_path.parent, f"{db_path.stem}.before-restore-{stamp}.sqlite3")
    try:
        dst = sqlite3.connect(db_path, timeout=15)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return kept or db_path
