"""Supervisor settings, and how a case's result is delivered (pick-up or mail).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value_json", sa.Text, nullable=False),
    )
    # A plain ADD COLUMN keeps every existing row (no table rebuild), so an old journal upgrades without loss.
    op.add_column("cases", sa.Column("delivery", sa.String(16), nullable=False, server_default="pickup"))


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("delivery")
    op.drop_table("settings")
