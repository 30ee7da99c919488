"""The centre: schema and roles (`central init`), device registration (`central add-device`), status, and the
case projection of all devices (what supervisors' ledgers read)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
from psycopg import sql

from yibao_desk.domain.paths import project_root
from yibao_desk.journal import projection
from yibao_desk.journal.chain import EVENT_COLUMNS, verify_chain
from yibao_desk.sync.urls import SyncError, database_name, psycopg_url, redact, scrub, sqlalchemy_url

# EVENT_COLUMNS is defined in journal.chain; it is listed here because callers read it as central.EVENT_COLUMNS
__all__ = [
    "CENTRAL_HEAD",
    "EVENT_COLUMNS",
    "Registration",
    "add_device",
    "connect",
    "device_role",
    "group_role",
    "init",
    "projection_columns",
    "refresh_projection",
    "status",
]

CENTRAL_HEAD = "c0007"
CENTRAL_REVISIONS = (
    "c0001",
    "c0002",
    "c0003",
    "c0004",
    "c0005",
    "c0006",
    "c0007",
)  # db/central/versions in order (a test keeps it in step)


def group_role(url: str) -> str:
    return _role_name(f"yibao_{database_name(url)}_devices")


def device_role(url: str, device_id: str) -> str:
    return _role_name(f"yibao_{database_name(url)}_dev_{device_id}")


def _role_name(name: str) -> str:
    return re.sub(r"[^a-z0-9_]", "_", name.lower())[:63]


@contextmanager
def connect(url: str, autocommit: bool = False) -> Iterator[psycopg.Connection[Any]]:
    try:
        conn = psycopg.connect(psycopg_url(url), autocommit=autocommit, connect_timeout=10)
    except psycopg.Error as e:
        raise SyncError(f"无法连接中心库 {redact(url)}：{scrub(str(e).strip(), url)}") from None
    try:
        yield conn
    finally:
        conn.close()


def init(url: str) -> str:
    """Create or upgrade the central schema and the group role of the devices."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    with connect(url, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA IF NOT EXISTS yibao")
        group = group_role(url)
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (group,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN NOBYPASSRLS").format(sql.Identifier(group)))
    engine = create_engine(sqlalchemy_url(url))
    cfg = Config()
    cfg.set_main_option("script_location", str(project_root() / "db" / "central"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    engine.dispose()
    with connect(url, autocommit=True) as conn:
        g = sql.Identifier(group)
        for statement in (
            "GRANT USAGE ON SCHEMA yibao TO {g}",
            "GRANT SELECT, INSERT ON yibao.events TO {g}",
            "GRANT SELECT, INSERT ON yibao.rejected TO {g}",
            "GRANT SELECT, INSERT, UPDATE ON yibao.acks TO {g}",
            "GRANT EXECUTE ON FUNCTION yibao.current_device() TO {g}",
        ):
            conn.execute(sql.SQL(statement).format(g=g))
        if conn.execute("SELECT to_regclass('yibao.attachments')").fetchone() != (None,):  # c0007 on
            conn.execute(sql.SQL("GRANT SELECT, INSERT ON yibao.attachments TO {g}").format(g=g))
    return CENTRAL_HEAD


@dataclass(frozen=True)
class Registration:
    device: str
    role: str
    url: str

    def as_dict(self) -> dict[str, str]:
        return {"device": self.device, "role": self.role, "url": self.url}


def add_device(
    url: str, device_id: str, public_key: str | None = None, region: str = "", window: str = ""
) -> Registration:
    """Register a device: its own login role (a member of the devices' group, not the owner, no BYPASSRLS) and the
    URL it syncs with. Registering again gives the role a new password (the old URL stops working)."""
    device_id = device_id.strip().upper()
    if not re.fullmatch(r"[A-Z0-9]{1,8}", device_id):
        raise SyncError("设备编号应为 1-8 位大写字母或数字")
    role = device_role(url, device_id)
    password = secrets.token_urlsafe(24)
    with connect(url, autocommit=True) as conn:
        r = sql.Identifier(role)
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
            conn.execute(sql.SQL("ALTER ROLE {} WITH LOGIN PASSWORD {}").format(r, sql.Literal(password)))
        else:
            conn.execute(
                sql.SQL(
                    "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS INHERIT PASSWORD {}"
                ).format(r, sql.Literal(password))
            )
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group_role(url)), r))
        conn.execute(
            "INSERT INTO yibao.devices (id, role_name, region, window_name, public_key) VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (id) DO UPDATE SET role_name = EXCLUDED.role_name, "
            "public_key = COALESCE(EXCLUDED.public_key, yibao.devices.public_key), "
            "region = COALESCE(NULLIF(EXCLUDED.region, ''), yibao.devices.region), "
            "window_name = COALESCE(NULLIF(EXCLUDED.window_name, ''), yibao.devices.window_name)",
            (device_id, role, region, window, public_key),
        )
        conn.execute("INSERT INTO yibao.acks (device_id) VALUES (%s) ON CONFLICT DO NOTHING", (device_id,))
    parts = urlsplit(psycopg_url(url))
    host = parts.hostname or "127.0.0.1"
    netloc = f"{quote(role)}:{quote(password)}@{host}" + (f":{parts.port}" if parts.port else "")
    device_url = urlunsplit(("postgresql", netloc, parts.path, parts.query, ""))
    return Registration(device_id, role, device_url)


