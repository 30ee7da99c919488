"""Row-level security fails closed (issue 13 row 8).

c0001 admitted every row to any role for which yibao.current_device() is NULL (policy `centre`), meant for the
centre's own connection. But current_device() is also NULL for a login role that is a member of the devices' group
and has no row in yibao.devices (made by hand, or a device whose row was removed): it read every device's events
and could insert events for any device.

Now a role is admitted by exactly one of:
- `own_device`: the rows of its own device; a role without a device row (current_device() NULL) matches nothing,
  reads nothing and fails every WITH CHECK;
- `centre`: the owner of the table, or a role with the owner's privileges (the same test PostgreSQL applies when it
  lets an owner bypass row security; FORCE ROW LEVEL SECURITY stays, so a non-superuser owner needs this policy).
  The owner is read from pg_class when the query runs, so the policy follows ALTER TABLE ... OWNER TO.
Superusers bypass row security as before.

Revision ID: c0002
Revises: c0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None

# every table the devices' group is granted anything on (sync/central.py init); each one must have both policies
# (c0007 adds yibao.attachments with the same two)
TABLES = ("events", "rejected", "acks")


def upgrade() -> None:
    for table in TABLES:
        op.execute(f"""
        ALTER TABLE yibao.{table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE yibao.{table} FORCE ROW LEVEL SECURITY;
        DROP POLICY IF EXISTS centre ON yibao.{table};
        DROP POLICY IF EXISTS own_device ON yibao.{table};
        CREATE POLICY own_device ON yibao.{table} FOR ALL
            USING ((SELECT yibao.current_device()) IS NOT NULL AND device_id = (SELECT yibao.current_device()))
            WITH CHECK ((SELECT yibao.current_device()) IS NOT NULL AND device_id = (SELECT yibao.current_device()));
        CREATE POLICY centre ON yibao.{table} FOR ALL
            USING ((SELECT pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE')
                    FROM pg_catalog.pg_class c WHERE c.oid = 'yibao.{table}'::regclass))
            WITH CHECK ((SELECT pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE')
                         FROM pg_catalog.pg_class c WHERE c.oid = 'yibao.{table}'::regclass));
        """)


def downgrade() -> None:
    # back to c0001's policies (which admit a group member without a device row: the defect this revision fixes)
    for table in TABLES:
        op.execute(f"""
        DROP POLICY IF EXISTS centre ON yibao.{table};
        DROP POLICY IF EXISTS own_device ON yibao.{table};
        CREATE POLICY own_device ON yibao.{table} FOR ALL
            USING (device_id = (SELECT yibao.current_device()))
            WITH CHECK (device_id = (SELECT yibao.current_device()));
        CREATE POLICY centre ON yibao.{table} FOR ALL
            USING ((SELECT yibao.current_device()) IS NULL)
            WITH CHECK ((SELECT yibao.current_device()) IS NULL);
        """)
