"""Supervisor settings, declared in resources/settings.yaml (type, default, bounds, label) and stored in the
journal's `settings` table. Every change is journaled.

A secret never enters the journal. The sync target (`sync_url`, `postgresql://role:PASSWORD@host:port/db` from
`central add-device`) is stored, returned by `write` (so journaled by the `settings.changed` event) and kept in
every backup and bundle WITHOUT its password (`postgresql://role@host:port/db`); the password goes to a file only
this user can read (journal/secrets.py), keyed per journal by `secret_key`. `read_all` gives the full URL back
(the sync code connects with it); `display_value` is what a person may see (`role:***@host`). Typed back with
`***` in place of the password (the page shows it so), the URL keeps the saved password."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import yaml

from yibao_desk.domain.paths import resources_dir
from yibao_desk.journal import secrets
from yibao_desk.journal.models import Device, Setting

# Settings whose value carries a password: stored without it, the password in a secret file.
SECRET_URLS = frozenset({"sync_url", "sms_gateway_url"})
HTTP_URLS = frozenset({"sms_gateway_url"})  # of those, the ones that are web addresses, not a PostgreSQL target
MASK = "***"


class SettingError(ValueError):
    pass


@dataclass(frozen=True)
class SettingSpec:
    key: str
    type: str
    default: Any
    label: str
    description: str = ""
    min: float | None = None
    max: float | None = None
    options: tuple[str, ...] = ()
    option_labels: Mapping[str, str] = field(default_factory=dict)  # what the settings page shows for each option

    def coerce(self, value: Any) -> Any:
        try:
            if self.type == "int":
                v: Any = int(value)
            elif self.type == "float":
                v = float(value)
            elif self.type == "choice":
                v = str(value)
                if v not in self.options:
                    raise SettingError(f"{self.label}应为：{'、'.join(self.options)}")
            else:
                v = str(value)
                if self.type == "path" and v.strip():
                    v = v.strip()
                    folder = Path(v).expanduser()
                    if not folder.is_dir():
                        raise SettingError(f"{self.label}：文件夹 {v} 不存在（请先建立，或留空使用默认位置）")
                    if not os.access(folder, os.W_OK | os.X_OK):
                        raise SettingError(f"{self.label}：文件夹 {v} 不可写入（请换一个文件夹）")
        except (TypeError, ValueError) as e:
            if isinstance(e, SettingError):
                raise
            raise SettingError(f"{self.label}应为{'整数' if self.type == 'int' else '数字'}") from None
        if isinstance(v, float) and v != v:  # NaN passes every comparison
            raise SettingError(f"{self.label}应为数字")
        if (self.min is not None and v < self.min) or (self.max is not None and v > self.max):
            raise SettingError(f"{self.label}应在 {self.min} 到 {self.max} 之间")
        return v


def missing_folder(spec: SettingSpec, value: Any) -> Path | None:
    """The folder a path setting names when it does not exist yet (the settings page offers to create it)."""
    if spec.type != "path" or not str(value).strip():
        return None
    folder = Path(str(value).strip()).expanduser()
    return None if folder.exists() else folder


def check_value(spec: SettingSpec, value: Any) -> Any:
    """A value as it would be stored, or SettingError saying why not (the declaration's type and range, a folder
    that exists and can be written, a sync target of the right form) — the settings page's and the CLI's check."""
    coerced = spec.coerce(value)
    if spec.key in SECRET_URLS and str(coerced).strip():
        split_url(spec.label, str(coerced).strip(), http=spec.key in HTTP_URLS)
    if spec.key == "sms_gateway_body":
        from yibao_desk.domain.sms import body_problem

        problem = body_problem(str(coerced))
        if problem:
            raise SettingError(f"{spec.label}：{problem}")
    return coerced


@lru_cache(maxsize=1)
def declared() -> dict[str, SettingSpec]:
    data = yaml.safe_load((resources_dir() / "settings.yaml").read_text(encoding="utf-8"))
    specs = {}
    for item in data:
        item = dict(item)
        item["options"] = tuple(item.get("options", ()))
        item["option_labels"] = {str(k): str(v) for k, v in (item.get("option_labels") or {}).items()}
        specs[item["key"]] = SettingSpec(**item)
    return specs


def split_url(label: str, url: str, http: bool = False) -> tuple[str, str | None]:
    """A sync target checked (postgresql:// or postgres://, a host, a port that is a number) — or with `http`, a web
    address (the SMS gateway's, http:// or https://) — and split into the URL without its password and the password
    (None when the URL has none). The password stays as written (percent-encoded), so putting it back gives the URL
    that was entered."""
    example = (
        "例如 https://账号:密码@短信平台主机/发送接口"
        if http
        else "例如 postgresql://角色:密码@主机:5432/库名（由中心用 central add-device 生成）"
    )
    if any(c.isspace() for c in url):
        raise SettingError(f"{label}不能含有空格或换行；{example}")
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if http and scheme not in ("http", "https"):
            raise SettingError(f"{label}应以 http:// 或 https:// 开头；{example}")
        if not http and not (scheme in ("postgresql", "postgres") or re.fullmatch(r"postgresql\+\w+", scheme)):
            raise SettingError(f"{label}应以 postgresql:// 开头；{example}")
        if not parts.hostname:
            raise SettingError(f"{label}缺少{'主机地址' if http else '中心库的主机地址'}；{example}")
        parts.port  # noqa: B018  (raises ValueError on a port that is not a number)
    except ValueError as e:
        if isinstance(e, SettingError):
            raise
        raise SettingError(f"{label}的端口不对；{example}") from None
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, colon, password = userinfo.partition(":")
    netloc = f"{user}@{hostport}" if user else hostport
    return urlunsplit(parts._replace(netloc=netloc, fragment="")), (password if colon else None)


def with_password(url: str, password: str) -> str:
    """The password-free URL with its password put back."""
    parts = urlsplit(url)
    user, at, hostport = parts.netloc.rpartition("@")
    if not at:
        return url
    return urlunsplit(parts._replace(netloc=f"{user}:{password}@{hostport}"))


def display_value(key: str, value: Any) -> Any:
    """What a person may see of a setting: a URL's password as ***; any other value as it is."""
    if key not in SECRET_URLS or not isinstance(value, str) or not value:
        return value
    parts = urlsplit(value)
    userinfo, at, hostport = parts.netloc.rpartition("@")
    user, colon, _password = userinfo.partition(":")
    if not (at and colon):
        return value
    return urlunsplit(parts._replace(netloc=f"{user}:{MASK}@{hostport}"))


def secret_key(session: Any, key: str) -> str | None:
    """The secret file's name for this journal's setting: the device id and a hash of the journal's path, so two
    journals on one PC (a second device, a practice journal) never share a password. None before `setup`."""
    device = session.query(Device).first()
    if device is None:
        return None
    url = session.connection().engine.url
    where = str(url.database or url)
    where = str(Path(where).resolve())
    digest = hashlib.sha256(where.encode("utf-8")).hexdigest()[:12]
    return f"{key}-{device.id}-{digest}"


def read_all(session: Any) -> dict[str, Any]:
    """Every declared setting's value; a URL with its saved password put back (for the code that connects)."""
    values = {k: s.default for k, s in declared().items()}
    for row in session.query(Setting).all():
        if row.key in values:
            values[row.key] = json.loads(row.value_json)
    for key in SECRET_URLS:
        value = values.get(key)
        if isinstance(value, str) and value and "@" in value and display_value(key, value) == value:
            skey = secret_key(session, key)
            try:
                password = secrets.load_password(skey) if skey else None
            except secrets.SecretError:
                password = None  # unreadable: the URL without its password, and the centre refuses it
            if password is not None:
                values[key] = with_password(value, password)
    return values


def _secret_url(session: Any, spec: SettingSpec, url: str) -> str:
    """Check a sync target, save its password apart (or forget it) and give the URL to store: without password."""
    url = url.strip()
    skey = secret_key(session, spec.key)
    if not url:
        if skey:
            _forget(skey)
        return ""
    stored, password = split_url(spec.label, url, http=spec.key in HTTP_URLS)
    if password == MASK:  # typed back as shown: keep the password this journal has
        password = _current_password(session, spec.key, skey)
        if password is None:
            raise SettingError(f"{spec.label}中的密码是 {MASK}，而本机没有保存的密码：请粘贴中心生成的完整地址")
    if skey is None:
        if password is not None:
            raise SettingError(f"本机尚未初始化，无法保存{spec.label}中的密码：请先运行 yibao-desk setup")
        return stored
    try:
        if password is None:
            secrets.forget(skey)
        else:
            secrets.save_password(skey, password)
    except secrets.SecretError as e:
        raise SettingError(str(e)) from None
    return stored


def _forget(skey: str) -> None:
    try:
        secrets.forget(skey)
    except secrets.SecretError as e:
        raise SettingError(str(e)) from None


def _current_password(session: Any, key: str, skey: str | None) -> str | None:
    """The saved password, or the one an older journal still holds in its settings row."""
    try:
        saved = secrets.load_password(skey) if skey else None
    except secrets.SecretError as e:
        raise SettingError(str(e)) from None
    if saved is not None:
        return saved
    row = session.get(Setting, key)
    if row is None:
        return None
    old = json.loads(row.value_json)
    if not isinstance(old, str) or not old:
        return None
    try:
        _stored, password = split_url(key, old, http=key in HTTP_URLS)
    except SettingError:
        return None
    return password if password != MASK else None


def write(session: Any, key: str, value: Any) -> Any:
    """Store a setting; what it returns is what is stored and journaled (for a URL: without its password)."""
    spec = declared().get(key)
    if spec is None:
        raise SettingError(f"未知的设置项 {key}")
    v = spec.coerce(value)
    if key in SECRET_URLS:
        v = _secret_url(session, spec, str(v))
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value_json=json.dumps(v, ensure_ascii=False)))
    else:
        row.value_json = json.dumps(v, ensure_ascii=False)
    return v
