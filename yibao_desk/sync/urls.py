"""Connection URLs: credentials never appear in messages or logs."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit


class SyncError(Exception):
    """A sync step failed for a reason the supervisor can act on; the message is Chinese and has no password."""


def redact(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def scrub(text: str, url: str) -> str:
    """An error message without the URL's password."""
    password = urlsplit(url).password
    return text.replace(password, "***") if password else text


def psycopg_url(url: str) -> str:
    """What psycopg accepts (it does not know SQLAlchemy's driver suffix)."""
    return re.sub(r"^postgresql\+\w+://", "postgresql://", url)


def sqlalchemy_url(url: str) -> str:
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql+psycopg://", url)


def database_name(url: str) -> str:
    return urlsplit(psycopg_url(url)).path.lstrip("/") or "postgres"
