"""`handoff --date D [--dept NAME] -o FILE.pdf` and `handoff confirm --date D --dept NAME --receiver NAME --by STAFF`:
the day's 纸质材料移交清单 per 承办部门 (seed 000 §九), its printing and the department's receipt journaled."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from yibao_desk.commands.common import CliError, emit_json, parse_date
from yibao_desk.commands.journal_cmds import open_service, who_are_you, writable


def _day(args: argparse.Namespace) -> dt.date:
    return parse_date(args.date, "移交日期") if args.date else dt.date.today()


def _department(svc: Any, name: str | None) -> str | None:
    from yibao_desk.domain.paper_handoff import department_problem, departments
    from yibao_desk.handoff.handoff_list import UNASSIGNED

    region = svc.region()
    if not departments(region):
        raise CliError(
            f"{region.name}的办事指南未规定纸质材料移交承办部门（地区配置 handoff_departments），没有移交清单"
        )
    if name is None or name == UNASSIGNED:
        return name
    problem = department_problem(region, name)
    if problem:
        raise CliError(problem)
    return name


def cmd_handoff(args: argparse.Namespace) -> int:
    from yibao_desk.handoff.handoff_list import handoff_items
    from yibao_desk.handoff.list_pdf import render_handoff

    if not args.output:
        raise CliError("请用 -o 给出移交清单的输出文件（.pdf）")
    out = Path(args.output)
    if not out.parent.is_dir():
        raise CliError(f"文件夹不存在：{out.parent}；请先建好该文件夹，或换一个输出位置")
    if out.is_dir():
        raise CliError(f"无法写入 {out}：这是一个文件夹；请给出文件名")
    day = _day(args)
    svc = open_service(args)
    dept = _department(svc, args.dept)
    lists = handoff_items(svc, day, dept)
    if dept is not None:
        lists = {dept: lists.get(dept, [])}
    device = svc.device()
    rendered = render_handoff(lists, day, svc.region(), device.window if device else "")
    tmp = out.with_name(out.name + ".partial")
    try:
        tmp.write_bytes(rendered.pdf)
        tmp.replace(out)
    except OSError as e:
        raise CliError(f"无法写入 {out}：{e.strerror or e}") from None
    if args.staff:  # printed by a staff member: journaled per department
        writable(svc)
        who_are_you(args, svc, args.staff)
        for name, items in lists.items():
            svc.record_handoff_printed(args.staff, day, name, [i.case_number for i in items])
    summary = {name: {"cases": len(items), "papers": sum(i.papers for i in items)} for name, items in lists.items()}
    if args.json:
        emit_json({"file": str(out), "date": day.isoformat(), "departments": summary})
    else:
        for name, counts in summary.items():
            print(f"{name}：{counts['cases']} 件，纸质材料 {counts['papers']} 份")
        print(f"已生成 {day:%Y-%m-%d} 纸质材料移交清单：{out}")
    return 0


def cmd_confirm(args: argparse.Namespace) -> int:
    from yibao_desk.handoff.handoff_list import handoff_items

    day = _day(args)
    svc = open_service(args)
    dept = _department(svc, args.dept)
    assert dept is not None
    items = handoff_items(svc, day, dept).get(dept, [])
    if not items:
        raise CliError(f"{day:%Y-%m-%d} 没有需要移交{dept}的纸质材料")
    writable(svc)
    who_are_you(args, svc, args.by)
    new = svc.confirm_handoff(args.by, day, dept, args.receiver, [i.case_number for i in items])
    if args.json:
        emit_json({"date": day.isoformat(), "department": dept, "receiver": args.receiver, "cases": new})
    else:
        print(f"已确认 {dept}（接收人：{args.receiver}）签收 {day:%Y-%m-%d} 移交的 {len(new)} 件办件的纸质材料")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("handoff", help="纸质材料移交清单（按承办部门，PDF）；handoff confirm 记录承办部门签收")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="移交日期（默认今天）：当天受理的办件")
    p.add_argument("--dept", metavar="NAME", help="只列出该承办部门（默认每个承办部门各一份）")
    p.add_argument("-o", "--output", metavar="FILE.pdf", help="输出文件")
    p.add_argument("--staff", help="打印人工号（给出时记入日志）")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入第 1 行读密码")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_handoff)
    verbs = p.add_subparsers(dest="handoff_command", metavar="confirm")
    c = verbs.add_parser("confirm", help="记录承办部门已签收当天的移交清单")
    c.add_argument("--date", metavar="YYYY-MM-DD", help="移交日期（默认今天）")
    c.add_argument("--dept", required=True, metavar="NAME", help="承办部门")
    c.add_argument("--receiver", required=True, metavar="NAME", help="承办部门签收人姓名")
    c.add_argument("--by", required=True, metavar="STAFF", help="移交人工号")
    c.add_argument("--password-stdin", action="store_true", help="从标准输入第 1 行读密码")
    c.add_argument("--json", action="store_true", help="以 JSON 输出")
    c.set_defaults(func=cmd_confirm)
