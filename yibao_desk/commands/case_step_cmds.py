"""`complete CASE` and `deliver CASE --way W …`: a case's later steps from the command line, as the 办件 list's
办结 and 交付结果 buttons record them (the staff member's password asked)."""

from __future__ import annotations

import argparse
from typing import Any

from yibao_desk.commands.common import emit_json
from yibao_desk.commands.journal_cmds import open_service, who_are_you, writable
from yibao_desk.journal.projection import STATUS_ZH


def cmd_complete(args: argparse.Namespace) -> int:
    svc = open_service(args)
    writable(svc)
    who_are_you(args, svc, args.staff)
    number = svc.case(args.case_number)["case_number"]
    svc.complete(args.staff, number, args.note or "")
    return _done(args, svc.case(number))


def cmd_deliver(args: argparse.Namespace) -> int:
    svc = open_service(args)
    writable(svc)
    who_are_you(args, svc, args.staff)
    number = svc.case(args.case_number)["case_number"]
    detail = {
        k: v
        for k, v in {
            "collector": args.collector,
            "id_number": args.id_number,
            "phone": args.phone,
            "guarantor": args.guarantor,
            "tracking": args.tracking,
        }.items()
        if v
    }
    svc.hand_over(args.staff, number, args.way, detail)
    return _done(args, svc.case(number))


def _done(args: argparse.Namespace, case: dict[str, Any]) -> int:
    if args.json:
        emit_json({"case_number": case["case_number"], "status": case["status"]})
    else:
        print(f"{case['case_number']}：{STATUS_ZH[case['status']]}")
    return 0


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("case_number", metavar="CASE")
    p.add_argument("--staff", required=True, help="工作人员工号")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入第 1 行读密码")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")


def register(sub: Any) -> None:
    p = sub.add_parser("complete", help="办结：记录承办部门已办结")
    _common(p)
    p.add_argument("--note", help="备注")
    p.set_defaults(func=cmd_complete)
    p = sub.add_parser("deliver", help="交付办理结果：现场发放（核验方式）或邮寄（记录邮件号）")
    _common(p)
    p.add_argument(
        "--way",
        required=True,
        help="核验方式：id-or-receipt、sms-id-phone、counterpart-guarantee 或 mail（见地区配置）",
    )
    p.add_argument("--collector", help="领取人姓名")
    p.add_argument("--id-number", help="领取人写出的身份证号")
    p.add_argument("--phone", help="领取人写出的手机号码")
    p.add_argument("--guarantor", help="担保的对口窗口工作人员")
    p.add_argument("--tracking", help="邮件号（运单号，邮寄时必填）")
    p.set_defaults(func=cmd_deliver)
