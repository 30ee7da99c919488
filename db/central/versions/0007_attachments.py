"""电子化处理: the scans of the devices' cases (issue 17 §1), stored by their SHA-256. The centre checks each file
against its name (the hash and the size are constraints), so a file under a hash is always the one the events name.
A device may add and read its own files only (the same two policies as c0002's tables).

Revision ID: c0007
Revises: c0006
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "c0007"
down_revision = "c0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE yibao.attachments (
        device_id text NOT NULL REFERENCES yibao.devices(id),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL,
        mime text NOT NULL,
        data bytea NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (device_id, sha256),
        CONSTRAINT attachment_size CHECK (octet_length(data) = size),
        CONSTRAINT attachment_hash CHECK (encode(sha256(data), 'hex') = sha256)
    );
    ALTER TABLE yibao.attachments ALTER COLUMN data SET STORAGE EXTERNAL;
    ALTER TABLE yibao.attachments ENABLE ROW LEVEL SECURITY;
    ALTER TABLE yibao.attachments FORCE ROW LEVEL SECURITY;
    CREATE POLICY own_device ON yibao.attachments FOR ALL
        USING ((SELECT yibao.current_device()) IS NOT NULL AND device_id = (SELECT yibao.current_device()))
        WITH CHECK ((SELECT yibao.current_device()) IS NOT NULL AND device_id = (SELECT yibao.current_device()));
    CREATE POLICY centre ON yibao.attachments FOR ALL
        USING ((SELECT pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE')
                FROM pg_catalog.pg_class c WHERE c.oid = 'yibao.attachments'::regclass))
        WITH CHECK ((SELECT pg_catalog.pg_has_role(current_user, c.relowner, 'USAGE')
                     FROM pg_catalog.pg_class c WHERE c.oid = 'yibao.attachments'::regclass));
    """)


def downgrade() -> None:
    op.execute("DROP TABLE yibao.attachments")
