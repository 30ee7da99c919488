"""The centre's revisions as the program knows them (CENTRAL_HEAD, CENTRAL_REVISIONS) are those in db/central: the
schema check that refuses an older centre reads them."""

from __future__ import annotations

from alembic.config import Config
from alembic.script import ScriptDirectory

from yibao_desk.domain.paths import project_root
from yibao_desk.sync.central import CENTRAL_HEAD, CENTRAL_REVISIONS


def test_the_program_knows_every_central_revision_in_order() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(project_root() / "db" / "central"))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == CENTRAL_HEAD
    walked = [r.revision for r in script.walk_revisions()]  # newest first
    assert tuple(reversed(walked)) == CENTRAL_REVISIONS