def require_current_schema(conn: psycopg.Connection[Any]) -> None:
    """The centre's schema must be the one this program folds cases into (a program updated before the centre was
    would otherwise fail on a column the centre does not have yet)."""
    row = conn.execute("SELECT version_num FROM yibao.alembic_version").fetchone()
    older = CENTRAL_REVISIONS[: CENTRAL_REVISIONS.index(CENTRAL_HEAD)]
    if row is None or row[0] in older:
        raise SyncError(
            f"中心库结构版本为 {row[0] if row else '未知'}，本程序需要 {CENTRAL_HEAD}："
            "请在中心运行 yibao-desk central init 升级中心库（不会丢失数据）"
        )
    if row[0] not in CENTRAL_REVISIONS:  # a newer program upgraded the centre: this one would fold without its columns
        raise SyncError(f"中心库结构版本 {row[0]} 比本程序（{CENTRAL_HEAD}）新：请先升级本程序，再汇总中心数据")


def refresh_projection(conn: psycopg.Connection[Any]) -> int:
    """Fold the events that arrived since the last refresh into yibao.cases (owner connection)."""
    require_current_schema(conn)
    cols = [c for c in projection_columns()]
    done = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT device_id, seq, folded_by FROM yibao.projection_state")}
    devices = [r[0] for r in conn.execute("SELECT id FROM yibao.devices").fetchall()]
    changed = 0
    for device in devices:
        start, folded_by = done.get(device, (0, None))
        again = start > 0 and folded_by != f"{CENTRAL_HEAD}:{start}"  # moved on by an older program: fold anew
        if again:
            start = 0
        rows = conn.execute(
            f"SELECT {', '.join(EVENT_COLUMNS)} FROM yibao.events WHERE device_id = %s AND seq > %s ORDER BY seq",
            (device, start),
        ).fetchall()
        # only a contiguous run is folded: a gap (a missing event) waits until it arrives
        events = []
        expected = start + 1
        for row in rows:
            e = dict(zip(EVENT_COLUMNS, row, strict=True))
            e["id"] = str(e["id"])
            if e["seq"] != expected:
                break
            events.append(e)
            expected += 1
        if not events:
            continue
        touched = {e["case_number"] for e in events if e["case_number"]}
        current = {}
        if touched and not again:
            for row in conn.execute(
                f"SELECT {', '.join(cols)} FROM yibao.cases WHERE case_number = ANY(%s)", (list(touched),)
            ).fetchall():
                current[row[0]] = dict(zip(cols, row, strict=True))
        for e in events:
            if e["case_number"] and e["type"] in projection.CASE_EVENTS:
                row = projection.apply(current.get(e["case_number"]), e)
                if row is not None:
                    current[e["case_number"]] = row
        for row in current.values():
            if row["case_number"] in touched:
                conn.execute(
                    f"INSERT INTO yibao.cases ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))}) "
                    f"ON CONFLICT (case_number) DO UPDATE SET "
                    + ", ".join(f"{c} = EXCLUDED.{c}" for c in cols if c != "case_number"),
                    tuple(row[c] for c in cols),
                )
                changed += 1
        conn.execute(
            "INSERT INTO yibao.projection_state (device_id, seq, folded_by) VALUES (%s, %s, %s) "
            "ON CONFLICT (device_id) DO UPDATE SET seq = EXCLUDED.seq, folded_by = EXCLUDED.folded_by",
            (device, events[-1]["seq"], f"{CENTRAL_HEAD}:{events[-1]['seq']}"),
        )
    return changed


def projection_columns() -> list[str]:
    from yibao_desk.journal.models import Case

    return [c.name for c in Case.__table__.columns]


def device_events(conn: psycopg.Connection[Any], device: str) -> list[dict[str, Any]]:
    """Every event the centre holds of one device, in sequence, as dicts of EVENT_COLUMNS (ids as text)."""
    rows = conn.execute(
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM yibao.events WHERE device_id = %s ORDER BY seq", (device,)
    ).fetchall()
    events = [dict(zip(EVENT_COLUMNS, r, strict=True)) for r in rows]
    for e in events:
        e["id"] = str(e["id"])
    return events


def status(url: str) -> list[dict[str, Any]]:
    """Per device: events, last sequence, acknowledged sequence, last sync, chain ok, rejected events."""
    out = []
    with connect(url) as conn:
        devices = conn.execute(
            "SELECT d.id, d.window_name, a.acked_seq, a.last_sync, a.last_error FROM yibao.devices d "
            "LEFT JOIN yibao.acks a ON a.device_id = d.id ORDER BY d.id"
        ).fetchall()
        for device, window, acked, last_sync, last_error in devices:
            events = device_events(conn, device)
            brk = verify_chain(events)
            rejected = conn.execute("SELECT count(*) FROM yibao.rejected WHERE device_id = %s", (device,)).fetchone()
            out.append(
                {
                    "device": device,
                    "window": window,
                    "events": len(events),
                    "last_seq": events[-1]["seq"] if events else 0,
                    "acked_seq": acked or 0,
                    "last_sync": last_sync.isoformat() if last_sync else None,
                    "last_error": last_error,
                    "chain_ok": brk is None,
                    "chain_break": str(brk) if brk else None,
                    "rejected": rejected[0] if rejected else 0,
                }
            )
    return out
