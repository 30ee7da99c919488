"""The 高拍仪's or the scanner's save folder (设置 → 扫描文件夹): a file that appears there is announced once it is
complete — its size unchanged over three looks half a second apart and the file readable (a scanner writes in
pieces, and may hold the file open) — so the intake page can put it on the material under the cursor. Files that
were there before the watch began are left alone; nothing in the folder is moved or removed. A folder that is not
there (a network share not yet connected) is looked for again every few seconds."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

LOOK_MS = 250
STEADY_LOOKS = 2  # equal sizes in a row after the first look: ~0.5 s without growth
RETRY_MS = 5000
SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".pdf"}


class ScanWatcher(QObject):
    arrived = Signal(object)  # Path

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder: Path | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._look)
        self._seen: set[str] = set()
        self._growing: dict[str, tuple[int, int]] = {}  # name → (last size, looks it stayed so)
        self._timer = QTimer(self)
        self._timer.setInterval(LOOK_MS)
        self._timer.timeout.connect(self._settle)
        self._ready: list[Path] = []  # complete, to be announced one at a time from the event loop
        self._announcing = False
        self._emitter = QTimer(self)
        self._emitter.setSingleShot(True)
        self._emitter.setInterval(0)
        self._emitter.timeout.connect(self._announce)
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._attach_folder)

    def set_folder(self, folder: Path | None) -> str:
        """Watch `folder` (None: stop). Returns what the status line says about it."""
        if self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())
        self._growing.clear()
        self._timer.stop()
        self._retry.stop()
        self.folder = folder
        self._seen = set()
        if folder is None:
            return ""
        if not self._attach_folder(first=True):
            self._retry.start()
            return f"扫描文件夹 {folder} 不存在或无法读取：找到后即开始监视高拍仪的扫描"
        return f"正在监视扫描文件夹 {folder}"

    def _names(self) -> set[str] | None:
        assert self.folder is not None
        try:
            return {p.name for p in self.folder.iterdir()}
        except OSError:  # gone, or a share not reachable: looked for again
            return None

    def _attach_folder(self, first: bool = False) -> bool:
        if self.folder is None:
            return False
        names = self._names()
        if names is None:
            return False
        if first or not self._seen:
            self._seen = names  # what was there before the watch: left alone
        self._watcher.addPath(str(self.folder))
        self._retry.stop()
        self._look()
        return True

    def _look(self, _path: str = "") -> None:
        if self.folder is None:
            return
        names = self._names()
        if names is None:  # the folder went away: QFileSystemWatcher has dropped it
            self._retry.start()
            return
        for name in names - self._seen - set(self._growing):
            if not name.startswith((".", "~")) and Path(name).suffix.lower() in SUFFIXES:
                self._growing[name] = (-1, 0)
        if self._growing and not self._timer.isActive():
            self._timer.start()

    def _settle(self) -> None:
        if self.folder is None:
            self._timer.stop()
            return
        ready = []
        for name, (last, steady) in list(self._growing.items()):
            path = self.folder / name
            try:
                size = path.stat().st_size
            except OSError:
                self._growing.pop(name, None)  # gone again (the scanner's temporary file)
                continue
            if size == 0 or size != last:
                self._growing[name] = (size, 0)
                continue
            if steady + 1 < STEADY_LOOKS:
                self._growing[name] = (size, steady + 1)
                continue
            try:
                with open(path, "rb") as f:
                    f.read(1)
            except OSError:  # still held by the scanner: looked at again
                self._growing[name] = (size, 0)
                continue
            self._growing.pop(name, None)
            self._seen.add(name)
            ready.append(path)
        if not self._growing:
            self._timer.stop()
        if ready:  # after the loop, queued: a dialog the page opens cannot run this loop again
            self._ready.extend(ready)
            self._emitter.start()

    def _announce(self) -> None:
        """One file at a time: while the page handles one (a message box of its own may be open), the next waits."""
        if not self._ready or self._announcing:
            return
        path = self._ready.pop(0)
        self._announcing = True
        try:
            self.arrived.emit(path)
        finally:
            self._announcing = False
        if self._ready:
            self._emitter.start()
