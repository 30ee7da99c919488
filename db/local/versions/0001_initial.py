"""The first journal: device, staff, cases (projection) and the append-only events.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "device",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("region", sa.String(32), nullable=False),
        sa.Column("window", sa.String(64), nullable=False),
        sa.Column("created_utc", sa.String(32), nullable=False),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
        sa.Column("locked_until_utc", sa.String(32)),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_utc", sa.String(32), nullable=False),
    )
    op.create_table(
        "cases",
        sa.Column("case_number", sa.String(48), primary_key=True),
        sa.Column("device_id", sa.String(16), sa.ForeignKey("device.id"), nullable=False),
        sa.Column("region", sa.String(32), nullable=False),
        sa.Column("service_code", sa.String(32), nullable=False),
        sa.Column("service_name", sa.Text, nullable=False),
        sa.Column("applicant_name", sa.Text, nullable=False, server_default=""),
        sa.Column("applicant_id_number", sa.String(32), nullable=False, server_default=""),
        sa.Column("applicant_phone", sa.String(32), nullable=False, server_default=""),
        sa.Column("applicant_json", sa.Text, nullable=False, server_default="{}"),
        sa.Column("agent_json", sa.Text),
        sa.Column("unit_json", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("clerk_id", sa.String(32), nullable=False),
        sa.Column("opened_utc", sa.String(32), nullable=False),
        sa.Column("opened_local", sa.String(40), nullable=False),
        sa.Column("answers_json", sa.Text, nullable=False, server_default="{}"),
        sa.Column("materials_json", sa.Text, nullable=False, server_default="{}"),
        sa.Column("verdict_json", sa.Text),
        sa.Column("decided_utc", sa.String(32)),
        sa.Column("due_date", sa.String(10)),
        sa.Column("completed_utc", sa.String(32)),
        sa.Column("delivered_utc", sa.String(32)),
        sa.Column("printed_json", sa.Text, nullable=False, server_default="[]"),
        sa.Column("last_seq", sa.Integer, nullable=False),
    )
    op.create_index("ix_cases_opened", "cases", ["opened_local"])
    op.create_index("ix_cases_status", "cases", ["status"])
    op.create_index("ix_cases_id_number", "cases", ["applicant_id_number"])
    op.create_table(
        "events",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("device_id", sa.String(16), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("case_number", sa.String(48)),
        sa.Column("staff_id", sa.String(32), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("utc", sa.String(32), nullable=False),
        sa.Column("local_time", sa.String(40), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.UniqueConstraint("device_id", "seq", name="uq_events_device_seq"),
    )
    op.create_index("ix_events_case", "events", ["case_number", "seq"])
    # Append-only: the program never updates or deletes an event; a correction is a new event.
    op.execute(
        "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
    )
    op.execute(
        "CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
    )


def downgrade() -> None:
    op.drop_table("events")
    op.drop_table("cases")
    op.drop_table("staff")
    op.drop_table("device")
