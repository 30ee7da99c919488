"""Central schema: devices, events (one hash chain per device), rejections, acknowledgements, bundles, and the
case projection of all devices. Device roles may insert only their own events and read only their own state:
GRANTs plus row-level security (FORCE ROW LEVEL SECURITY; the ingest roles are not the owner, no BYPASSRLS).

Revision ID: c0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None

# events.device_id has no foreign key on purpose: a per-row RI trigger halves ingest speed, and row-level security
# already admits only the device's own id (owner imports check the device against yibao.devices first).
CASE_COLUMNS = """
    case_number text PRIMARY KEY, device_id text NOT NULL, region text NOT NULL, service_code text NOT NULL,
    service_name text NOT NULL, applicant_name text NOT NULL DEFAULT '', applicant_id_number text NOT NULL DEFAULT '',
    applicant_phone text NOT NULL DEFAULT '', applicant_json text NOT NULL DEFAULT '{}', agent_json text,
    unit_json text, status text NOT NULL, clerk_id text NOT NULL, opened_utc text NOT NULL, opened_local text NOT NULL,
    answers_json text NOT NULL DEFAULT '{}', materials_json text NOT NULL DEFAULT '{}', verdict_json text,
    decided_utc text, due_date text, completed_utc text, delivered_utc text, delivery text NOT NULL DEFAULT 'pickup',
    printed_json text NOT NULL DEFAULT '[]', last_seq bigint NOT NULL
"""


def upgrade() -> None:
    op.execute("""
    CREATE TABLE yibao.devices (
        id text PRIMARY KEY, role_name text UNIQUE NOT NULL, region text NOT NULL DEFAULT '',
        window_name text NOT NULL DEFAULT '', public_key text, registered_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE yibao.events (
        id uuid PRIMARY KEY, device_id text NOT NULL, seq bigint NOT NULL,
        case_number text, staff_id text NOT NULL, type text NOT NULL, payload text NOT NULL, utc text NOT NULL,
        local_time text NOT NULL, prev_hash text NOT NULL, hash text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(), UNIQUE (device_id, seq));
    CREATE TABLE yibao.rejected (
        device_id text NOT NULL REFERENCES yibao.devices(id), seq bigint NOT NULL, event_id uuid NOT NULL,
        reason text NOT NULL, at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (device_id, seq));
    CREATE TABLE yibao.acks (
        device_id text PRIMARY KEY REFERENCES yibao.devices(id), acked_seq bigint NOT NULL DEFAULT 0,
        last_sync timestamptz, last_error text);
    CREATE TABLE yibao.bundles (
        bundle_id text PRIMARY KEY, device_id text NOT NULL, first_seq bigint, last_seq bigint, count integer,
        report text NOT NULL, imported_at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE yibao.projection_state (device_id text PRIMARY KEY, seq bigint NOT NULL);
    """)
    op.execute(f"CREATE TABLE yibao.cases ({CASE_COLUMNS})")
    op.execute("""
    -- SECURITY DEFINER: inside, current_user is the owner; session_user is the role that logged in (the device)
    CREATE FUNCTION yibao.current_device() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = yibao, pg_temp AS $$ SELECT id FROM yibao.devices WHERE role_name = session_user $$;
    REVOKE ALL ON FUNCTION yibao.current_device() FROM PUBLIC;
    """)
    for table in ("events", "rejected", "acks"):
        op.execute(f"""
        ALTER TABLE yibao.{table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE yibao.{table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY own_device ON yibao.{table} FOR ALL
            USING (device_id = (SELECT yibao.current_device())) WITH CHECK (device_id = (SELECT yibao.current_device()));
        CREATE POLICY centre ON yibao.{table} FOR ALL
            USING ((SELECT yibao.current_device()) IS NULL) WITH CHECK ((SELECT yibao.current_device()) IS NULL);
        """)


def downgrade() -> None:
    op.execute("DROP TABLE yibao.cases, yibao.projection_state, yibao.bundles, yibao.acks, yibao.rejected, "
               "yibao.events, yibao.devices CASCADE; DROP FUNCTION yibao.current_device()")
