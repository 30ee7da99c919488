from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from yibao_desk.domain.catalog import Catalog, load_catalog
from yibao_desk.domain.working_days import Calendar, load_calendar


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def calendar() -> Calendar:
    return load_calendar()


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user data folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("YIBAO_DESK_HOME", str(home))
    monkeypatch.delenv("YIBAO_DESK_DB", raising=False)
