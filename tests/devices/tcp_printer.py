"""A network receipt printer played by a local TCP server: it keeps every byte it is sent."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class TcpPrinter:
    port: int
    received: bytearray = field(default_factory=bytearray)
    thread: threading.Thread | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def wait(self, timeout: float = 10) -> bytes:
        """What one connection sent, once it has closed."""
        if self.thread is not None:
            self.thread.join(timeout)
        return bytes(self.received)


@contextmanager
def tcp_printer() -> Iterator[TcpPrinter]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    printer = TcpPrinter(server.getsockname()[1])

    def serve() -> None:
        try:
            conn, _ = server.accept()
        except OSError:
            return
        with conn:
            while chunk := conn.recv(65536):
                printer.received.extend(chunk)

    printer.thread = threading.Thread(target=serve, daemon=True)
    printer.thread.start()
    try:
        yield printer
    finally:
        server.close()
