"""归档: each case's 档案号 in the centre's projection (issue 17 §5), as in the local journal's revision 0007. The
head moves, so every device is folded again at the next refresh (projection_state.folded_by).

Revision ID: c0005
Revises: c0004
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "c0005"
down_revision = "c0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE yibao.cases ADD COLUMN archive_json text")


def downgrade() -> None:
    op.execute("ALTER TABLE yibao.cases DROP COLUMN archive_json")
