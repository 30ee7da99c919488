from tests.journal.conftest import clock, db_path, service  # noqa: F401  (the journal's fixtures)
