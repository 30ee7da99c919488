"""Sending the outbox's SMS notices (issue 17 §3): the HTTP gateway adapter and the sender that claims due
notices, calls the gateway and journals the outcome."""
