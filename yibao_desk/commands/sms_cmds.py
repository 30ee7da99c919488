"""`sms outbox [--json]`, `sms send [--dry-run]`, `sms mark-sent ID`, `sms resend ID`: the SMS notices of the cases
(issue 17 §3) — listed, sent through the HTTP gateway of the settings, marked sent by hand, put back for sending."""

from __future__ import annotations

import argparse
from typing import Any

from yibao_desk.commands.common import CliError, emit_json
from yibao_desk.commands.journal_cmds import open_service, who_are_you, writable


def cmd_outbox(args: argparse.Namespace) -> int:
    svc = open_service(args)
    found = svc.sms_outbox(args.case)
    if args.state:
        found = [n for n in found if n.state == args.state]
    if args.json:
        emit_json({"count": len(found), "notices": [n.as_dict() for n in found]})
        return 0
    if not found:
        print("发件箱中没有短信" + ("（本地区办事指南未承诺短信通知）" if not svc.region().profile.sms_notices else ""))
        return 0
    for n in found:
        when = n.queued_local[:16].replace("T", " ")
        print(f"{n.id}\t{when}\t{n.kind_zh}\t{n.phone or '（无手机号码）'}\t{n.state_zh}")
        print(f"\t{n.text}")
        if n.error and n.state != "sent":
            print(f"\t原因：{n.error}")
    return 0


def cmd_send(args: argparse.Namespace) -> int:
    from yibao_desk.sms.gateway import GatewayError, HttpGateway
    from yibao_desk.sms.sender import send_due

    svc = open_service(args)
    settings = svc.settings()
    if settings["sms_gateway"] != "http" and not args.dry_run:
        raise CliError(
            "短信发送方式为“手工发送”：请逐条发出后用 yibao-desk sms mark-sent 编号 标记，或在设置中改为 HTTP 短信网关"
        )
    try:
        gateway = HttpGateway.from_settings(settings) if settings["sms_gateway"] == "http" else None
    except GatewayError as e:
        raise CliError(str(e)) from None
    if not args.dry_run:
        if not args.staff:
            raise CliError("发送短信需要 --staff 工号")
        writable(svc)
        who_are_you(args, svc, args.staff)
    report = send_due(svc, gateway, args.staff, dry_run=args.dry_run)  # type: ignore[arg-type]
    if args.json:
        emit_json(
            {
                "sent": [n.id for n in report.sent],
                "failed": [{"id": n.id, "error": why} for n, why in report.failed],
                "due": [n.as_dict() for n in report.due],
            }
        )
    else:
        for n in report.due:
            print(f"{n.id}\t{n.phone}\t{n.text}")
        for n, why in report.failed:
            print(f"{n.id} 发送失败：{why}", flush=True)
        print(report.summary())
    return 1 if report.failed and not report.sent else 0


def cmd_mark_sent(args: argparse.Namespace) -> int:
    svc = open_service(args)
    writable(svc)
    who_are_you(args, svc, args.staff)
    n = svc.mark_sms_sent(args.staff, args.id, args.note or "")
    if args.json:
        emit_json(n.as_dict())
    else:
        print(f"已标记短信 {n.id}（{n.kind_zh}，{n.phone or '无手机号码'}）为已发送")
    return 0


def cmd_resend(args: argparse.Namespace) -> int:
    svc = open_service(args)
    writable(svc)
    who_are_you(args, svc, args.staff)
    n = svc.resend_sms(args.staff, args.id)
    if args.json:
        emit_json(n.as_dict())
    else:
        print(f"短信 {n.id} 已放回待发送")
    return 0


def _staff(p: Any) -> None:
    p.add_argument("--staff", required=True, help="工作人员工号")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入第 1 行读密码")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")


def register(sub: Any) -> None:
    sms = sub.add_parser("sms", help="短信通知：发件箱、通过短信网关发送、手工发送后标记")
    verbs = sms.add_subparsers(dest="sms_command", required=True, metavar="outbox|send|mark-sent|resend")
    p = verbs.add_parser("outbox", help="列出发件箱中的短信及其状态")
    p.add_argument("--case", metavar="CASE", help="只列出该办件的短信")
    p.add_argument(
        "--state", choices=("pending", "retry", "failed", "unknown", "no_mobile", "sent"), help="只列出该状态的短信"
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_outbox)
    p = verbs.add_parser("send", help="通过设置中的 HTTP 短信网关发送所有待发短信（失败的按时自动重试）")
    p.add_argument("--dry-run", action="store_true", help="只列出将发送的短信，不发送")
    p.add_argument("--staff", help="工作人员工号（发送时必填）")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入第 1 行读密码")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_send)
    p = verbs.add_parser("mark-sent", help="手工发送后标记短信为已发送（或确认“发送结果不明”的短信已送达）")
    p.add_argument("id", metavar="ID", help="短信编号（见 sms outbox）")
    p.add_argument("--note", help="备注，如 手机上发送")
    _staff(p)
    p.set_defaults(func=cmd_mark_sent)
    p = verbs.add_parser("resend", help="把发送失败或结果不明（已核实未送达）的短信放回待发送")
    p.add_argument("id", metavar="ID", help="短信编号（见 sms outbox）")
    _staff(p)
    p.set_defaults(func=cmd_resend)
