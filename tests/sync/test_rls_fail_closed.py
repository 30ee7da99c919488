"""Row-level security fails closed (issue 13 row 8): a login role in the devices' group without a row in
yibao.devices reads nothing and writes nothing; a device still reads and writes only its own rows; the owner (the
centre's admin connection) still sees everything, also when it is not a superuser (FORCE ROW LEVEL SECURITY)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from tests.sync.conftest import ADMIN, _server_available, central_count, fill, fresh_central, make_device
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal.intake import IntakeService
from yibao_desk.sync import central
from yibao_desk.sync.push import push
from yibao_desk.sync.urls import database_name, psycopg_url

pytestmark = pytest.mark.postgres


def as_role(url: str, role: str) -> str:
    """The same database, logged in as `role` (trust authentication on the test server)."""
    return make_conninfo(psycopg_url(url), user=role, password="")


def make_orphan(owner_url: str, name: str = "orphan") -> str:
    """A login role in the devices' group that has no row in yibao.devices."""
    role = f"yibao_{database_name(owner_url)}_{name}"[:63]
    with psycopg.connect(psycopg_url(owner_url), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOBYPASSRLS INHERIT").format(sql.Identifier(role)))
        conn.execute(
            sql.SQL("GRANT {} TO {}").format(sql.Identifier(central.group_role(owner_url)), sql.Identifier(role))
        )
    return role


def yibao_tables(owner_url: str) -> list[str]:
    with psycopg.connect(psycopg_url(owner_url)) as conn:
        return [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'yibao' ORDER BY 1")]


def granted(owner_url: str, role: str, table: str, privilege: str) -> bool:
    with psycopg.connect(psycopg_url(owner_url)) as conn:
        row = conn.execute("SELECT has_table_privilege(%s, %s, %s)", (role, f"yibao.{table}", privilege)).fetchone()
        return bool(row and row[0])


def snapshot(owner_url: str) -> dict[str, list[tuple[Any, ...]]]:
    with psycopg.connect(psycopg_url(owner_url)) as conn:
        return {
            t: conn.execute(sql.SQL("SELECT * FROM yibao.{} ORDER BY 1, 2").format(sql.Identifier(t))).fetchall()
            for t in ("events", "rejected", "acks", "devices")
        }


def insert_event(conn: psycopg.Connection[Any], device: str, seq: int = 999) -> None:
    conn.execute(
        "INSERT INTO yibao.events (id, device_id, seq, staff_id, type, payload, utc, local_time, prev_hash, hash) "
        "VALUES (%s, %s, %s, 's', 'note', '{}', 'u', 'l', 'p', 'h')",
        (uuid.uuid4(), device, seq),
    )


def insert_rejected(conn: psycopg.Connection[Any], device: str, seq: int = 999) -> None:
    conn.execute(
        "INSERT INTO yibao.rejected (device_id, seq, event_id, reason) VALUES (%s, %s, %s, 'test')",
        (device, seq, uuid.uuid4()),
    )


def count(conn: psycopg.Connection[Any], table: str, where: str = "true") -> int:
    row = conn.execute(sql.SQL("SELECT count(*) FROM yibao.{} WHERE ").format(sql.Identifier(table)) + sql.SQL(where))
    return int(row.fetchone()[0])  # type: ignore[index]


def assert_fenced_out(owner_url: str, role: str) -> None:
    """`role` (a group member without a device row) reads nothing and writes nothing, whatever it tries."""
    before = snapshot(owner_url)
    reachable = [t for t in yibao_tables(owner_url) if granted(owner_url, role, t, "SELECT")]
    assert {"events", "rejected", "acks"} <= set(reachable)
    with psycopg.connect(as_role(owner_url, role), autocommit=True) as conn:
        assert conn.execute("SELECT yibao.current_device()").fetchone() == (None,)
        for table in yibao_tables(owner_url):
            if table in reachable:
                assert count(conn, table) == 0, table
            else:
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    count(conn, table)
        for device in ("WA", "ZZ"):  # a registered device and a made-up one
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                insert_event(conn, device)
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                insert_rejected(conn, device)
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute("INSERT INTO yibao.acks (device_id, acked_seq) VALUES (%s, 0)", (device,))
        assert conn.execute("UPDATE yibao.acks SET acked_seq = 0, last_error = 'x'").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM yibao.events")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO yibao.devices (id, role_name) VALUES ('ZZ', %s)", (role,))
    assert snapshot(owner_url) == before


def register_and_push(
    url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, device: str, cases: int = 2
) -> central.Registration:
    return _register_and_push(url, tmp_path, catalog, calendar, device, cases)[1]


def _register_and_push(
    url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, device: str, cases: int = 2
) -> tuple[IntakeService, central.Registration]:
    svc = make_device(tmp_path, catalog, calendar, device)
    fill(svc, cases=cases)
    reg = central.add_device(url, device)
    report = push(svc.journal, reg.url)
    assert report.pending == 0 and central_count(url, device) > 0
    return svc, reg


def test_a_group_member_without_a_device_row_reads_and_writes_nothing(
    central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path
) -> None:
    reg_a = register_and_push(central_url, tmp_path, catalog, calendar, "WA")
    with psycopg.connect(psycopg_url(reg_a.url)) as conn:
        insert_rejected(conn, "WA")
        conn.commit()
    assert_fenced_out(central_url, make_orphan(central_url))


def test_a_device_reads_and_writes_only_its_own_rows(
    central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path
) -> None:
    reg_a = register_and_push(central_url, tmp_path, catalog, calendar, "WA")
    reg_b = register_and_push(central_url, tmp_path, catalog, calendar, "WB", cases=1)
    for reg in (reg_a, reg_b):
        with psycopg.connect(psycopg_url(reg.url)) as conn:
            insert_rejected(conn, reg.device)
            conn.commit()
    before = snapshot(central_url)
    with psycopg.connect(psycopg_url(reg_a.url), autocommit=True) as conn:
        assert conn.execute("SELECT yibao.current_device()").fetchone() == ("WA",)
        assert count(conn, "events") == count(conn, "events", "device_id = 'WA'") == central_count(central_url, "WA")
        for table in ("events", "rejected", "acks"):
            assert count(conn, table) > 0 and count(conn, table, "device_id <> 'WA'") == 0, table
        for device in ("WB", "ZZ"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                insert_event(conn, device)
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                insert_rejected(conn, device)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO yibao.acks (device_id, acked_seq) VALUES ('ZZ', 0)")
        assert conn.execute("UPDATE yibao.acks SET last_error = 'x' WHERE device_id = 'WB'").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor move its own row onto another device
            conn.execute("UPDATE yibao.acks SET device_id = 'WB' WHERE device_id = 'WA'")
    assert snapshot(central_url) == before


def test_every_table_the_group_reaches_has_forced_row_security(central_url: str) -> None:
    group = central.group_role(central_url)
    with psycopg.connect(central_url) as conn:
        rows = conn.execute(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c "
            "WHERE c.relnamespace = 'yibao'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm') "
            "AND (has_table_privilege(%s, c.oid, 'SELECT') OR has_table_privilege(%s, c.oid, 'INSERT') "
            "OR has_table_privilege(%s, c.oid, 'UPDATE') OR has_table_privilege(%s, c.oid, 'DELETE'))",
            (group,) * 4,
        ).fetchall()
    assert {r[0] for r in rows} == {"events", "rejected", "acks", "attachments"}  # attachments: c0007
    assert all(r[1] and r[2] for r in rows), rows


@contextmanager
def central_with_plain_owner() -> Iterator[str]:
    """A central database owned by a login role that is neither a superuser nor BYPASSRLS (only CREATEROLE, to make
    the device roles), initialised by that role: FORCE ROW LEVEL SECURITY applies to it."""
    if not _server_available():
        pytest.skip("PostgreSQL 不可用")
    name = f"yibao_t_{uuid.uuid4().hex[:10]}"
    owner = f"yibao_{name}_owner"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOBYPASSRLS CREATEROLE").format(sql.Identifier(owner)))
        conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(name), sql.Identifier(owner)))
    admin = urlsplit(ADMIN)
    netloc = owner + "@" + admin.netloc.rsplit("@", 1)[-1]
    url = urlunsplit((admin.scheme, netloc, f"/{name}", admin.query, ""))
    try:
        central.init(url)
        yield url
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            pattern = f"yibao_{name}_%"
            roles = [r[0] for r in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (pattern,))]
            for role in sorted(roles, key=lambda r: r == owner):  # the owner last
                conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


