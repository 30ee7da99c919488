"""`sync verify`: local journal against the centre — counts, last sequence, chain (with the device's own role)."""

from __future__ import annotations

from typing import Any

from yibao_desk.journal.chain import EVENT_COLUMNS, verify_chain
from yibao_desk.journal.db import Journal
from yibao_desk.sync import state as local
from yibao_desk.sync.central import connect


def compare(journal: Journal, url: str) -> dict[str, Any]:
    device = local.device_id(journal)
    mine = local.pending_events(journal, device, 0, 10**9)
    with connect(url) as conn:
        rows = conn.execute(
            f"SELECT {', '.join(EVENT_COLUMNS)} FROM yibao.events WHERE device_id = %s ORDER BY seq", (device,)
        ).fetchall()
        rejected = conn.execute("SELECT count(*) FROM yibao.rejected WHERE device_id = %s", (device,)).fetchone()
    theirs = [dict(zip(EVENT_COLUMNS, r, strict=True)) for r in rows]
    for e in theirs:
        e["id"] = str(e["id"])
    by_seq = {e["seq"]: e for e in theirs}
    differing = [e["seq"] for e in mine if e["seq"] in by_seq and by_seq[e["seq"]]["hash"] != e["hash"]]
    local_break = verify_chain(mine)
    central_break = verify_chain(theirs)
    ok = not differing and local_break is None and central_break is None
    lines = [
        f"本机：{len(mine)} 个事件，最大序号 {mine[-1]['seq'] if mine else 0}，哈希链"
        + ("完好" if local_break is None else f"断裂：{local_break}"),
        f"中心：{len(theirs)} 个事件，最大序号 {theirs[-1]['seq'] if theirs else 0}，哈希链"
        + ("完好" if central_break is None else f"断裂：{central_break}"),
        f"中心尚缺 {len([e for e in mine if e['seq'] not in by_seq])} 个事件；冲突 {rejected[0] if rejected else 0} 个",
    ]
    if differing:
        lines.append(f"内容不一致的序号：{differing[:20]}")
    return {
        "ok": ok,
        "local_events": len(mine),
        "central_events": len(theirs),
        "local_last_seq": mine[-1]["seq"] if mine else 0,
        "central_last_seq": theirs[-1]["seq"] if theirs else 0,
        "differing_seqs": differing,
        "lines": lines,
    }
