"""Alembic environment of the central PostgreSQL schema (separate from the local journal's)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

config = context.config
connection = config.attributes.get("connection")

if connection is not None:
    context.configure(connection=connection, version_table_schema="yibao")
    with context.begin_transaction():
        context.run_migrations()
else:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as conn:
        context.configure(connection=conn, version_table_schema="yibao")
        with context.begin_transaction():
            context.run_migrations()
