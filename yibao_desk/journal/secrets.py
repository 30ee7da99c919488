"""Secrets kept out of the journal: a password a setting needs (the sync target's) lives in a file of its own in
the user data folder, `secrets/<key>.secret`, readable only by the user who runs the program.

The journal (its `settings` table, its events, every backup and bundle made of it, the centre's copy of the events)
never holds the password; the file never leaves this PC. On POSIX the file is created 0600 in a 0700 folder; on
Windows the user data folder (AppData) is already the user's alone.

Keys name what the secret belongs to; `journal.settings.secret_key` makes them per journal (device id and a hash of
the journal's path), so two journals on one PC never share a password."""

from __future__ import annotations

import os
import re
import secrets as _random
from pathlib import Path

from yibao_desk.settings_paths import data_dir

KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")


class SecretError(Exception):
    """A secret file could not be written or read; the message is Chinese and names the file, never the secret."""


def secrets_dir() -> Path:
    return data_dir() / "secrets"


def secret_path(key: str) -> Path:
    if not KEY.fullmatch(key) or ".." in key:
        raise ValueError(f"invalid secret key {key!r}")
    return secrets_dir() / f"{key}.secret"


def save_password(key: str, password: str) -> Path:
    """Write the password (created 0600, flushed, then renamed over the old one: a crash leaves the old or the new,
    never half of one)."""
    path = secret_path(key)
    folder = path.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(folder, 0o700)
        tmp = folder / f".{key}.{_random.token_hex(6)}.partial"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(password.encode("utf-8"))
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        if os.name == "posix":
            os.chmod(path, 0o600)
    except OSError as e:
        raise SecretError(f"无法把密码保存到 {path}（{e.strerror or e}）") from None
    return path


def load_password(key: str) -> str | None:
    """The saved password, or None when there is none."""
    path = secret_path(key)
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as e:
        raise SecretError(f"无法读取本机保存的密码 {path}（{getattr(e, 'strerror', None) or e}）") from None


def forget(key: str) -> None:
    """Remove the saved password (nothing to do when there is none)."""
    path = secret_path(key)
    try:
        path.unlink(missing_ok=True)
    except OSError as e:
        raise SecretError(f"无法删除本机保存的密码 {path}（{e.strerror or e}）") from None
