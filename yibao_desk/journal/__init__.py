"""The local journal: an append-only, hash-chained SQLite record of every case, and the intake service."""
