"""Journal commands: setup, staff, intake, reprint, cases, case (the `journal` group is in integrity_cmds)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yibao_desk.commands import integrity_cmds
from yibao_desk.commands.common import (
    CliError,
    calendar,
    catalog,
    emit_json,
    parse_date,
    print_warnings,
    read_json_input,
)
from yibao_desk.journal.projection import STATUS_ZH  # light: the journal's heavy modules load on first use
from yibao_desk.journal.roles import ROLES

if TYPE_CHECKING:
    from yibao_desk.journal.intake import IntakeService


def open_service(args: argparse.Namespace) -> IntakeService:
    from yibao_desk.journal.db import open_journal, resolve_db_path
    from yibao_desk.journal.intake import IntakeService

    journal = open_journal(resolve_db_path(getattr(args, "db", None)))
    for w in journal.warnings:
        print(f"警告：{w}", file=sys.stderr)
    if journal.read_only:
        print(f"警告：办件日志未通过校验，只读：{journal.problems[0]}", file=sys.stderr)
    return IntakeService(journal, catalog(), calendar())


def read_passwords(args: argparse.Namespace, prompts: list[str]) -> list[str]:
    """Passwords from stdin lines (--password-stdin) or interactive prompts, never from the command line."""
    if getattr(args, "password_stdin", False):
        lines = sys.stdin.read().splitlines()
        if len(lines) < len(prompts):
            raise CliError(f"--password-stdin 需要 {len(prompts)} 行：{'、'.join(prompts)}")
        return [line.rstrip("\r") for line in lines[: len(prompts)]]
    if not sys.stdin.isatty():
        raise CliError("需要输入密码：请在终端中运行，或使用 --password-stdin")
    return [getpass.getpass(f"{p}：") for p in prompts]


PASSWORD_ENV = "YIBAO_DESK_PASSWORD"  # scripted use only; see README「命令行与脚本」


def who_are_you(args: argparse.Namespace, svc: IntakeService, staff_id: str) -> None:
    """The staff member's password (the environment variable for scripts, --password-stdin, or a prompt), checked
    as a login is: failures count, and a locked or disabled account is refused here too."""
    if getattr(args, "password_stdin", False) and getattr(args, "input", None) == "-":
        raise CliError(f"--password-stdin 不能与 --input - 同时使用：请用输入文件，或设置环境变量 {PASSWORD_ENV}")
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        (password,) = read_passwords(args, [f"{staff_id} 的密码"])
    svc.login(staff_id, password)


def cmd_setup(args: argparse.Namespace) -> int:
    svc = open_service(args)
    writable(svc)
    if svc.device() is not None:  # set up again: the region or window of a working counter changes
        if not args.staff:
            raise CliError("本机已设置过：重新设置需主管身份（--staff 主管工号）")
        svc.require_role(args.staff, "device.setup")
        who_are_you(args, svc, args.staff)
    info = svc.setup_device(args.device, args.region, args.window)
    if args.json:
        emit_json({"device": info.id, "region": info.region, "window": info.window, "db": str(svc.journal.path)})
    else:
        print(f"本机已设置：设备 {info.id}，地区 {info.region}，窗口 {info.window}；日志 {svc.journal.path}")
    return 0


def cmd_staff_add(args: argparse.Namespace) -> int:
    svc = open_service(args)
    prompts = [f"新账号 {args.id} 的密码"] + ([f"主管 {args.by} 的密码"] if args.by else [])
    passwords = read_passwords(args, prompts)
    if args.by:
        svc.login(args.by, passwords[1])
    actor = svc.add_staff(args.by, args.id, args.name, args.role, passwords[0])
    if args.json:
        emit_json({"id": actor.staff_id, "name": actor.name, "role": actor.role})
    else:
        print(f"已添加{actor.role_zh} {actor.staff_id} {actor.name}")
    return 0


def cmd_staff_list(args: argparse.Namespace) -> int:
    rows = open_service(args).staff_list()
    if args.json:
        emit_json(rows)
    else:
        for r in rows:
            state = "在用" if r["active"] else "已停用"
            if r["locked_until"]:
                state += f"（锁定至 {r['locked_until']}）"
            print(f"{r['id']:<12} {r['name']:<8} {ROLES.get(r['role'], r['role']):<6} {state}")
    return 0


def _supervisor_action(args: argparse.Namespace, svc: IntakeService) -> None:
    (password,) = read_passwords(args, [f"主管 {args.by} 的密码"])
    svc.login(args.by, password)


def cmd_staff_disable(args: argparse.Namespace) -> int:
    svc = open_service(args)
    _supervisor_action(args, svc)
    svc.set_staff_active(args.by, args.id, False)
    print(f"已停用 {args.id}")
    return 0


def cmd_staff_unlock(args: argparse.Namespace) -> int:
    svc = open_service(args)
    _supervisor_action(args, svc)
    svc.unlock_staff(args.by, args.id)
    print(f"已解锁 {args.id}")
    return 0


def _writable_folder(folder: Path) -> Path:
    """The output folder, created and tried before anything is journaled: a case is never decided for documents
    that cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".yibao-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise CliError(f"无法写入文件夹 {folder}（{e.strerror or e}）；未记录任何办件") from None
    return folder


