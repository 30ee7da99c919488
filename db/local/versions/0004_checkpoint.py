"""The signed checkpoint of the journal's head, and the reason writes are halted (a journal found behind or
different from the centre).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checkpoint",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("signature", sa.String(128), nullable=False),
    )
    op.add_column("sync_state", sa.Column("halt_reason", sa.Text))
    op.create_index("ix_events_type", "events", ["type"])  # the start-up check counts openings and staff events


def downgrade() -> None:
    with op.batch_alter_table("sync_state") as batch:
        batch.drop_column("halt_reason")
    op.drop_index("ix_events_type", "events")
    op.drop_table("checkpoint")
