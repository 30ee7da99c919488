"""What every start checks before the journal may be written: the chain's head against the signed checkpoint in
the journal and the anchor file beside the device identity, the events since the checkpoint, gaps, the case count,
the device, staff and settings tables against their events, and a halt left by sync.

Fast on a large journal: it reads the head, counts by index and re-hashes only what came after the checkpoint
(normally nothing: the checkpoint is written in the same transaction). `journal verify` adds the whole chain.
"""

from __future__ import annotations

from typing import Any

from yibao_desk.journal import checkpoint, records
from yibao_desk.journal.chain import EVENT_COLUMNS, verify_chain

_SELECT = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events"


def _events(cur: Any, where: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    rows = cur.execute(f"{_SELECT} WHERE {where} ORDER BY seq", params).fetchall()
    return [dict(zip(EVENT_COLUMNS, r, strict=True)) for r in rows]


def _against(head: checkpoint.Head, what: str, cur: Any, last_seq: int) -> str | None:
    if last_seq < head.seq:
        return (
            f"日志比{what}少 {head.seq - last_seq} 个事件（检查点记到序号 {head.seq}，日志只到 {last_seq}）："
            "事件被删除，或日志被替换为旧备份"
        )
    row = cur.execute("SELECT hash FROM events WHERE device_id = ? AND seq = ?", (head.device_id, head.seq)).fetchone()
    if row is None or row[0] != head.hash:
        return f"日志序号 {head.seq} 的事件与{what}不符：事件被改写后重新计算了哈希，或日志被换成另一份"
    return None


def check(cur: Any, journal_path: Any) -> list[str]:
    """Problems that make the journal read-only (empty when it may be written). `cur`: a DB-API cursor inside one
    read transaction (BEGIN issued, no statement run yet), so that another program's commit cannot fall between
    two of its reads."""
    problems: list[str] = []
    # the anchor first: it is written after its commit, so the snapshot read next is never older than it
    anchor, anchor_problem = checkpoint.read_anchor(journal_path)
    halt = cur.execute("SELECT halt_reason FROM sync_state WHERE halt_reason IS NOT NULL LIMIT 1").fetchone()
    if halt:
        problems.append(halt[0])
    device_row = cur.execute("SELECT id FROM device LIMIT 1").fetchone()
    if anchor_problem:
        problems.append(anchor_problem)
    stored, stored_problem = checkpoint.read_stored(cur)
    if stored_problem:
        problems.append(stored_problem)
    if device_row is None:
        if anchor is not None:
            problems.append(
                f"日志是空的，但本机记录该位置的日志已有 {anchor.seq} 个事件（设备 {anchor.device_id}，"
                f"最后写入 {anchor.utc}）：日志文件被删除、清空或替换"
            )
        return problems
    device = device_row[0]
    last_seq, count = cur.execute("SELECT max(seq), count(*) FROM events WHERE device_id = ?", (device,)).fetchone()
    last_seq, count = int(last_seq or 0), int(count or 0)
    if count != last_seq:
        problems.append(f"设备 {device} 的事件序号有缺口：最大序号 {last_seq}，只有 {count} 个事件（事件被删除）")
    for head, what in ((anchor, "本机保存的签名检查点"), (stored, "日志中的签名检查点")):
        if head is None:
            continue
        if head.device_id != device:
            problems.append(f"{what}属于设备 {head.device_id}，日志却属于设备 {device}：日志被换成另一台设备的")
            continue
        problem = _against(head, what, cur, last_seq)
        if problem:
            problems.append(problem)
    if anchor and stored and anchor.journal_id != stored.journal_id:
        problems.append("日志不是本机在此位置记录的那一份（日志编号不同）：日志文件被替换")
    if stored is not None:
        from yibao_desk.journal.device_key import device_key, key_path, public_hex

        if not key_path(device).exists():
            problems.append(f"本机的设备密钥（{key_path(device)}）丢失，无法为日志签名；请从备份恢复该文件")
        elif public_hex(device_key(device)) != stored.public_key:
            problems.append("本机的设备密钥与日志检查点的签名密钥不同：密钥文件被替换")
        after = _events(cur, "device_id = ? AND seq > ?", (device, stored.seq))
        if after:
            brk = verify_chain(after, stored.seq + 1, stored.hash)
            problems.append(
                f"签名检查点之后有 {len(after)} 个没有签名的事件（绕过程序直接写入数据库）"
                + (f"；{brk}" if brk else "")
            )
    elif count and anchor is None:
        pass  # a journal from before checkpoints (revision 0004): its first write signs one
    cases = cur.execute("SELECT count(*) FROM cases").fetchone()[0]
    opened = cur.execute("SELECT count(*) FROM events WHERE type = 'case.opened'").fetchone()[0]
    if cases != opened:
        problems.append(f"办件表有 {cases} 个办件，事件中开立了 {opened} 个：办件表被改动（可用 journal rebuild 重建）")
    problems.extend(records.differences(records.fold(_record_events(cur), device), cur))
    return problems


def _record_events(cur: Any) -> list[dict[str, Any]]:
    return _events(cur, "type GLOB 'device.*' OR type GLOB 'staff.*' OR type GLOB 'settings.*'", ())
