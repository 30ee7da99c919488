"""`yibao-desk ledger`: the supervisor's Excel ledger."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from yibao_desk.commands.common import CliError, emit_json, parse_date


def _check_output(out: Path) -> None:
    """The folder of the workbook is there (it is not made: a mistyped folder is said, not created)."""
    folder = out.parent
    if not folder.exists():
        raise CliError(f"文件夹不存在：{folder}；请先建好该文件夹，或换一个输出位置")
    if not folder.is_dir():
        raise CliError(f"{folder} 不是文件夹；请换一个输出位置")
    if out.is_dir():
        raise CliError(f"无法写入 {out}：这是一个文件夹；请给出 .xlsx 文件名")


def cmd_ledger(args: argparse.Namespace) -> int:
    from yibao_desk.commands.journal_cmds import open_service, read_passwords
    from yibao_desk.ledger.export import export_ledger
    from yibao_desk.ledger.rows import LedgerQuery

    start = parse_date(args.from_, "开始日期")
    end = parse_date(args.to, "结束日期") if args.to else start
    if args.full_id and not args.staff:
        raise CliError("--full-id 需要主管身份：请同时给出 --staff 主管工号（密码从提示或 --password-stdin 读取）")
    if end < start:
        raise CliError(f"结束日期 {end.isoformat()} 早于开始日期 {start.isoformat()}")
    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        raise CliError("输出文件应以 .xlsx 结尾")
    _check_output(out)
    svc = open_service(args)
    staff_id = args.staff
    if args.full_id:
        svc.require_role(staff_id, "ledger.full_id")  # a clerk is refused before being asked for a password
        (password,) = read_passwords(args, [f"主管 {staff_id} 的密码"])
        svc.login(staff_id, password)
    query = LedgerQuery(start, end, args.window, args.full_id, args.source, dt.date.today())
    try:
        path, n = export_ledger(svc, staff_id, query, out)
    except OSError as e:  # the workbook is written before the export is journaled: nothing is recorded
        raise CliError(f"无法写入 {out}（{e.strerror or e}）；未导出台账") from None
    if args.json:
        emit_json({"file": str(path), "rows": n, "full_id": args.full_id})
    else:
        print(f"已导出 {n} 个办件到 {path}" + ("（含完整证件号码，已记入日志）" if args.full_id else ""))
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ledger", help="导出台账（Excel）")
    p.add_argument("--from", dest="from_", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", metavar="YYYY-MM-DD")
    p.add_argument("--source", default="local", help="local（本机日志，默认）或中心库连接地址")
    p.add_argument("--window", help="只导出某个窗口（窗口名称或设备编号）")
    p.add_argument("--full-id", action="store_true", help="完整证件号码（仅主管，需密码）")
    p.add_argument("--staff", help="导出人工号（--full-id 时必填；不给出时以系统用户名记入日志）")
    p.add_argument("--password-stdin", action="store_true")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ledger)
