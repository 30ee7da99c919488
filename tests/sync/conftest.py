"""Tests against the PostgreSQL server on this machine (127.0.0.1:5432, trust auth): a fresh database each."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.events import append
from yibao_desk.journal.intake import IntakeService
from yibao_desk.sync import central

ADMIN = os.environ.get("YIBAO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
APPLICANT = {"name": "王小明", "id_number": "430981198002290034", "phone": "13800138000"}


def _server_available() -> bool:
    try:
        with psycopg.connect(ADMIN, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


@contextmanager
def fresh_central() -> Iterator[str]:
    """A new central database on the machine's PostgreSQL, initialised; dropped with its device roles after."""
    if not _server_available():
        if os.environ.get("YIBAO_REQUIRE_POSTGRES") or os.environ.get("CI"):
            pytest.fail(f"PostgreSQL 不可用（{ADMIN}）：CI 必须运行这些测试")
        pytest.skip("PostgreSQL 不可用")
    name = f"yibao_t_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = ADMIN.rsplit("/", 1)[0] + f"/{name}"
    try:
        central.init(url)
        yield url
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            for (role,) in conn.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (f"yibao_{name}_%",)):
                conn.execute(f'DROP ROLE IF EXISTS "{role}"')


@pytest.fixture
def central_url() -> Iterator[str]:
    with fresh_central() as url:
        yield url


def make_device(tmp_path: Path, catalog: Catalog, calendar: Calendar, device: str) -> IntakeService:
    svc = IntakeService(open_journal(tmp_path / f"{device}.sqlite3"), catalog, calendar)
    svc.setup_device(device, "yiyang-kuayu", f"{device} 窗口")
    svc.add_staff(None, "s1", "张主管", "supervisor", "secret-s1")
    return svc


def fill(svc: IntakeService, cases: int = 3, bulk: int = 0) -> None:
    for _ in range(cases):
        svc.intake("s1", "432036011W01", {"applicant": APPLICANT, "materials": {}})
    if bulk:
        device = svc.device()
        assert device is not None
        with svc.journal.write() as s:
            for i in range(bulk):
                append(s, device.id, "s1", "note", {"n": i})


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("YIBAO_DESK_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def central_count(url: str, device: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT count(*) FROM yibao.events WHERE device_id = %s", (device,)).fetchone()
        return int(row[0]) if row else 0
