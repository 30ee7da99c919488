"""Archiving: one case (the 办件 page's 归档) or a day's (`yibao-desk archive --date D -o DIR`): each case completed
and handed over gets its 档案号 and its case file `<档案号>.pdf` in the folder. The file is written (complete, then
renamed into place) before `case.archived` is committed; if the record fails, the number was not taken and the next
run writes the file again under it."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from yibao_desk.archive.case_file import render_case_file
from yibao_desk.journal.events import case_dict
from yibao_desk.journal.intake import IntakeService
from yibao_desk.journal.models import Case


class ArchiveError(Exception):
    """The folder cannot take the case files; the message is Chinese."""


@dataclass
class ArchiveReport:
    written: list[dict[str, Any]] = field(default_factory=list)  # case_number, number, file, pages
    already: list[dict[str, Any]] = field(default_factory=list)  # archived before: case_number, number
    waiting: list[str] = field(default_factory=list)  # that day's cases not yet handed over
    warnings: list[str] = field(default_factory=list)


def _local_day(utc: str | None) -> dt.date | None:
    return dt.datetime.fromisoformat(utc).astimezone().date() if utc else None


def day_cases(svc: IntakeService, day: dt.date) -> tuple[list[dict[str, Any]], list[str]]:
    """The cases handed over on `day` (to archive) and those completed that day and not yet handed over."""
    with svc.journal.read() as s:
        rows = [case_dict(c) for c in s.scalars(select(Case).where(Case.status.in_(("completed", "delivered"))))]
    handed = sorted((r for r in rows if _local_day(r["delivered_utc"]) == day), key=lambda r: r["delivered_utc"])
    waiting = [r["case_number"] for r in rows if r["status"] == "completed" and _local_day(r["completed_utc"]) == day]
    return handed, sorted(waiting)


def _folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ArchiveError(f"无法创建归档文件夹 {folder}：{e.strerror or e}") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ArchiveError(f"归档文件夹 {folder} 不可写入：请换一个文件夹")


def archive_one(svc: IntakeService, staff_id: str, case_number: str, folder: Path) -> dict[str, Any]:
    """Archive one case into `folder`; what `case.archived` recorded, with the file's path."""
    _folder(folder)
    names = {s["id"]: s["name"] for s in svc.staff_list()}
    archivist = f"{names.get(staff_id, staff_id)}（{staff_id}）"
    warnings: list[str] = []

    def write(number: str) -> dict[str, Any]:
        made = render_case_file(svc, case_number, number, archivist, svc.clock().astimezone())
        warnings.extend(made.warnings)
        out = folder / f"{number}.pdf"
        tmp = out.with_name(out.name + ".partial")
        try:
            with open(tmp, "wb") as f:
                f.write(made.pdf)
                f.flush()
                os.fsync(f.fileno())
            tmp.replace(out)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise ArchiveError(f"无法写入案卷 {out}：{e.strerror or e}") from None
        return {
            "file": out.name,
            "sha256": hashlib.sha256(made.pdf).hexdigest(),
            "pages": made.pages,
            "contents": [{"title": t, "pages": n} for t, n in made.contents],
        }

    recorded = svc.archive_case(staff_id, case_number, write)
    return {**recorded, "case_number": case_number, "path": str(folder / recorded["file"]), "warnings": warnings}


def archive_day(svc: IntakeService, staff_id: str, day: dt.date, folder: Path) -> ArchiveReport:
    _folder(folder)
    report = ArchiveReport()
    handed, report.waiting = day_cases(svc, day)
    for row in handed:
        if row.get("archive_json"):
            import json

            report.already.append({"case_number": row["case_number"], **json.loads(row["archive_json"])})
            continue
        done = archive_one(svc, staff_id, row["case_number"], folder)
        report.warnings += done.pop("warnings")
        report.written.append(done)
    return report
