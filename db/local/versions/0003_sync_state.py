"""Sync state of this device: what the centre acknowledged, the last success and error, and the events the centre
rejected (for the supervisor to see).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("device_id", sa.String(16), primary_key=True),
        sa.Column("acked_seq", sa.Integer, nullable=False, server_default="0"),
        sa.Column("acked_hash", sa.String(64)),
        sa.Column("last_success_utc", sa.String(32)),
        sa.Column("last_attempt_utc", sa.String(32)),
        sa.Column("last_error", sa.Text),
        sa.Column("clock_skew_seconds", sa.Float),
    )
    op.create_table(
        "sync_rejections",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at_utc", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sync_rejections")
    op.drop_table("sync_state")
