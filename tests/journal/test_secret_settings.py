"""A secret never enters the journal: the sync target's password is kept in a file only this user reads; the
`settings` table, the `settings.changed` event, every backup and bundle hold the URL without it."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import zipfile
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.gui.conftest import _message_box_guard, ctx, message_boxes  # noqa: F401  (an AppContext, no surprise boxes)
from yibao_desk.gui.context import AppContext
from yibao_desk.journal import secrets
from yibao_desk.journal import settings as settings_mod
from yibao_desk.journal.backup import backup_to
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.intake import IntakeService
from yibao_desk.journal.settings import SettingError, display_value
from yibao_desk.settings_paths import data_dir

PASSWORD = "Zq9-u7VnLw_3xKp2RmT8sYb4"
URL = f"postgresql://yibao_device_w03:{PASSWORD}@db.county.example:5432/yibao"
BARE = "postgresql://yibao_device_w03@db.county.example:5432/yibao"


def _rows(db: Path, table: str) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [json.dumps(r, ensure_ascii=False) for r in con.execute(f"SELECT * FROM {table}")]
    finally:
        con.close()


def _secret_files() -> list[Path]:
    return sorted((data_dir() / "secrets").glob("*.secret"))


def test_the_password_is_in_no_row_no_backup_and_a_0600_file(
    service: IntakeService, db_path: Path, tmp_path: Path
) -> None:
    stored = service.change_setting("sup1", "sync_url", URL)
    assert stored == BARE  # what the event records: the target and its host, no password

    assert service.settings()["sync_url"] == URL  # the sync code connects with the full URL, unchanged
    events = _rows(db_path, "events")
    changed = [e for e in events if "settings.changed" in e]
    assert len(changed) == 1 and "db.county.example" in changed[0]
    assert not [e for e in events if PASSWORD in e]
    assert not [r for r in _rows(db_path, "settings") if PASSWORD in r]
    assert json.loads(_rows(db_path, "settings")[0])[1] == json.dumps(BARE)

    backup = backup_to(service.journal.path, tmp_path / "backups")  # what `journal backup --to DIR` writes
    assert PASSWORD.encode() not in backup.read_bytes()
    from yibao_desk.sync.bundle import export_bundle  # the USB bundle carries the settings.changed event

    bundle = export_bundle(service.journal, tmp_path / "usb" / "W03.bundle").path
    with zipfile.ZipFile(bundle) as z:
        members = b"".join(z.read(n) for n in z.namelist())
    assert b"db.county.example" in members and PASSWORD.encode() not in members + bundle.read_bytes()
    assert PASSWORD.encode() not in db_path.read_bytes()
    wal = db_path.with_name(db_path.name + "-wal")
    assert not wal.exists() or PASSWORD.encode() not in wal.read_bytes()

    (secret,) = _secret_files()
    assert secret.read_text(encoding="utf-8") == PASSWORD
    assert secret.name.startswith("sync_url-W03-")
    if os.name == "posix":
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600
        assert stat.S_IMODE(secret.parent.stat().st_mode) == 0o700
    assert not list(secret.parent.glob("*.partial"))


def test_shown_redacted_typed_back_kept_and_empty_forgets(service: IntakeService, db_path: Path) -> None:
    service.change_setting("sup1", "sync_url", URL)
    shown = display_value("sync_url", service.settings()["sync_url"])
    assert shown == "postgresql://yibao_device_w03:***@db.county.example:5432/yibao" and PASSWORD not in shown
    assert display_value("idle_lock_minutes", 10) == 10 and display_value("sync_url", "") == ""

    # the page shows *** for the password; a supervisor changes the port and keeps the rest as shown
    moved = shown.replace(":5432", ":6432")
    assert service.change_setting("sup1", "sync_url", moved) == BARE.replace(":5432", ":6432")
    assert service.settings()["sync_url"] == URL.replace(":5432", ":6432")

    # the centre rotates the password (central add-device again): the new URL replaces the old password
    new_url = URL.replace(PASSWORD, "N3w-rotated-pw")
    service.change_setting("sup1", "sync_url", new_url)
    assert service.settings()["sync_url"] == new_url
    (secret,) = _secret_files()
    assert secret.read_text(encoding="utf-8") == "N3w-rotated-pw"

    # a URL without a password (the centre trusts the host) forgets the saved one
    service.change_setting("sup1", "sync_url", BARE)
    assert service.settings()["sync_url"] == BARE and _secret_files() == []

    service.change_setting("sup1", "sync_url", URL)
    assert service.change_setting("sup1", "sync_url", "") == ""
    assert service.settings()["sync_url"] == "" and _secret_files() == []
    assert not [e for e in _rows(db_path, "events") if PASSWORD in e or "N3w-rotated-pw" in e]


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("mysql://u:p@host/db", "postgresql://"),
        ("http://u:p@host/db", "postgresql://"),
        ("db.county.example:5432/yibao", "postgresql://"),
        ("postgresql:///yibao", "主机"),
        ("postgresql://u:p@host:port/db", "端口"),
        ("postgresql://u:p@host/ db", "空格"),
    ],
)
def test_a_url_that_is_not_a_sync_target_is_refused(service: IntakeService, value: str, why: str) -> None:
    with pytest.raises(SettingError, match=why):
        service.change_setting("sup1", "sync_url", value)
    assert service.settings()["sync_url"] == "" and _secret_files() == []


def test_postgres_scheme_and_no_saved_password_for_stars(service: IntakeService) -> None:
    assert service.change_setting("sup1", "sync_url", "postgres://r:pw@10.0.0.5/yibao") == "postgres://r@10.0.0.5/yibao"
    service.change_setting("sup1", "sync_url", "")
    with pytest.raises(SettingError, match="完整地址"):
        service.change_setting("sup1", "sync_url", "postgresql://r:***@10.0.0.5/yibao")


def test_two_journals_on_one_pc_keep_their_own_password(service: IntakeService, tmp_path: Path) -> None:
    other = IntakeService(open_journal(tmp_path / "other" / "journal.sqlite3"), service.catalog, service.calendar)
    try:
        other.setup_device("W03", "yiyang-kuayu", "练习窗口")  # the same device id, another journal
        other.add_staff(None, "sup1", "张主管", "supervisor", "secret-sup")
        service.change_setting("sup1", "sync_url", URL)
        other.change_setting("sup1", "sync_url", URL.replace(PASSWORD, "practice-pw"))
        assert service.settings()["sync_url"] == URL
        assert other.settings()["sync_url"] == URL.replace(PASSWORD, "practice-pw")
        assert len(_secret_files()) == 2
    finally:
        other.journal.close()


def test_an_older_journal_with_the_password_in_its_row_still_syncs_until_rotated(
    service: IntakeService, db_path: Path
) -> None:
    """A journal written before this change holds the full URL in its settings row and in a `settings.changed`
    event. The event stays (append-only, and already in backups and at the centre): the README tells the
    supervisor to rotate the device's password at the centre and set the new URL. Until then the old row keeps
    working and is shown redacted; the next change stores the URL without the password."""
    from yibao_desk.journal.events import append

    with service.journal.write() as s:  # what the program did before: the full URL, row and event
        s.add(settings_mod.Setting(key="sync_url", value_json=json.dumps(URL)))
        s.flush()
        append(s, "W03", "sup1", "settings.changed", {"key": "sync_url", "value": URL}, clock=service.clock)
    assert service.settings()["sync_url"] == URL
    assert PASSWORD not in display_value("sync_url", service.settings()["sync_url"])

    rotated = URL.replace(PASSWORD, "after-rotation-pw")  # `central add-device` again: a new password
    assert service.change_setting("sup1", "sync_url", rotated) == BARE
    assert service.settings()["sync_url"] == rotated
    assert not [r for r in _rows(db_path, "settings") if PASSWORD in r or "after-rotation-pw" in r]
    leaked = [e for e in _rows(db_path, "events") if PASSWORD in e]
    assert len(leaked) == 1  # the old event: why the old password must be made useless at the centre
    assert not [e for e in _rows(db_path, "events") if "after-rotation-pw" in e]


def test_stars_typed_back_keep_an_older_rows_password(service: IntakeService, db_path: Path) -> None:
    with service.journal.write() as s:
        s.add(settings_mod.Setting(key="sync_url", value_json=json.dumps(URL)))
    moved = display_value("sync_url", URL).replace("db.county.example", "db2.county.example")
    service.change_setting("sup1", "sync_url", moved)
    assert service.settings()["sync_url"] == URL.replace("db.county.example", "db2.county.example")
    assert not [r for r in _rows(db_path, "settings") if PASSWORD in r]


def test_secret_file_functions(tmp_path: Path) -> None:
    assert secrets.load_password("k-1") is None
    path = secrets.save_password("k-1", "p@ss:w/ord")
    assert path == data_dir() / "secrets" / "k-1.secret" and secrets.load_password("k-1") == "p@ss:w/ord"
    secrets.save_password("k-1", "second")
    assert secrets.load_password("k-1") == "second"
    secrets.forget("k-1")
    secrets.forget("k-1")
    assert secrets.load_password("k-1") is None
    with pytest.raises(ValueError):
        secrets.secret_path("../escape")


def test_the_settings_page_never_shows_the_password(ctx: AppContext, qtbot: QtBot, message_boxes: list[str]) -> None:  # noqa: F811
    from PySide6.QtWidgets import QLineEdit

    from yibao_desk.gui.settings_page import SettingsPage

    ctx.sign_in(ctx.service.login("sup1", "secret-sup"))
    ctx.service.change_setting("sup1", "sync_url", URL)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.load()
    editor = page.findChild(QLineEdit, "setting_sync_url")
    assert editor is not None
    assert editor.text() == "postgresql://yibao_device_w03:***@db.county.example:5432/yibao"
    assert all(PASSWORD not in w.text() for w in page.findChildren(QLineEdit))

    # saving other settings leaves the target as it is (the *** shown is not a new password)
    idle = page.editors["idle_lock_minutes"]
    idle.setText("20")  # type: ignore[attr-defined]
    page.on_save()
    assert message_boxes[-1] == "设置已保存"
    assert ctx.service.settings()["sync_url"] == URL and ctx.service.settings()["idle_lock_minutes"] == 20

    # the supervisor pastes the new URL the centre gave after rotating the password
    editor.setText(URL.replace(PASSWORD, "rotated-pw"))
    page.on_save()
    assert ctx.service.settings()["sync_url"] == URL.replace(PASSWORD, "rotated-pw")
    assert "rotated-pw" not in editor.text() and ":***@" in editor.text()
