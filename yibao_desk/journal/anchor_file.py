"""The anchor file: the journal's signed checkpoint kept a second time, beside the device identity, written off the
commit path.

A write transaction that appended events hands its signed head to `submit`; one background thread per process
replaces the file atomically (tmp + rename, not fsynced), coalescing heads that arrive faster than it writes.
The anchor can therefore lag the journal by the heads still waiting — after a power cut or a SIGKILL, or between
two processes — and a journal ahead of its anchor on the same chain is sound. Every reader in this process
(`read`, `path`, the restore) first waits for the heads it submitted, so it sees its own writes; the writer is
flushed at exit.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from yibao_desk.settings_paths import data_dir


@dataclass
class _Pending:
    journal: Path
    seq: int
    body: str
    signature: str


class _Writer:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._pending: dict[Path, _Pending] = {}
        self._writing: set[Path] = set()
        self._errors: dict[Path, str] = {}
        self._thread: threading.Thread | None = None

    def submit(self, anchor: Path, head: _Pending) -> None:
        with self._cond:
            old = self._pending.get(anchor)
            if old is None or head.seq >= old.seq:  # two threads' heads of one journal: the later one stays
                self._pending[anchor] = head
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="yibao-anchor", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def flush(self, journal: Path | None = None) -> None:
        """Wait until the heads submitted for `journal` (every journal when None) are on disk; if the thread is
        gone (interpreter shutting down) write them here."""
        with self._cond:
            while self._busy(journal):
                if self._thread is None or not self._thread.is_alive():
                    for path in [p for p in self._pending if journal is None or p == journal]:
                        self._write(path, self._pending.pop(path))
                    self._cond.notify_all()
                    return
                self._cond.wait(timeout=0.5)

    def take_error(self, journal: Path) -> str | None:
        with self._cond:
            return self._errors.pop(journal, None)

    def _busy(self, journal: Path | None) -> bool:
        if journal is None:
            return bool(self._pending or self._writing)
        return journal in self._pending or journal in self._writing

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending:
                    self._cond.wait()
                path, head = next(iter(self._pending.items()))
                del self._pending[path]
                self._writing.add(path)
            try:
                self._write(path, head)
            finally:
                with self._cond:
                    self._writing.discard(path)
                    self._cond.notify_all()

    def _write(self, anchor: Path, head: _Pending) -> None:
        try:
            write_now(head.journal, head.body, head.signature)
        except OSError as e:  # the events are committed: the journal names the failure at its next write
            self._errors[anchor] = str(e)


_writer = _Writer()
atexit.register(_writer.flush)
_names: dict[tuple[str, str], str] = {}


def _file(journal: Path) -> Path:
    folder = data_dir()
    key = (str(journal), os.getcwd() if not journal.is_absolute() else "")
    name = _names.get(key)
    if name is None:
        resolved = str(journal.expanduser().resolve())
        name = _names[key] = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:20]
    return folder / "anchors" / f"{name}.json"


def submit(journal: Path, seq: int, body: str, signature: str) -> None:
    """Write this head to the anchor file soon (after the commit that stored it in the journal)."""
    _writer.submit(_file(journal), _Pending(journal, seq, body, signature))


def failed_write(journal: Path) -> str | None:
    """Why the last background write of this journal's anchor failed, once; None when it did not."""
    return _writer.take_error(_file(journal))


def flush(journal: Path | None = None) -> None:
    _writer.flush(None if journal is None else _file(journal))


def path(journal: Path) -> Path:
    """The anchor file of this journal, with every head this process submitted written to it."""
    flush(journal)
    return _file(journal)


def write_now(journal: Path, body: str, signature: str) -> None:
    target = _file(journal)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")  # two writers in one process too
    data = {"journal": str(journal.expanduser().resolve()), "body": body, "signature": signature}
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, target)


def write(journal: Path, body: str, signature: str) -> None:
    """Replace the anchor now (a restore, a rebuild): heads still waiting are written first, then this one."""
    flush(journal)
    write_now(journal, body, signature)
