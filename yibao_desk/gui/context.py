"""What every window shares: the intake service, the catalog, the signed-in staff member; and the signals that
tell views to refresh (like Anki's change notifications)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from yibao_desk.domain.catalog import Region
from yibao_desk.journal.intake import IntakeService
from yibao_desk.journal.staff import Actor


class AppContext(QObject):
    casesChanged = Signal()  # a case was opened, decided, printed, completed, delivered or voided
    actorChanged = Signal(object)  # Actor | None
    settingsChanged = Signal()

    def __init__(self, service: IntakeService) -> None:
        super().__init__()
        self.service = service
        self.actor: Actor | None = None
        self.locked = False  # the screen is locked (idle or Ctrl+L): nothing is done in the absent clerk's name

    @property
    def catalog(self):  # type: ignore[no-untyped-def]
        return self.service.catalog

    @property
    def region(self) -> Region:
        return self.service.region()

    def window_name(self) -> str:
        device = self.service.device()
        return device.window if device else ""

    def sign_in(self, actor: Actor | None) -> None:
        self.actor = actor
        self.actorChanged.emit(actor)

    def require_actor(self) -> Actor:
        if self.actor is None:
            raise RuntimeError("no one is signed in")
        return self.actor
