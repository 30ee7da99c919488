"""邮寄: where a case's result is mailed and its tracking number (issue 17 §2), folded from case.opened,
case.amended and case.delivered.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a journal of an earlier version recorded no address: NULL says so
    op.add_column("cases", sa.Column("mail_json", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("mail_json")
