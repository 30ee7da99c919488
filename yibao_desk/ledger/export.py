"""Exporting the ledger from this window's journal (or, with sync, from the central database), journaled."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from yibao_desk.ledger.rows import LedgerQuery, LedgerRow, build_rows
from yibao_desk.ledger.workbook import Progress, write_ledger
from yibao_desk.printing.official import COMPOSED

if TYPE_CHECKING:
    from yibao_desk.domain.catalog import Catalog
    from yibao_desk.journal.intake import IntakeService


class LedgerError(Exception):
    """The ledger cannot be exported as asked; the message is Chinese."""


def _doc_titles(catalog: Catalog) -> dict[str, str]:
    titles = {f.id: f.title for f in catalog.forms.values()}
    titles.update(COMPOSED)
    return titles


def local_rows(svc: IntakeService, query: LedgerQuery) -> list[LedgerRow]:
    cases = svc.cases(query.start, until=query.end)
    device = svc.device()
    windows = {device.id: device.window} if device else {}
    clerks = {s["id"]: s["name"] for s in svc.staff_list()}
    return build_rows(cases, windows, clerks, _doc_titles(svc.catalog), query)


def export_ledger(
    svc: IntakeService,
    staff_id: str | None,
    query: LedgerQuery,
    path: Path,
    progress: Progress | None = None,
) -> tuple[Path, int]:
    """Write the workbook. Full ID numbers only for a supervisor (the caller has checked the password); every
    export is journaled: who, when, which range, whether full IDs were shown. Without a staff member (a masked
    ledger from the command line) the export is journaled under the operating-system user."""
    if query.end < query.start:
        raise LedgerError("结束日期早于开始日期")
    if staff_id is None:
        if query.full_id:
            raise LedgerError("含完整证件号码的台账需要主管身份")
        import getpass

        exporter, actor_id = f"命令行（系统用户 {getpass.getuser()}）", None
    else:
        actor = svc.require_role(staff_id, "ledger.full_id" if query.full_id else "ledger.export")
        exporter, actor_id = f"{actor.name}（{actor.staff_id}）", actor.staff_id
    if query.source == "local":
        rows = local_rows(svc, query)
        device = svc.device()
        source_label = f"本机日志 {svc.journal.path}（窗口：{device.window if device else ''}）"
    else:
        from yibao_desk.sync.central_ledger import central_rows

        rows = central_rows(query.source, svc.catalog, query)
        source_label = "县级中心库（全部已同步的窗口）"
    write_ledger(path, rows, query, exporter, source_label, progress)
    svc.record_export(
        actor_id,
        {
            "from": query.start.isoformat(),
            "to": query.end.isoformat(),
            "window": query.window,
            "full_id": query.full_id,
            "source": "local" if query.source == "local" else "central",
            "rows": len(rows),
            "file": str(path),
        },
    )
    return path, len(rows)
