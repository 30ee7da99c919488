"""Sync commands: `central init|add-device|status` at the county, `sync push|status|export|import|verify|ack|key`."""

from __future__ import annotations

import argparse
from pathlib import Path

from yibao_desk.commands.common import CliError, emit_json


def _journal(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from yibao_desk.commands.journal_cmds import open_service

    return open_service(args)


def _target(args: argparse.Namespace, svc) -> str:  # type: ignore[no-untyped-def]
    url = getattr(args, "to", None) or svc.settings().get("sync_url")
    if not url:
        raise CliError("没有同步目标：请用 --to 给出中心为本机生成的连接地址，或由主管在设置中填写“同步目标”")
    return str(url)


def cmd_central_init(args: argparse.Namespace) -> int:
    from yibao_desk.sync.central import init
    from yibao_desk.sync.urls import redact

    head = init(args.url)
    print(f"中心库已就绪（{redact(args.url)}，版本 {head}）")
    return 0


def cmd_central_add_device(args: argparse.Namespace) -> int:
    from yibao_desk.sync.central import add_device

    reg = add_device(args.url, args.device, args.public_key, args.region or "", args.window or "")
    if args.json:
        emit_json(reg.as_dict())
    else:
        print(f"已登记设备 {reg.device}（数据库角色 {reg.role}）")
        print("请把以下连接地址填入该设备的“同步目标”设置（含密码，请妥善保管，勿写入日志或聊天记录）：")
        print(reg.url)
    return 0


def cmd_central_status(args: argparse.Namespace) -> int:
    from yibao_desk.sync.central import status

    rows = status(args.url)
    if args.json:
        emit_json(rows)
    else:
        for r in rows:
            chain = "链完好" if r["chain_ok"] else f"链断裂：{r['chain_break']}"
            print(
                f"{r['device']:<8} {r['events']:>7} 个事件  最大序号 {r['last_seq']:<7} 已确认 {r['acked_seq']:<7} "
                f"{chain}  冲突 {r['rejected']}  最近同步 {r['last_sync'] or '从未'}"
            )
    return 0 if all(r["chain_ok"] for r in rows) else 1


def cmd_sync_push(args: argparse.Namespace) -> int:
    from yibao_desk.sync.push import push

    svc = _journal(args)
    report = push(svc.journal, _target(args, svc), batch=args.batch)
    if args.json:
        emit_json(report.as_dict())
    else:
        print(
            f"已发送 {report.sent} 个事件（新增 {report.inserted}，重复 {report.duplicates}），"
            f"中心已确认到序号 {report.acked_seq}，待同步 {report.pending}"
        )
        for c in report.conflicts:
            print(f"冲突：事件 #{c['seq']}（{c['event_id']}）：{c['reason']}")
        for w in report.warnings:
            print(f"提示：{w}")
    return 0


def cmd_sync_status(args: argparse.Namespace) -> int:
    from yibao_desk.sync.state import local_status

    status = local_status(_journal(args).journal)
    if args.json:
        emit_json(status.as_dict())
    else:
        state = (
            "已全部确认"
            if status.in_sync
            else f"{status.pending} 个事件待中心确认（最早 {status.oldest_pending_local}）"
        )
        print(
            f"设备 {status.device}：{state}；最近成功 {status.last_success or '从未'}"
            + (f"；最近错误：{status.last_error}" if status.last_error else "")
        )
    return 0


def cmd_sync_export(args: argparse.Namespace) -> int:
    from yibao_desk.sync.bundle import export_bundle

    result = export_bundle(_journal(args).journal, Path(args.output))
    print(f"已导出并读回校验：{result.path}（序号 {result.first_seq}–{result.last_seq}，共 {result.count} 个事件）")
    return 0


def cmd_sync_import(args: argparse.Namespace) -> int:
    from yibao_desk.sync.bundle import ack_path, import_bundle, write_ack

    report = import_bundle(Path(args.file), args.to)
    ack = Path(args.ack_out) if args.ack_out else ack_path(Path(args.file))
    write_ack(report, ack)
    report["ack_file"] = str(ack)
    if args.json:
        emit_json(report)
    else:
        what = "（重复导入，未做改动）" if report.get("repeat") else ""
        print(
            f"设备 {report['device']}：数据包 {report['count']} 个事件，新增 {report['inserted']}，"
            f"重复 {report['duplicates']}，冲突 {len(report['conflicts'])}{what}；"
            f"中心已确认到序号 {report['acked_seq']}"
        )
        if report.get("gap"):
            print(f"缺少序号 {report['gap']['from']}–{report['gap']['to']} 的事件：请让设备导出包含这些事件的数据包")
        print(f"确认文件：{ack}（带回设备执行 yibao-desk sync ack）")
    return 0


def cmd_sync_ack(args: argparse.Namespace) -> int:
    from yibao_desk.sync.bundle import read_ack

    seq = read_ack(_journal(args).journal, Path(args.file))
    print(f"已更新：中心已确认到序号 {seq}")
    return 0


def cmd_sync_verify(args: argparse.Namespace) -> int:
    from yibao_desk.sync.verify import compare

    svc = _journal(args)
    result = compare(svc.journal, _target(args, svc))
    if args.json:
        emit_json(result)
    else:
        for line in result["lines"]:
            print(line)
    return 0 if result["ok"] else 1


def cmd_sync_key(args: argparse.Namespace) -> int:
    from yibao_desk.sync.keys import device_key, public_hex
    from yibao_desk.sync.state import device_id

    print(public_hex(device_key(device_id(_journal(args).journal))))
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    central = sub.add_parser("central", help="中心库（县级）").add_subparsers(dest="central_command", required=True)
    p = central.add_parser("init", help="创建或升级中心库结构和角色")
    p.add_argument("--url", required=True)
    p.set_defaults(func=cmd_central_init)
    p = central.add_parser("add-device", help="登记设备，输出其专用连接地址")
    p.add_argument("--url", required=True)
    p.add_argument("--device", required=True)
    p.add_argument("--public-key", help="设备签名公钥（设备上运行 yibao-desk sync key 得到）")
    p.add_argument("--region")
    p.add_argument("--window")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_central_add_device)
    p = central.add_parser("status", help="各设备事件数、序号、最近同步、哈希链")
    p.add_argument("--url", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_central_status)

    sync = sub.add_parser("sync", help="与中心库同步").add_subparsers(dest="sync_command", required=True)
    p = sync.add_parser("push", help="发送中心尚未确认的事件")
    p.add_argument("--to", help="中心库连接地址（默认取设置中的同步目标）")
    p.add_argument("--batch", type=int, default=1000)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sync_push)
    p = sync.add_parser("status", help="本机同步状态")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sync_status)
    p = sync.add_parser("export", help="导出离线数据包（签名）")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=cmd_sync_export)
    p = sync.add_parser("import", help="（中心）校验并导入离线数据包")
    p.add_argument("file")
    p.add_argument("--to", required=True)
    p.add_argument("--ack-out", help="确认文件路径（默认为数据包路径加 .ack.json，如 T01.bundle.ack.json）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sync_import)
    p = sync.add_parser("ack", help="读入中心的确认文件")
    p.add_argument("file", help="确认文件（FILE.ack.json），或数据包本身（读取旁边的 FILE.ack.json）")
    p.set_defaults(func=cmd_sync_ack)
    p = sync.add_parser("verify", help="比对本机与中心：数量、最大序号、哈希链")
    p.add_argument("--to")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sync_verify)
    p = sync.add_parser("key", help="显示本机签名公钥（登记设备时使用）")
    p.set_defaults(func=cmd_sync_key)
