"""Opening the local journal: where it lives, the SQLite settings that make it durable, and migrations.

WAL with synchronous=FULL (a power cut loses nothing that was committed), foreign keys on, a busy timeout so a
second program on the same journal waits instead of failing, and BEGIN IMMEDIATE for every write so that
sequence numbers are handed out one writer at a time. See docs/journal-storage.md.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session

from yibao_desk.domain.paths import project_root
from yibao_desk.journal.location import storage_warning
from yibao_desk.settings_paths import data_dir

LOCAL_HEAD = "0008"  # the newest revision in db/local/versions (a test keeps this in step with Alembic)
BUSY_TIMEOUT_MS = 15000


class JournalError(Exception):
    """The journal cannot be opened or written; the message is Chinese and says what to do."""


def default_db_path() -> Path:
    return data_dir() / "journal.sqlite3"


def resolve_db_path(cli_value: str | None = None) -> Path:
    value = cli_value or os.environ.get("YIBAO_DESK_DB")
    return Path(value).expanduser() if value else default_db_path()


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    mode = cur.execute("PRAGMA journal_mode=WAL").fetchone()[0]
    if str(mode).lower() != "wal" and not getattr(dbapi_conn, "_yibao_memory", False):
        raise JournalError(f"无法为办件日志开启 WAL 模式（当前：{mode}）；日志所在磁盘可能不支持。")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _on_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")


@dataclass
class Journal:
    path: Path
    engine: Engine
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # integrity problems found at opening: the journal is read-only

    @property
    def read_only(self) -> bool:
        return bool(self.problems)

    def recheck(self) -> list[str]:
        """Run the start-up integrity check (journal.integrity) again; its problems make the journal read-only."""
        from yibao_desk.journal.integrity import check

        with self.engine.connect() as conn:
            cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            cur.execute("BEGIN")  # one snapshot: another program's commit between two reads is no 'unsigned event'
            try:
                self.problems = check(cur, self.path)
            finally:
                cur.execute("ROLLBACK")
                cur.close()
        return self.problems

    def refuse_writes(self, problem: str) -> None:
        if problem not in self.problems:
            self.problems.append(problem)

    @contextmanager
    def write(self, even_if_damaged: bool = False) -> Iterator[Session]:
        """One write transaction (BEGIN IMMEDIATE … COMMIT); rolled back whole on any error. A transaction that
        appended events also rewrites the signed checkpoint, and after the commit the anchor file.

        A journal with integrity problems is read-only: `even_if_damaged` lets through only writes that append no
        event (a login's failure count, the sync state), and `append` refuses events whatever the flag."""
        if self.problems and not even_if_damaged:
            raise JournalError(f"办件日志未通过校验，已停止写入：{self.problems[0]}{READ_ONLY_WAY_OUT}")
        sealed: tuple[int, str, str] | None = None
        with self.engine.connect() as conn:
            conn.info["write"] = True
            try:
                with Session(bind=conn) as session, conn.begin():
                    if self.problems:
                        session.info["read_only"] = self.problems[0]
                    yield session
                    session.flush()
                    sealed = _seal(session)
            except OperationalError as e:
                raise _friendly(e) from e
            finally:
                conn.info.pop("write", None)
        if sealed is not None and str(self.path) != ":memory:":
            from yibao_desk.journal import anchor_file

            failed = anchor_file.failed_write(self.path)  # a write in the background: its failure shows at the next
            if failed:
                self.warnings.append(f"无法更新本机的日志检查点文件（{failed}），正在重试")
            anchor_file.submit(self.path, *sealed)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.engine.connect() as conn, Session(bind=conn) as session, conn.begin():
            yield session

    def close(self) -> None:
        if str(self.path) != ":memory:":
            from yibao_desk.journal import anchor_file

            anchor_file.flush(self.path)
        self.engine.dispose()


READ_ONLY_WAY_OUT = (
    "。主管仍可导出台账、备份日志；用 yibao-desk journal verify 查看详情，"
    "用 yibao-desk journal recover --from 中心地址 从中心取回本机事件重建日志"
)


def _seal(session: Session) -> tuple[int, str, str] | None:
    """Sign the new head of the chain this transaction extended (None when it appended no event)."""
    heads = [(k.removeprefix("chain:"), v) for k, v in session.info.items() if k.startswith("chain:")]
    if not heads:
        return None
    from yibao_desk.journal import checkpoint

    cur = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
    device_row = cur.execute("SELECT id FROM device LIMIT 1").fetchone()
    own = [h for h in heads if device_row and h[0] == device_row[0]] or heads
    device_id, (seq, last_hash) = own[-1]
    previous, _problem = checkpoint.read_stored(cur)
    head = checkpoint.next_head(
        previous if previous and previous.device_id == device_id else None,
        device_id,
        seq,
        last_hash,
        session.info.get("opened", ""),
        dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    body, signature = checkpoint.sign(head)
    checkpoint.store(cur, body, signature)
    return seq, body, signature


def _friendly(e: OperationalError) -> JournalError:
    msg = str(e.orig) if e.orig is not None else str(e)
    low = msg.lower()
    if "full" in low:
        return JournalError("磁盘已满，办件未能写入日志（已完整撤销，未留下半条记录）。请清理磁盘空间后重试。")
    if "locked" in low or "busy" in low:
        return JournalError("办件日志正被另一个程序长时间占用，请稍后重试；如反复出现，请关闭重复打开的程序。")
    if "readonly" in low or "read-only" in low:
        return JournalError("办件日志所在位置只读，无法写入。请检查文件权限或磁盘状态。")
    if "disk i/o" in low:
        return JournalError("写入办件日志时发生磁盘读写错误，请检查磁盘（是否已拔出或损坏）。")
    return JournalError(f"写入办件日志失败：{msg}")


def _current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        tables = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables - {"sqlite_sequence"}:
                raise JournalError("该文件不是医保窗口桌面的办件日志（缺少版本信息），为防止损坏已拒绝打开。")
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).fetchone()
        return row[0] if row else None


def migrate(engine: Engine, target: str = "head") -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(project_root() / "db" / "local"))
    with engine.connect() as conn:
        conn.info["write"] = True
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
        conn.commit()


def create_journal_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def open_journal(path: Path | None = None, upgrade: bool = True) -> Journal:
    """Open (creating and migrating as needed) the journal at `path` or the configured default."""
    path = path or resolve_db_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise JournalError(f"无法创建办件日志所在文件夹 {path.parent}：{e}") from None
    warnings = []
    warning = storage_warning(path)
    if warning:
        warnings.append(warning)
    engine = create_journal_engine(path)
    try:
        current = _current_revision(engine)
        if current != LOCAL_HEAD and upgrade:
            migrate(engine)
    except DatabaseError as e:
        engine.dispose()
        msg = str(e.orig)
        if "not a database" in msg or "malformed" in msg:
            raise JournalError(f"{path} 不是有效的办件日志文件或已损坏（{msg}）。请用备份恢复。") from None
        raise _friendly(e) if isinstance(e, OperationalError) else JournalError(f"无法打开办件日志：{msg}") from None
    except JournalError:
        engine.dispose()
        raise
    journal = Journal(path=path, engine=engine, warnings=warnings)
    journal.recheck()
    return journal
