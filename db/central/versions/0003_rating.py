"""好差评: the ratings of each case in the centre's projection (issue 17 §6), as in the local journal's revision 0005;
the projection is folded anew from the events at the next refresh.

Revision ID: c0003
Revises: c0002
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "c0003"
down_revision = "c0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE yibao.cases ADD COLUMN ratings_json text NOT NULL DEFAULT '[]'")
    # fold every case again from its events: a program before this revision folded case.rated events without
    # keeping them (and moved projection_state past them), so the ratings already received would be lost otherwise
    op.execute("DELETE FROM yibao.cases")
    op.execute("DELETE FROM yibao.projection_state")


def downgrade() -> None:
    op.execute("ALTER TABLE yibao.cases DROP COLUMN ratings_json")
