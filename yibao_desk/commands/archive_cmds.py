"""`archive --date D -o DIR [--case CASE]`: 归档 (seed 000 §十一) — each case handed over that day (or the one case)
gets its 档案号 and its case file <档案号>.pdf in DIR, journaled as case.archived."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from yibao_desk.commands.common import CliError, emit_json, parse_date
from yibao_desk.commands.journal_cmds import open_service, who_are_you, writable


def cmd_archive(args: argparse.Namespace) -> int:
    from yibao_desk.archive.export import ArchiveError, ArchiveReport, archive_day, archive_one

    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise CliError(f"{out} 是一个文件：请给出归档文件夹")
    day = parse_date(args.date, "交付日期") if args.date else dt.date.today()
    svc = open_service(args)
    writable(svc)
    number = svc.case(args.case)["case_number"] if args.case else None
    who_are_you(args, svc, args.staff)
    try:
        if number:
            report = ArchiveReport(written=[archive_one(svc, args.staff, number, out)])
            report.warnings += report.written[0].pop("warnings")
        else:
            report = archive_day(svc, args.staff, day, out)
    except ArchiveError as e:
        raise CliError(str(e)) from None
    if args.json:
        emit_json(
            {
                "date": None if number else day.isoformat(),
                "folder": str(out),
                "archived": report.written,
                "already": report.already,
                "not_handed_over": report.waiting,
                "warnings": report.warnings,
            }
        )
        return 0
    for done in report.written:
        print(f"{done['case_number']} → 档案号 {done['number']}，{done['pages']} 页：{done['path']}")
    for done in report.already:
        print(f"{done['case_number']} 已于此前归档（档案号 {done['number']}）")
    if report.waiting:
        print(f"已办结、尚未交付、暂不归档：{'、'.join(report.waiting)}")
    for w in report.warnings:
        print(f"警告：{w}")
    if not number:
        print(f"{day:%Y-%m-%d} 交付的办件：新归档 {len(report.written)} 件，此前已归档 {len(report.already)} 件")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("archive", help="归档：为已办结并交付的办件生成案卷 PDF（含档案号、文书、办件过程记录）")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="交付日期（默认今天）：归档当天交付的办件")
    p.add_argument("--case", metavar="CASE", help="只归档这一件")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="归档文件夹（每件一个 <档案号>.pdf）")
    p.add_argument("--staff", required=True, help="归档人工号")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入第 1 行读密码")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_archive)
