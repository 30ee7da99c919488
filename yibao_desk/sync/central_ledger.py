"""The ledger read from the centre: every synced window of the county (owner connection)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from yibao_desk.ledger.rows import LedgerQuery, LedgerRow, build_rows
from yibao_desk.printing.official import COMPOSED
from yibao_desk.sync.central import connect, projection_columns, refresh_projection


def central_rows(url: str, catalog: Any, query: LedgerQuery) -> list[LedgerRow]:
    cols = projection_columns()
    with connect(url) as conn:
        refresh_projection(conn)
        conn.commit()
        rows = conn.execute(
            f"SELECT {', '.join(cols)} FROM yibao.cases WHERE opened_local >= %s AND opened_local < %s",
            (query.start.isoformat(), (query.end + dt.timedelta(days=1)).isoformat()),
        ).fetchall()
        windows = {d: w or d for d, w in conn.execute("SELECT id, window_name FROM yibao.devices").fetchall()}
        clerks: dict[str, str] = {}
        for (payload,) in conn.execute("SELECT payload FROM yibao.events WHERE type = 'staff.added'").fetchall():
            p = json.loads(payload)
            clerks[p["staff_id"]] = p["name"]
    cases = [dict(zip(cols, r, strict=True)) for r in rows]
    titles = {f.id: f.title for f in catalog.forms.values()}
    titles.update(COMPOSED)
    return build_rows(cases, windows, clerks, titles, query)
