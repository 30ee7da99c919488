"""Where the data folders live: next to the package in a source tree, inside the bundle when frozen."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def project_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    override = os.environ.get("YIBAO_DESK_RESOURCES")
    return Path(override) if override else project_root() / "resources"


def cache_dir() -> Path:
    """Rebuildable caches (the validated catalog). YIBAO_DESK_HOME moves it with the rest of the user data."""
    home = os.environ.get("YIBAO_DESK_HOME")
    if home:
        return Path(home) / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("yibao-desk", appauthor=False))
