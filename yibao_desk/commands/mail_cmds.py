"""`mail-list --date D -o FILE.pdf|.xlsx` and `labels --date D -o FILE.pdf [--size 100x150]`: the day's results to
be mailed (seed 000 §十1), for the 邮政物流岗位."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from yibao_desk.commands.common import CliError, emit_json, parse_date


def _output(text: str) -> Path:
    out = Path(text)
    if not out.parent.is_dir():
        raise CliError(f"文件夹不存在：{out.parent}；请先建好该文件夹，或换一个输出位置")
    if out.is_dir():
        raise CliError(f"无法写入 {out}：这是一个文件夹；请给出文件名")
    return out


def _day(args: argparse.Namespace) -> dt.date:
    return parse_date(args.date, "寄送日期") if args.date else dt.date.today()


def cmd_mail_list(args: argparse.Namespace) -> int:
    from yibao_desk.commands.journal_cmds import open_service
    from yibao_desk.mailing.export import MailingError, export_mail_list

    day, out = _day(args), _output(args.output)
    try:
        path, n = export_mail_list(open_service(args), day, out)
    except MailingError as e:
        raise CliError(str(e)) from None
    if args.json:
        emit_json({"file": str(path), "date": day.isoformat(), "count": n})
    else:
        print(f"已生成 {day:%Y-%m-%d} 寄送清单：{n} 件，{path}")
    return 0


def cmd_labels(args: argparse.Namespace) -> int:
    from yibao_desk.commands.journal_cmds import open_service
    from yibao_desk.mailing.export import MailingError, export_labels

    day, out = _day(args), _output(args.output)
    try:
        path, n = export_labels(open_service(args), day, out, args.size)
    except MailingError as e:
        raise CliError(str(e)) from None
    if args.json:
        emit_json({"file": str(path), "date": day.isoformat(), "count": n, "size": args.size})
    else:
        print(f"已生成 {n} 张邮寄标签：{path}")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("mail-list", help="当日寄送清单（PDF 或 Excel）：已办结待邮寄及当日已交寄的办理结果")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="寄送日期（默认今天）")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="输出文件：.pdf 或 .xlsx")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_mail_list)
    p = sub.add_parser("labels", help="当日寄送清单上每件的邮寄标签（PDF，含办件条码）")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="寄送日期（默认今天）")
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument(
        "--size", choices=("a4", "100x150"), default="a4", help="a4：A4 标签纸每页 8 张（默认）；100x150：热敏面单"
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_labels)
