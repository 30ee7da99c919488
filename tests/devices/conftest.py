from __future__ import annotations

from pathlib import Path

import pytest

from tests.devices.fake_sdk import built_or_skip
from tests.journal.conftest import clock, db_path, service  # noqa: F401  (the journal's fixtures: a real service)


@pytest.fixture(scope="session")
def fake_sdk(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_or_skip(tmp_path_factory.mktemp("sdk"))
