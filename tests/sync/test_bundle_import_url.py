"""`sync import --to URL` with the wrong address (issue 13, row 9): a device's own URL (what `central add-device`
prints for it) instead of the centre's, a database the centre was never set up in, a role with no rights there. Each
exits 2 with a Chinese message saying what address the import needs, never psycopg's traceback, and changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from tests.acceptance.cli import Cli
from tests.sync.conftest import ADMIN
from yibao_desk.sync.bundle import BundleRefused, import_bundle
from yibao_desk.sync.central import device_role
from yibao_desk.sync.urls import database_name

pytestmark = pytest.mark.postgres


def centre_rows(url: str) -> tuple[object, ...]:
    with psycopg.connect(url) as conn:
        return tuple(
            conn.execute(q).fetchall()
            for q in (
                "SELECT id, device_id, seq, hash FROM yibao.events ORDER BY device_id, seq",
                "SELECT bundle_id, report FROM yibao.bundles ORDER BY bundle_id",
                "SELECT device_id, seq FROM yibao.rejected ORDER BY device_id, seq",
                "SELECT device_id, acked_seq, last_sync, last_error FROM yibao.acks ORDER BY device_id",
                "SELECT case_number, status FROM yibao.cases ORDER BY case_number",
            )
        )


@pytest.fixture
def exported(central_url: str, tmp_path: Path) -> tuple[Cli, Path, str]:
    """Device T01 set up and registered through the command line, with a bundle exported to the stick; and the
    device's own URL as `central add-device` gave it."""
    cli = Cli(tmp_path / "T01")
    cli.set_up("T01", "yiyang-kuayu", "T01 窗口")
    key = cli.run("sync", "key").stdout.strip()
    reg = cli.json("central", "add-device", "--url", central_url, "--device", "T01", "--public-key", key)
    bundle = tmp_path / "usb" / "T01.bundle"
    cli.run("sync", "export", "-o", str(bundle))
    return cli, bundle, str(reg["url"])


def test_a_device_url_exits_2_saying_the_import_needs_the_centre(
    exported: tuple[Cli, Path, str], central_url: str
) -> None:
    cli, bundle, device_url = exported
    before = centre_rows(central_url)
    r = cli.run("sync", "import", str(bundle), "--to", device_url, ok=False)  # the helper fails on a traceback
    assert r.returncode == 2, r.stderr
    assert "InsufficientPrivilege" not in r.stderr and "psycopg" not in r.stderr, r.stderr
    assert "属于设备 T01" in r.stderr and "需要中心的地址" in r.stderr and "未做任何改动" in r.stderr, r.stderr
    password = urlsplit(device_url).password
    assert password and password not in r.stderr, r.stderr  # the address is named, its password is not
    assert not bundle.with_name(bundle.name + ".ack.json").exists()
    assert centre_rows(central_url) == before
    # with the centre's own address the same bundle imports
    r = cli.run("sync", "import", str(bundle), "--to", central_url, "--json")
    assert json.loads(r.stdout)["inserted"] > 0
    assert bundle.with_name(bundle.name + ".ack.json").is_file()


def test_a_database_without_the_centre_exits_2_saying_so(exported: tuple[Cli, Path, str], central_url: str) -> None:
    cli, bundle, _ = exported
    bare = f"{database_name(central_url)}_bare"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{bare}"')
    try:
        r = cli.run("sync", "import", str(bundle), "--to", ADMIN.rsplit("/", 1)[0] + f"/{bare}", ok=False)
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{bare}"')
    assert r.returncode == 2, r.stderr
    assert "尚未初始化" in r.stderr and "central init" in r.stderr and "未做任何改动" in r.stderr, r.stderr
    assert not bundle.with_name(bundle.name + ".ack.json").exists()


def test_a_role_that_is_neither_the_centre_nor_a_device_is_refused(
    exported: tuple[Cli, Path, str], central_url: str
) -> None:
    _, bundle, _ = exported
    role = device_role(central_url, "T01").replace("_dev_t01", "_other")  # dropped with the test database's roles
    with psycopg.connect(central_url, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE \"{role}\" LOGIN PASSWORD 'x-secret'")
    parts = urlsplit(central_url)
    url = f"postgresql://{role}:x-secret@{parts.hostname}:{parts.port or 5432}{parts.path}"
    before = centre_rows(central_url)
    with pytest.raises(BundleRefused, match=f"数据库角色 {role}.*无权.*需要中心的地址.*未做任何改动") as raised:
        import_bundle(bundle, url)
    assert "x-secret" not in str(raised.value)
    assert centre_rows(central_url) == before
