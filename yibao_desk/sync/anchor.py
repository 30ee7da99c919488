"""The centre as the second anchor: before `sync push` sends anything, the device's chain at the centre must be
the one this journal holds.

- The centre holds more of this device's events than the journal (a restored backup, deleted events), or
- the centre's event at the highest sequence both hold differs (a replaced or rewritten journal, or an event the
  device never wrote, inserted with its URL)

turns sync red and stops new writes (a halt kept in the journal, so every later start refuses too) with the way
out: `journal recover --from URL` for a journal that lost events, the centre's administrator for a foreign event.
A journal is never extended silently past such a disagreement.
"""

from __future__ import annotations

from typing import Any

import psycopg

from yibao_desk.journal.db import Journal
from yibao_desk.sync import state as local
from yibao_desk.sync.urls import SyncError


class Diverged(SyncError):
    """The centre's chain of this device and the journal disagree: sync is red and writes stop."""


def _centre_head(conn: psycopg.Connection[Any], device: str) -> int:
    row = conn.execute("SELECT max(seq) FROM yibao.events WHERE device_id = %s", (device,)).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _centre_hash(conn: psycopg.Connection[Any], device: str, seq: int) -> str | None:
    row = conn.execute("SELECT hash FROM yibao.events WHERE device_id = %s AND seq = %s", (device, seq)).fetchone()
    return str(row[0]) if row else None


def disagreement(conn: psycopg.Connection[Any], journal: Journal, device: str) -> str | None:
    """Why this journal must not be pushed or extended (None when the centre holds a prefix of it)."""
    highest = local.local_status(journal).highest_seq
    top = _centre_head(conn, device)
    conn.commit()
    overlap = min(top, highest)
    if overlap:
        mine = local.event_hash(journal, device, overlap)
        theirs = _centre_hash(conn, device, overlap)
        conn.commit()
        if theirs is not None and theirs != mine:
            return (
                f"本机日志与中心库不一致：序号 {overlap} 的事件不同。"
                "可能是本机日志被替换或改写，也可能是有人用本机的连接地址向中心库写入了本机没有写过的事件。"
                "已停止同步和新的办件；请主管核对：本机日志丢失或被替换时运行 "
                "yibao-desk journal recover --from 中心地址；中心库有伪造事件时请联系中心管理员"
            )
    if top > highest:
        return (
            f"中心库已有本机的 {top} 个事件，本机日志只到序号 {highest}：本机日志落后于中心（可能从旧备份恢复，或事件"
            "被删除）。继续写入会让新办件与中心已有的事件重号，已停止同步和新的办件；请主管运行 "
            "yibao-desk journal recover --from 中心地址 从中心取回本机事件"
        )
    return None


def check_before_push(conn: psycopg.Connection[Any], journal: Journal, device: str) -> None:
    reason = disagreement(conn, journal, device)
    if reason is not None:
        raise Diverged(reason)