def writable(svc: IntakeService) -> None:
    """A read-only journal refuses before anyone is asked for a password or anything is read in."""
    if svc.journal.read_only:
        from yibao_desk.journal.db import READ_ONLY_WAY_OUT

        raise CliError(f"办件日志未通过校验，已停止写入：{svc.journal.problems[0]}{READ_ONLY_WAY_OUT}")


def cmd_intake(args: argparse.Namespace) -> int:
    svc = open_service(args)
    writable(svc)
    region = svc.region()
    who_are_you(args, svc, args.staff)
    if args.region and args.region != region.id:
        raise CliError(f"本机配置的地区是 {region.id}，与 --region {args.region} 不符；未记录任何办件")
    folder = _writable_folder(Path(args.print)) if args.print else None
    data = read_json_input(args.input)
    accepted_on = parse_date(args.accepted_on, "受理日期") if args.accepted_on else None
    decision = svc.intake(args.staff, args.service, data, accepted_on)
    out = decision.as_dict()
    if folder is not None:
        from yibao_desk.case_documents import write_case_documents

        try:
            out["documents"] = [str(p) for p in write_case_documents(svc, args.staff, decision.case_number, folder)]
        except Exception as e:  # the case is journaled: say so, so that a retry reprints instead of opening another
            raise CliError(
                f"办件 {decision.case_number} 已{decision.verdict.verdict_zh}并记入日志，但文书未能生成：{e}。"
                f"请勿重新收件；排除问题后用 yibao-desk reprint {decision.case_number} --staff {args.staff} "
                "--print 文件夹 重打"
            ) from None
    if args.json:
        emit_json(out)
    else:
        print(f"办件编号：{decision.case_number}")
        print(f"结论：{decision.verdict.verdict_zh}")
        for p in decision.verdict.problems:
            print(f"  - {p.material + '：' if p.material else ''}{p.reason}")
        if decision.verdict.due_date:
            print(f"承诺办结日期：{decision.verdict.due_date.isoformat()}")
        for doc in out.get("documents", []):
            print(f"已生成：{doc}")
    print_warnings(out["warnings"])
    return 0


def cmd_reprint(args: argparse.Namespace) -> int:
    from yibao_desk.case_documents import write_case_documents

    svc = open_service(args)
    who_are_you(args, svc, args.staff)
    case = svc.case(args.case_number)
    written = write_case_documents(svc, args.staff, case["case_number"], _writable_folder(Path(args.print)))
    if not written:
        status = STATUS_ZH.get(case["status"], case["status"])
        raise CliError(f"办件 {case['case_number']} 当前状态为“{status}”，没有文书")
    if args.json:
        emit_json({"case_number": case["case_number"], "documents": [str(p) for p in written]})
    else:
        for p in written:
            print(f"已生成：{p}")
    return 0


def _case_row(c: dict[str, Any]) -> dict[str, Any]:
    return {
        "case_number": c["case_number"],
        "opened": c["opened_local"],
        "service_code": c["service_code"],
        "service_name": c["service_name"],
        "applicant": c["applicant_name"],
        "status": c["status"],
        "status_zh": STATUS_ZH.get(c["status"], c["status"]),
        "clerk": c["clerk_id"],
        "due_date": c["due_date"],
    }


