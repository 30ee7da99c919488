"""Found in review: a centre still at c0002 is folded by a program that predates ratings — it skips case.rated and
moves projection_state past them. Upgrading to c0003 (`central init`) folds every case again from its events, so
those ratings reach the county ledger after all."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from tests.sync.conftest import fill, make_device
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.paths import project_root
from yibao_desk.domain.working_days import Calendar
from yibao_desk.sync import central
from yibao_desk.sync.push import push
from yibao_desk.sync.urls import sqlalchemy_url

pytestmark = pytest.mark.postgres


def _alembic(url: str, step: str) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(project_root() / "db" / "central"))
    engine = create_engine(sqlalchemy_url(url))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, step)
    engine.dispose()


def test_ratings_an_older_program_folded_away_come_back_with_central_init(
    central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path
) -> None:
    desk = make_device(tmp_path, catalog, calendar, "RA")
    fill(desk, cases=1)
    number = desk.cases()[0]["case_number"]
    desk.rate("s1", number, 2, "办事流程", "跑了两趟")
    push(desk.journal, central.add_device(central_url, "RA", window="一号窗口").url)
    _alembic(central_url, "c0002")  # the centre as it was before ratings ...
    with psycopg.connect(central_url) as conn:  # ... folded by the older program: the rating skipped, state moved on
        conn.execute("DELETE FROM yibao.cases")
        conn.execute("DELETE FROM yibao.projection_state")
        rows = conn.execute(
            "SELECT device_id, seq, case_number, staff_id, type, payload, utc, local_time FROM yibao.events "
            "WHERE type <> 'case.rated' ORDER BY seq"
        ).fetchall()
        assert any(r[4] == "case.opened" for r in rows)
        conn.execute(
            "INSERT INTO yibao.cases (case_number, device_id, region, service_code, service_name, status, clerk_id, "
            "opened_utc, opened_local, last_seq) SELECT %s, 'RA', 'yiyang-kuayu', '432036011W01', '报销', "
            "'supplement', 's1', '', '', 1",
            (number,),
        )
        top = conn.execute("SELECT max(seq) FROM yibao.events WHERE device_id = 'RA'").fetchone()
        assert top is not None
        conn.execute("INSERT INTO yibao.projection_state VALUES ('RA', %s)", (top[0],))
    assert central.init(central_url) == "c0003"
    with psycopg.connect(central_url) as conn:
        central.refresh_projection(conn)
        conn.commit()
        row = conn.execute("SELECT ratings_json, status FROM yibao.cases WHERE case_number = %s", (number,)).fetchone()
    assert row is not None and row[1] == "supplement"
    assert [(r["level"], r["reason"]) for r in json.loads(row[0])] == [(2, "跑了两趟")]
