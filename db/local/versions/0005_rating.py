"""好差评: a case's ratings (issue 17 §6), folded from its `case.rated` events.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN keeps every row: a journal of an earlier version has no ratings, which is what '[]' says
    op.add_column("cases", sa.Column("ratings_json", sa.Text, nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("ratings_json")
