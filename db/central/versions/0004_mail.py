"""邮寄: the mailing address and tracking number of each case in the centre's projection (issue 17 §2), as in the
local journal's revision 0006; the projection is folded anew from the events at the next refresh.

Revision ID: c0004
Revises: c0003
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "c0004"
down_revision = "c0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE yibao.cases ADD COLUMN mail_json text")
    # who folded a device last: this program writes '<its head>:<seq>'. A program from before this revision moves
    # seq without it, and the next refresh by this one sees the mismatch and folds that device again from its
    # events (what the older fold dropped — the address, a rating — comes back)
    op.execute("ALTER TABLE yibao.projection_state ADD COLUMN folded_by text")
    # fold every case again: a program before this revision dropped the address its case.opened events carried
    op.execute("DELETE FROM yibao.cases")
    op.execute("DELETE FROM yibao.projection_state")


def downgrade() -> None:
    op.execute("ALTER TABLE yibao.projection_state DROP COLUMN folded_by")
    op.execute("ALTER TABLE yibao.cases DROP COLUMN mail_json")
