"""归档: a case's 档案号 and case file (issue 17 §5), folded from case.archived.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # no earlier version archived a case: NULL is right for every row
    op.add_column("cases", sa.Column("archive_json", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("archive_json")
