"""纸质材料分发: each case's 承办部门 in the centre's projection (issue 17 §4), as in the local journal's revision 0008.
The head moves, so every device is folded again at the next refresh (projection_state.folded_by).

Revision ID: c0006
Revises: c0005
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "c0006"
down_revision = "c0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE yibao.cases ADD COLUMN department text NOT NULL DEFAULT ''")


def downgrade() -> None:
    op.execute("ALTER TABLE yibao.cases DROP COLUMN department")
