"""The 寄送清单 as a workbook, for the post's own system or a supervisor's records: the same columns as the PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from yibao_desk.domain.catalog import Region
from yibao_desk.mailing.mail_list import MailItem
from yibao_desk.printing.documents import wording

COLUMN_WIDTHS = (6, 24, 28, 10, 14, 44, 10, 12, 18)


def write_mail_list(items: Sequence[MailItem], day: dt.date, region: Region, window: str, path: Path) -> Path:
    w = wording()["mail_list"]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "寄送清单"
    sheet.append([f"{region.profile.agency or region.name} {w['title']}"])
    sheet.append([w["header"].format(date=f"{day:%Y年%m月%d日}", window=window, count=len(items))])
    sheet.append(list(w["columns"]))
    for i, item in enumerate(items, 1):
        row: list[object] = list(item.row(i))
        row[0] = i
        row[7] = item.completed  # a date cell: the supervisor sorts and filters by it
        sheet.append(row)
        sheet.cell(sheet.max_row, 8).number_format = "yyyy-mm-dd"
    sheet["A1"].font = Font(bold=True, size=14)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for i, width in enumerate(COLUMN_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + i)].width = width
    for col in ("B", "E", "G", "I"):  # numbers kept as text: a case number, a phone, a postcode, a 邮件号
        for cell in sheet[col][3:]:
            cell.number_format = "@"
    sheet.freeze_panes = "A4"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
