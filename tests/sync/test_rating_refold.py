"""Found in review: a centre at an older revision is folded by a program that predates what a newer one keeps —
ratings (c0003) skipped with projection_state moved past them, an address (c0004) dropped from its case. Upgrading
(`central init`) folds every case again from its events, so they reach the county ledger after all."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

from tests.sync.conftest import APPLICANT, fill, make_device
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.paths import project_root
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal import projection
from yibao_desk.journal.intake import IntakeService
from yibao_desk.sync import central
from yibao_desk.sync.push import push
from yibao_desk.sync.urls import SyncError, sqlalchemy_url

pytestmark = pytest.mark.postgres
MAIL = {
    "recipient": "王小明",
    "phone": "13800138000",
    "address": "湖南省益阳市赫山区龙岭大道12号",
    "postcode": "413000",
}


def _mailed_case(desk: IntakeService) -> str:
    data = {"applicant": APPLICANT, "materials": {}, "delivery": "mail", "mail": MAIL}
    return desk.intake("s1", "432036011W01", data).case_number


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
    assert central.init(central_url) == central.CENTRAL_HEAD
    with psycopg.connect(central_url) as conn:
        central.refresh_projection(conn)
        conn.commit()
        row = conn.execute("SELECT ratings_json, status FROM yibao.cases WHERE case_number = %s", (number,)).fetchone()
    assert row is not None and row[1] == "supplement"
    assert [(r["level"], r["reason"]) for r in json.loads(row[0])] == [(2, "跑了两趟")]


def test_an_address_an_older_program_folded_away_comes_back_with_central_init(
    central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path
) -> None:
    """The same for 邮寄 (c0004): a centre at c0003 folded case.opened without the address it carried."""
    desk = make_device(tmp_path, catalog, calendar, "RM")
    number = _mailed_case(desk)
    push(desk.journal, central.add_device(central_url, "RM", window="一号窗口").url)
    with psycopg.connect(central_url) as conn:
        central.refresh_projection(conn)
        conn.commit()
    _alembic(central_url, "c0003")  # the column goes; the rows stay, folded as the older program folded them
    with psycopg.connect(central_url) as conn:
        assert conn.execute("SELECT count(*) FROM yibao.cases WHERE case_number = %s", (number,)).fetchone() == (1,)
    assert central.init(central_url) == central.CENTRAL_HEAD
    with psycopg.connect(central_url) as conn:
        central.refresh_projection(conn)
        conn.commit()
        row = conn.execute("SELECT mail_json FROM yibao.cases WHERE case_number = %s", (number,)).fetchone()
    assert row is not None and json.loads(row[0]) == MAIL


def test_a_device_an_older_program_folded_on_a_current_centre_is_folded_again(
    central_url: str, tmp_path: Path, catalog: Catalog, calendar: Calendar, home: Path
) -> None:
    """Found in review: a window PC still on the previous release folds a c0004 centre (its schema check knew no
    newer revision) — new cases without their address, projection_state moved past them. The next refresh by this
    program sees projection_state was not moved by it and folds that device again."""
    desk = make_device(tmp_path, catalog, calendar, "RO")
    url = central.add_device(central_url, "RO", window="一号窗口").url
    push(desk.journal, url)
    with psycopg.connect(central_url) as conn:
        central.refresh_projection(conn)  # this program's fold: folded_by says so
        conn.commit()
    number = _mailed_case(desk)
    push(desk.journal, url)
    with psycopg.connect(central_url) as conn:  # the older program's fold: the row without the address
        rows = central.device_events(conn, "RO")
        cols = [c for c in central.projection_columns() if c != "mail_json"]
        state = projection.fold(rows)[number]
        conn.execute(
            f"INSERT INTO yibao.cases ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})",
            tuple(state[c] for c in cols),
        )
        conn.execute("UPDATE yibao.projection_state SET seq = %s WHERE device_id = 'RO'", (rows[-1]["seq"],))
        conn.commit()
        assert conn.execute("SELECT mail_json FROM yibao.cases WHERE case_number = %s", (number,)).fetchone() == (None,)
        central.refresh_projection(conn)
        conn.commit()
        row = conn.execute("SELECT mail_json FROM yibao.cases WHERE case_number = %s", (number,)).fetchone()
    assert row is not None and json.loads(row[0]) == MAIL


def test_a_centre_newer_than_the_program_is_not_folded(central_url: str) -> None:
    with psycopg.connect(central_url) as conn:
        conn.execute("UPDATE yibao.alembic_version SET version_num = 'c0099'")
        with pytest.raises(
            SyncError, match=f"中心库结构版本 c0099 比本程序（{central.CENTRAL_HEAD}）新：请先升级本程序"
        ):
            central.refresh_projection(conn)
