"""A local SMS gateway for the tests: an http.server on 127.0.0.1 that records every request (path, headers, JSON
body) and answers as told — 200 with a message id, an HTTP error, or a reply without the success mark."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Gateway:
    url: str = ""
    received: list[dict[str, Any]] = field(default_factory=list)
    answers: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # popped per request; then 200 ok
    hold: threading.Event | None = None  # set: each request waits for it before answering (a send cut off)

    def answer(self) -> tuple[int, dict[str, Any]]:
        if self.answers:
            return self.answers.pop(0)
        return 200, {"code": 0, "msgid": f"GW{len(self.received):04d}"}


@contextmanager
def running_gateway() -> Iterator[Gateway]:
    gw = Gateway()

    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            auth = self.headers.get("Authorization", "")
            user = base64.b64decode(auth[6:]).decode() if auth.startswith("Basic ") else ""
            split = urlsplit(self.path)
            body = json.loads(raw) if raw else {k: v[0] for k, v in parse_qs(split.query).items()}
            gw.received.append({"method": self.command, "path": split.path, "auth": user, "body": body})
            if gw.hold is not None:
                gw.hold.wait(60)
            status, reply = gw.answer()
            data = json.dumps(reply).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            if 300 <= status < 400:  # a platform that moved: where to
                self.send_header("Location", "https://elsewhere.example.cn/other")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_POST = do_PUT = do_GET = _handle

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.handle_error = lambda *_args: None  # type: ignore[method-assign]  # a client that gave up: expected
    gw.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield gw
    finally:
        server.shutdown()
        server.server_close()