def test_a_plain_owner_still_sees_everything_and_refreshes_the_projection(
    tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path
) -> None:
    with central_with_plain_owner() as url:
        with psycopg.connect(url) as conn:
            role = conn.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user").fetchone()
            assert role == (False, False)
        reg_a = register_and_push(url, tmp_path, catalog, calendar, "WA", cases=2)
        register_and_push(url, tmp_path, catalog, calendar, "WB", cases=3)
        with psycopg.connect(psycopg_url(reg_a.url)) as conn:
            insert_rejected(conn, "WA")
            conn.commit()
        with psycopg.connect(url) as conn:
            assert count(conn, "events", "device_id = 'WA'") > 0 and count(conn, "events", "device_id = 'WB'") > 0
            assert count(conn, "rejected") == 1 and count(conn, "acks") == 2
            assert central.refresh_projection(conn) == 5
            conn.commit()
            assert count(conn, "cases") == 5
            insert_event(conn, "WB", 10_000)  # the centre may write (owner imports of bundles)
            conn.execute("UPDATE yibao.acks SET last_error = NULL")
            conn.rollback()
        assert {r["device"]: r["chain_ok"] for r in central.status(url)} == {"WA": True, "WB": True}
        assert_fenced_out(url, make_orphan(url))


def test_init_upgrades_a_c0001_database(
    tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import command

    upgrade = command.upgrade
    with monkeypatch.context() as m:  # `central init` as it was when c0001 was the head
        m.setattr(command, "upgrade", lambda cfg, revision, **kw: upgrade(cfg, "c0001", **kw))
        with fresh_central() as url:
            m.undo()
            with psycopg.connect(url) as conn:
                assert conn.execute("SELECT version_num FROM yibao.alembic_version").fetchone() == ("c0001",)
            svc, reg_a = _register_and_push(url, tmp_path, catalog, calendar, "WA")
            orphan = make_orphan(url)
            with psycopg.connect(as_role(url, orphan)) as conn:  # the defect, on the old schema
                assert count(conn, "events") == central_count(url, "WA") > 0
            assert central.init(url) == central.CENTRAL_HEAD
            with psycopg.connect(url) as conn:
                head = conn.execute("SELECT version_num FROM yibao.alembic_version").fetchone()
            assert head == (central.CENTRAL_HEAD,) and central.CENTRAL_HEAD != "c0001"
            assert_fenced_out(url, orphan)
            before = central_count(url, "WA")
            fill(svc, cases=1)  # the device still syncs afterwards
            report = push(svc.journal, reg_a.url)
            assert report.pending == 0 and not report.conflicts and central_count(url, "WA") > before
            assert central.init(url) == central.CENTRAL_HEAD  # and init again is a no-op
            with psycopg.connect(psycopg_url(reg_a.url)) as conn:
                assert count(conn, "events", "device_id <> 'WA'") == 0


def test_downgrade_to_c0001_and_init_again(central_url: str) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from yibao_desk.domain.paths import project_root
    from yibao_desk.sync.urls import sqlalchemy_url

    def centre_policies() -> list[tuple[str, str]]:
        with psycopg.connect(central_url) as conn:
            return conn.execute(
                "SELECT tablename, qual FROM pg_policies WHERE schemaname = 'yibao' AND policyname = 'centre' "
                "ORDER BY 1"
            ).fetchall()

    at_head = centre_policies()
    assert [t for t, _ in at_head] == ["acks", "attachments", "events", "rejected"]
    assert all("pg_has_role" in q and "current_device" not in q for _, q in at_head)
    engine = create_engine(sqlalchemy_url(central_url))
    cfg = Config()
    cfg.set_main_option("script_location", str(project_root() / "db" / "central"))
    with engine.begin() as sa:
        cfg.attributes["connection"] = sa
        command.downgrade(cfg, "c0001")
    engine.dispose()
    assert all("current_device" in q for _, q in centre_policies())
    assert central.init(central_url) == central.CENTRAL_HEAD
    assert centre_policies() == at_head
