"""Batch sync of journal events to the central PostgreSQL, and signed offline bundles."""
