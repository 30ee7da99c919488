"""纸质材料分发: the 承办部门 a case's papers go to (issue 17 §4), folded from case.opened and case.amended.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # no earlier version recorded one: "" (not chosen) is right for every row
    op.add_column("cases", sa.Column("department", sa.String(64), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("department")
