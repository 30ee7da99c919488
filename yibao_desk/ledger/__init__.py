"""The supervisor's daily Excel ledger (台账)."""
