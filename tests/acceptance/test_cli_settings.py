"""`yibao-desk settings list | set` as a supervisor's script runs them: a subprocess per call, judged by exit code and
output. The sync target's password is never printed, and never in the journal."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.acceptance.cli import Cli
from yibao_desk.journal.settings import declared


def _registered() -> bool:
    """`settings` is a sub-command of `yibao-desk` (settings_cmds.register(sub) in cli.build_parser)."""
    import argparse

    from yibao_desk.cli import build_parser

    return any(isinstance(a, argparse._SubParsersAction) and "settings" in a.choices for a in build_parser()._actions)


pytestmark = pytest.mark.skipif(
    not _registered(), reason="yibao-desk settings is not registered yet: add settings_cmds.register(sub) to cli.py"
)

PASSWORD = "cLi-Pw_9f8e7d6c5b4a3"
URL = f"postgresql://yibao_device_w01:{PASSWORD}@10.8.0.2:5432/yibao"


@pytest.fixture
def pc(tmp_path: Path) -> Cli:
    pc = Cli(tmp_path / "pc")
    pc.set_up("W01", "yuanjiang", "医保服务专区一号窗口")
    return pc


def _journal_text(pc: Cli) -> str:
    con = sqlite3.connect(pc.db)
    try:
        rows = [*con.execute("SELECT * FROM events"), *con.execute("SELECT * FROM settings")]
    finally:
        con.close()
    return json.dumps(rows, ensure_ascii=False)


def test_list_shows_every_declared_setting(pc: Cli) -> None:
    rows = pc.json("settings", "list")
    assert [r["key"] for r in rows] == list(declared())
    idle = next(r for r in rows if r["key"] == "idle_lock_minutes")
    assert idle == {**idle, "label": "空闲锁屏时间（分钟）", "value": 10, "default": 10}
    text = pc.run("settings", "list").stdout
    assert "idle_lock_minutes" in text and "空闲锁屏时间（分钟）" in text and "默认 10" in text


def test_set_as_the_settings_page_validates(pc: Cli) -> None:
    r = pc.run(
        "settings", "set", "idle_lock_minutes", "25", "--staff", "sup1", "--password-stdin", stdin="secret-sup1\n"
    )
    assert "已设置" in r.stdout and "25" in r.stdout
    assert next(r for r in pc.json("settings", "list") if r["key"] == "idle_lock_minutes")["value"] == 25

    for key, value, message in (
        ("idle_lock_minutes", "0", "应在 1 到 240 之间"),
        ("idle_lock_minutes", "十", "应为整数"),
        ("receipt_width", "a3", "应为：a4、80mm"),
        ("sync_url", "mysql://u:p@h/db", "postgresql://"),
        ("no_such_key", "1", "未知的设置项 no_such_key"),
    ):
        r = pc.run(
            "settings", "set", key, value, "--staff", "sup1", "--password-stdin", stdin="secret-sup1\n", ok=False
        )
        assert r.returncode == 2 and message in r.stderr, (key, value, r.stderr)
    # a wrong password, a clerk: refused, nothing changed
    r = pc.run(
        "settings", "set", "idle_lock_minutes", "30", "--staff", "sup1", "--password-stdin", stdin="x\n", ok=False
    )
    assert r.returncode == 2 and "错误" in r.stderr
    r = pc.run(
        "settings", "set", "idle_lock_minutes", "30", "--staff", "c01", "--password-stdin", stdin="secret-c01\n",
        ok=False,
    )  # fmt: skip
    assert r.returncode == 2
    assert next(r for r in pc.json("settings", "list") if r["key"] == "idle_lock_minutes")["value"] == 25


def test_the_sync_target_is_set_and_its_password_never_shown(pc: Cli) -> None:
    r = pc.run("settings", "set", "sync_url", URL, "--staff", "sup1", "--password-stdin", stdin="secret-sup1\n")
    assert PASSWORD not in r.stdout + r.stderr and "10.8.0.2" in r.stdout
    listed = pc.run("settings", "list").stdout + json.dumps(pc.json("settings", "list"), ensure_ascii=False)
    assert PASSWORD not in listed and "postgresql://yibao_device_w01:***@10.8.0.2:5432/yibao" in listed
    assert PASSWORD not in _journal_text(pc) and "yibao_device_w01@10.8.0.2" in _journal_text(pc)
    (secret,) = (pc.home / "secrets").glob("*.secret")
    assert secret.read_text(encoding="utf-8") == PASSWORD
    if os.name == "posix":
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600

    # the value from stdin (line 2, after the supervisor's password): the new password never on the command line
    new = URL.replace(PASSWORD, "rotated-from-stdin")
    r = pc.run("settings", "set", "sync_url", "-", "--staff", "sup1", "--password-stdin", stdin=f"secret-sup1\n{new}\n")
    assert "rotated-from-stdin" not in r.stdout + r.stderr
    assert secret.read_text(encoding="utf-8") == "rotated-from-stdin"

    # empty: offline, the saved password forgotten
    pc.run("settings", "set", "sync_url", "", "--staff", "sup1", "--password-stdin", stdin="secret-sup1\n")
    assert not list((pc.home / "secrets").glob("*.secret"))
    assert next(r for r in pc.json("settings", "list") if r["key"] == "sync_url")["value"] == ""
