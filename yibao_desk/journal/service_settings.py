"""The intake service's settings part: read and change the settings, and journal each ledger export."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from yibao_desk.journal import staff as staff_mod
from yibao_desk.journal.events import append
from yibao_desk.journal.service_base import ServiceBase


class ServiceSettings(ServiceBase):
    def settings(self) -> dict[str, Any]:
        from yibao_desk.journal import settings as settings_mod

        with self.journal.read() as s:
            return settings_mod.read_all(s)

    def change_setting(self, staff_id: str, key: str, value: Any) -> Any:
        from yibao_desk.journal import settings as settings_mod

        with self.journal.write() as s:
            device = self._device(s)
            actor = self._require(s, staff_id, "settings.change")
            stored = settings_mod.write(s, key, value)
            s.flush()
            append(s, device.id, actor.staff_id, "settings.changed", {"key": key, "value": stored}, clock=self.clock)
        return stored

    def record_export(self, staff_id: str | None, details: Mapping[str, Any]) -> None:
        """Journal a ledger export (who, when, what range, full IDs or not). No staff member: a masked export from
        the command line, journaled under the operating-system user."""
        import getpass

        if self.journal.read_only:
            return  # a damaged journal takes no new event; the export itself is what the supervisor needs
        with self.journal.write() as s:
            device = self._device(s)
            if staff_id is None:
                actor_id, extra = "-", {"os_user": getpass.getuser()}
            else:
                actor_id, extra = staff_mod.active_actor(s, staff_id).staff_id, {}
            append(s, device.id, actor_id, "ledger.exported", {**details, **extra}, clock=self.clock)
