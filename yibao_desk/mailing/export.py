"""A day's 寄送清单 and labels written to a file — one door for the GUI and the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from yibao_desk.journal.intake import IntakeService
from yibao_desk.mailing.labels import LabelSize, Sender, render_labels
from yibao_desk.mailing.list_pdf import render_mail_list
from yibao_desk.mailing.list_xlsx import write_mail_list
from yibao_desk.mailing.mail_list import mail_items

LIST_SUFFIXES = (".pdf", ".xlsx")


class MailingError(Exception):
    """A list or labels that cannot be written, said in words the clerk can act on."""


def sender(service: IntakeService) -> Sender:
    region = service.region()
    device = service.device()
    phones = region.profile.phones.consultation
    return Sender(region.profile.agency or region.name, device.window if device else "", phones[0] if phones else "")


def export_mail_list(service: IntakeService, day: dt.date, path: Path) -> tuple[Path, int]:
    """`day`'s 寄送清单 as PDF or xlsx (by the file's suffix); the number of results on it."""
    suffix = path.suffix.lower()
    if suffix not in LIST_SUFFIXES:
        raise MailingError("寄送清单的文件名应以 .pdf 或 .xlsx 结尾")
    items = mail_items(service, day)
    region, window = service.region(), sender(service).window
    try:
        if suffix == ".pdf":
            _write(path, render_mail_list(items, day, region, window).pdf)
        else:
            write_mail_list(items, day, region, window, path)
    except OSError as e:
        raise MailingError(f"无法写入 {path}（{e.strerror or e}）") from None
    return path, len(items)


def export_labels(service: IntakeService, day: dt.date, path: Path, size: LabelSize = "a4") -> tuple[Path, int]:
    """The address labels of `day`'s 寄送清单 still to be posted (one already posted has its label on it) as a PDF;
    how many."""
    if path.suffix.lower() != ".pdf":
        raise MailingError("标签的文件名应以 .pdf 结尾")
    items = [i for i in mail_items(service, day) if i.labelled]
    if not items:
        raise MailingError(f"{day:%Y年%m月%d日}没有待寄送的办理结果，无需打印标签")
    try:
        _write(path, render_labels(items, sender(service), size).pdf)
    except OSError as e:
        raise MailingError(f"无法写入 {path}（{e.strerror or e}）") from None
    return path, len(items)


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(path)
