"""`holidays list` (every year the calendar knows, shipped or entered here) and `holidays add-year --file FILE`
(a supervisor enters the State Council's 放假安排 for a year: the file in the shape of resources/holidays/YYYY.yaml,
YAML or JSON; checked, every problem at once, before the password is asked; journaled and used at once)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from yibao_desk.commands.common import CliError, emit_json
from yibao_desk.commands.journal_cmds import open_service, who_are_you, writable

MAX_FILE_BYTES = 256 * 1024


def _read(path: str) -> Any:
    import yaml

    file = Path(path)
    try:
        raw = file.read_bytes()
    except OSError as e:
        raise CliError(f"无法读取节假日安排文件 {path}：{e.strerror or e}") from None
    if len(raw) > MAX_FILE_BYTES:
        raise CliError(f"节假日安排文件 {path} 过大（最多 {MAX_FILE_BYTES // 1024} KB）")
    try:
        return yaml.safe_load(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CliError(f"节假日安排文件 {path} 不是 UTF-8 文字；请以 UTF-8 编码保存") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"（第 {mark.line + 1} 行）" if mark is not None else ""
        raise CliError(f"节假日安排文件 {path} 格式错误{where}：应与 resources/holidays/2026.yaml 同样的格式") from None


def _line(year: dict[str, Any]) -> str:
    ranges = "、".join(f"{h['name']} {h['from']}至{h['to']}" for h in year["holidays"])
    makeup = "、".join(year["makeup_workdays"]) or "无"
    where = "本窗口录入" if year.get("entered_here") else "程序自带"
    return f"{year['year']}年（{where}）：{ranges}；调休上班：{makeup}"


def cmd_holidays_list(args: argparse.Namespace) -> int:
    years = open_service(args).holiday_years()
    if args.json:
        emit_json(years)
        return 0
    for year in years:
        print(_line(year))
    return 0


def cmd_holidays_add_year(args: argparse.Namespace) -> int:
    from yibao_desk.domain.holiday_year import HolidayYearError, parse_year

    data = _read(args.file)
    try:
        parse_year(data, f"节假日安排文件 {args.file}")  # refused before anyone is asked for a password
    except HolidayYearError as e:
        raise CliError(str(e)) from None
    svc = open_service(args)
    writable(svc)
    who_are_you(args, svc, args.staff)
    added = {**svc.add_holiday_year(args.staff, data).as_data(), "entered_here": True}
    if args.json:
        emit_json(added)
    else:
        print(f"已录入并启用：{_line(added)}")
    return 0


def register(sub: Any) -> None:
    holidays = sub.add_parser("holidays", help="法定节假日安排：查看、录入下一年").add_subparsers(
        dest="holidays_command", required=True
    )
    p = holidays.add_parser("list", help="程序已知的每一年放假与调休安排")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_holidays_list)
    p = holidays.add_parser("add-year", help="录入一年的放假安排（主管，需输入密码；记入日志，立即用于承诺办结日期）")
    p.add_argument("--file", required=True, metavar="FILE", help="与 resources/holidays/2026.yaml 同格式的文件")
    p.add_argument("--staff", required=True, metavar="SUPERVISOR", help="主管工号")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入第 1 行读主管密码")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_holidays_add_year)
