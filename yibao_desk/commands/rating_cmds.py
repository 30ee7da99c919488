"""`rate CASE --level 1..5 [--aspect A --reason TEXT]`: the applicant's 好差评 of a case, recorded by the staff
member who served them (password asked); 差评 (levels 2 and 1) need the aspect and the reason."""

from __future__ import annotations

import argparse
from typing import Any

from yibao_desk.commands.common import CliError, emit_json
from yibao_desk.commands.journal_cmds import open_service, who_are_you, writable
from yibao_desk.domain.rating import FIELDS_ZH, rating_problems
from yibao_desk.journal.event_text import MOMENT_ZH


def cmd_rate(args: argparse.Namespace) -> int:
    problems = rating_problems(args.level, args.aspect or "", args.reason or "")
    if problems:  # refused before anyone is asked for a password
        raise CliError("；".join(f"{FIELDS_ZH.get(k, k)}：{v}" for k, v in problems.items()))
    svc = open_service(args)
    writable(svc)
    who_are_you(args, svc, args.staff)
    number = svc.case(args.case_number)["case_number"]
    recorded = svc.rate(args.staff, number, args.level, args.aspect or "", args.reason or "")
    if args.json:
        emit_json({"case_number": number, **recorded})
    else:
        print(f"已记录 {number} {MOMENT_ZH[recorded['moment']]}的评价：{recorded['text']}")
    return 0


def register(sub: Any) -> None:
    # help from the data file would make every command read it at start-up: the levels are the guide's, fixed
    p = sub.add_parser("rate", help="记录申请人对办件的“好差评”（受理后、交付后各一次）")
    p.add_argument("case_number", metavar="CASE")
    p.add_argument("--level", type=int, required=True, metavar="1..5", help="5 非常满意 … 1 非常不满意（2、1 为差评）")
    p.add_argument("--aspect", help="差评所涉方面（如 办事流程；见 resources/rating.yaml）")
    p.add_argument("--reason", help="差评理由（不满意、非常不满意时必填）")
    p.add_argument("--staff", required=True, help="接待申请人的工作人员工号")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入第 1 行读密码")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_rate)
