"""Where this installation keeps its files: the user data folder (platformdirs), overridable by environment."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP = "yibao-desk"


def data_dir() -> Path:
    override = os.environ.get("YIBAO_DESK_HOME")
    return Path(override) if override else Path(user_data_dir(APP, appauthor=False))


def user_holidays_dir() -> Path:
    """A supervisor drops next year's holiday file (resources/holidays/YYYY.yaml shape) here."""
    return data_dir() / "holidays"
