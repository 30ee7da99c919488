"""Driving the real program as a person does: keys to the focused widget, Chinese text committed by an input method,
menu entries found by their visible text, buttons by their visible label, modal dialogs answered as they appear.

Nothing here calls a page's methods or sets a widget's state; it only reads what is on screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMainWindow, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot


@dataclass
class Person:
    """A clerk at the keyboard. `presses` counts the keys beyond typing personal data (the bench's figure)."""

    qtbot: QtBot
    presses: int = 0
    handled: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    _expect: list[tuple[type[QWidget], Callable[[QWidget], None], str]] = field(default_factory=list)
    _timer: QTimer | None = None
    _unexpected_ticks: int = 0

    # -- the keyboard ----------------------------------------------------------------------------------------

    def focused(self) -> QWidget:
        """The widget that takes the keys. The offscreen platform does not always activate a window as a window
        manager would (a dialog just opened, the main window after a dialog closed): activate it, as a person's
        click on it would. Shortcuts only answer in the active window."""
        target = QApplication.activeModalWidget()
        if target is None:
            dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
            target = dialogs[-1] if dialogs else None
        if target is None:
            windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
            target = windows[-1] if windows else None
        if target is not None and QApplication.activeWindow() is not target:

            def active() -> bool:  # asked again at each look: a window closing meanwhile may take it back
                if QApplication.activeWindow() is target:
                    return True
                target.activateWindow()
                return False

            self.qtbot.waitUntil(active, timeout=10_000)
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def key(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, count: bool = True
    ) -> None:
        QTest.keyClick(self.focused(), key, modifier)
        self.presses += count
        self.settle()

    def keys(self, text: str, count: bool = True) -> None:
        """ASCII typed key by key (a search, a staff id, a scanned number)."""
        assert text.isascii(), text
        QTest.keyClicks(self.focused(), text)
        self.presses += len(text) if count else 0
        self.settle()

    def write(self, text: str) -> None:
        """Personal data: Chinese arrives as an input method's commit, ASCII as keys; not counted as presses."""
        if text.isascii():
            QTest.keyClicks(self.focused(), text)
            self.settle()
            return
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(self.focused(), event)
        self.settle()

    def settle(self) -> None:
        """What happens between two keys of a person: the events the last key queued are processed."""
        QApplication.processEvents()

    # -- what the eye finds ---------------------------------------------------------------------------------

    def menu(self, window: QMainWindow, *path: str) -> None:
        """Trigger a menu entry by its visible text, e.g. menu(w, "程序", "导出台账")."""
        actions = window.menuBar().actions()
        for i, label in enumerate(path):
            found: QAction | None = next((a for a in actions if a.text().split("\t")[0] == label), None)
            assert found is not None, f"no menu entry {label!r}; visible: {[a.text() for a in actions]}"
            assert found.isVisible() and found.isEnabled(), f"menu entry {label!r} is not available"
            if i == len(path) - 1:
                QTimer.singleShot(0, found.trigger)  # a dialog it opens runs its own loop: never block here
                return
            sub = found.menu()
            assert isinstance(sub, QMenu), label
            actions = sub.actions()

    def click(self, root: QWidget, label: str) -> None:
        """Click the visible button whose text is `label` (after any shortcut hint such as （Ctrl+P） is ignored)."""
        button = self.button(root, label)
        QTimer.singleShot(0, lambda: QTest.mouseClick(button, Qt.MouseButton.LeftButton))

    def button(self, root: QWidget, label: str) -> QAbstractButton:
        def plain(text: str) -> str:
            return text.replace("&", "").split("（")[0].strip()

        visible = [b for b in root.findChildren(QAbstractButton) if b.isVisible()]
        found = [b for b in visible if plain(b.text()) == label]
        assert found, f"no visible button {label!r}; visible: {[b.text() for b in visible]}"
        return found[0]

    # -- dialogs that run their own loop --------------------------------------------------------------------

    def expect(self, kind: type[QWidget], answer: Callable[[QWidget], None], name: str) -> None:
        """When a modal `kind` becomes active, `answer(dialog)` runs once (in the dialog's own event loop)."""
        self._expect.append((kind, answer, name))
        if self._timer is None:
            self._timer = QTimer()
            self._timer.timeout.connect(self._tick)
            self._timer.start(25)

    def expect_ready(
        self,
        kind: type[QWidget],
        ready: Callable[[QWidget], bool],
        answer: Callable[[QWidget], None],
        name: str,
        ticks: int = 1200,
    ) -> None:
        """Like `expect`, once `ready(dialog)` holds (background work the dialog shows has finished). It looks
        again at each tick rather than waiting inside the dialog's loop, which would block that very work."""
        left = [ticks]

        def check(dialog: QWidget) -> None:
            if ready(dialog):
                answer(dialog)
                return
            left[0] -= 1
            assert left[0] > 0, f"{name}: never ready"
            self.handled.remove(name)
            self._expect.insert(0, (kind, check, name))

        self.expect(kind, check, name)

    def _waiting_dialog(self) -> QWidget | None:
        """The modal dialog, or else an expected dialog already on screen before its exec() (the program shows its
        login window at once and makes it modal only when start-up is done: a person types into it anyway)."""
        modal = QApplication.activeModalWidget()
        if modal is not None:
            return modal
        shown = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and self._expect and isinstance(w, self._expect[0][0])
        ]  # only the next expected step: a dialog shown early must not jump the queue
        return shown[-1] if shown else None

    def _tick(self) -> None:
        modal = self._waiting_dialog()
        if modal is None:
            return
        if self.errors:  # something went wrong: close every dialog, so the test fails instead of hanging
            if isinstance(modal, QDialog):
                modal.reject()
            return
        if isinstance(modal, QMessageBox) and not any(k is QMessageBox for k, _a, _n in self._expect):
            # a box Qt itself shows (the print dialog's own warnings): a person would see it, so the test fails
            self.errors.append(f"unexpected message box: {modal.text()}")
            modal.reject()
            return
        if not any(isinstance(modal, kind) for kind, _a, _n in self._expect):
            self._unexpected_ticks += 1
            if self._unexpected_ticks > 200:  # 5 s of a dialog no step of the test expects: fail, do not hang
                self.errors.append(f"unexpected dialog: {type(modal).__name__} {modal.windowTitle()}")
                if isinstance(modal, QDialog):
                    modal.reject()
            return
        self._unexpected_ticks = 0
        for i, (kind, answer, name) in enumerate(self._expect):
            if isinstance(modal, kind):
                del self._expect[i]
                self.handled.append(name)
                try:
                    answer(modal)
                except BaseException as e:  # never leave a modal dialog open: the test would hang, not fail
                    self.errors.append(f"{name}: {type(e).__name__}: {e}")
                    if isinstance(modal, QDialog):
                        modal.reject()
                return

    def wait_handled(self, name: str, timeout: int = 30_000) -> None:
        self.qtbot.waitUntil(lambda: name in self.handled or bool(self.errors), timeout=timeout)
        assert not self.errors, self.errors

    def close(self) -> None:
        """The test is over: the watch on dialogs ends (the `person` fixture calls this)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer.deleteLater()
            self._timer = None
        self._expect.clear()

    def stop(self) -> None:
        """Every expected dialog has appeared and nothing went wrong (the watch goes on for the next step)."""
        assert not self.errors, self.errors
        assert not self._expect, f"dialogs that never appeared: {[n for _k, _a, n in self._expect]}"