def cmd_cases(args: argparse.Namespace) -> int:
    svc = open_service(args)
    day = parse_date(args.date) if args.date else None
    if args.status and args.status not in STATUS_ZH:
        raise CliError(f"状态应为：{'、'.join(STATUS_ZH)}")
    rows = [_case_row(c) for c in svc.cases(day, args.status)]
    if args.json:
        emit_json(rows)
    else:
        if not rows:
            print("没有办件")
        for r in rows:
            print(f"{r['case_number']}  {r['opened'][:16]}  {r['status_zh']:<4}  {r['service_name']}  {r['applicant']}")
    return 0


def cmd_case(args: argparse.Namespace) -> int:
    svc = open_service(args)
    who_are_you(args, svc, args.staff)  # the case shows full ID numbers
    case = svc.case(args.case_number)
    events = svc.case_events(case["case_number"])
    papers = svc.paper_place(case["case_number"])  # 纸质材料: where they are, once a 移交清单 holds them
    if args.json:
        emit_json({"case": case, "events": events, "papers": papers})
    else:
        print(
            f"{case['case_number']}  {case['service_name']}  {case['applicant_name']}  "
            f"{STATUS_ZH.get(case['status'], case['status'])}"
        )
        if papers:
            print(f"  {papers}")
        from yibao_desk.journal.event_text import event_line

        names = {st["id"]: st["name"] for st in svc.staff_list()}
        for e in events:  # as the case detail of the 办件 page reads them, with the event's number and type
            print(f"  #{e['seq']:<5} {event_line(e, names)}  [{e['type']}]")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("setup", help="设置本机：设备编号、地区、窗口")
    p.add_argument("--device", required=True, help="设备编号，例如 W03（印在办件编号中）")
    p.add_argument("--region", required=True)
    p.add_argument("--window", required=True, help="窗口名称")
    p.add_argument("--staff", help="主管工号（本机已设置过时必填）")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入第 1 行读密码")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_setup)

    staff = sub.add_parser("staff", help="工作人员账号").add_subparsers(dest="staff_command", required=True)
    p = staff.add_parser("add", help="添加账号（第一个账号必须是主管）")
    p.add_argument("--id", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=sorted(ROLES))
    p.add_argument("--by", help="操作的主管工号（已有主管时必填）")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help="从标准输入读密码：第 1 行新账号密码，第 2 行主管密码（有 --by 时）",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_staff_add)
    p = staff.add_parser("list", help="列出账号")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_staff_list)
    for name, func, text in (("disable", cmd_staff_disable, "停用账号"), ("unlock", cmd_staff_unlock, "解除锁定")):
        p = staff.add_parser(name, help=text)
        p.add_argument("id")
        p.add_argument("--by", required=True, help="操作的主管工号")
        p.add_argument("--password-stdin", action="store_true", help="从标准输入读主管密码")
        p.set_defaults(func=func)

    p = sub.add_parser("intake", help="收件：开立办件并按材料作出受理/补正/不予受理")
    p.add_argument("--region", help="地区（须与本机设置一致）")
    p.add_argument("--service", required=True)
    p.add_argument("--input", required=True, help="JSON：check 的输入加 applicant（及 agent、unit）")
    p.add_argument("--staff", required=True, help="收件人工号")
    p.add_argument("--accepted-on", help=argparse.SUPPRESS)
    p.add_argument("--print", metavar="DIR", help="同时把该结论的文书生成到此文件夹")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入第 1 行读收件人密码")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_intake)

    p = sub.add_parser("reprint", help="重打办件结论的全部文书（表格、回执或告知单）")
    p.add_argument("case_number")
    p.add_argument("--staff", required=True, help="打印人工号（记入日志）")
    p.add_argument("--print", metavar="DIR", required=True, help="文书生成到此文件夹")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入第 1 行读打印人密码")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reprint)

    p = sub.add_parser("cases", help="列出办件")
    p.add_argument("--date", help="YYYY-MM-DD")
    p.add_argument("--status", help="、".join(STATUS_ZH))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_cases)

    p = sub.add_parser("case", help="一个办件及其全部事件（含完整证件号码：需工号和密码）")
    p.add_argument("case_number")
    p.add_argument("--staff", required=True, help="查看人工号")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入第 1 行读密码")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_case)

    journal = sub.add_parser("journal", help="日志校验、备份、恢复、重建、从中心取回").add_subparsers(
        dest="journal_command", required=True
    )
    integrity_cmds.register(journal)
