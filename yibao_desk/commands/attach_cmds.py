"""`attach CASE --material ID FILE...` (电子化处理: scans or photos onto one material of a case, by the clerk who
received them — password asked) and `attachments CASE [--json]` (what a case holds, per material)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from yibao_desk.commands.common import CliError, emit_json
from yibao_desk.commands.journal_cmds import open_service, who_are_you, writable
from yibao_desk.journal.case_attachments import SOURCES


def _kb(size: int) -> str:
    return f"{size / 1024:.0f} KB" if size < 1048576 else f"{size / 1048576:.1f} MB"


def cmd_attach(args: argparse.Namespace) -> int:
    files = [Path(f) for f in args.files]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:  # said before anyone is asked for a password, and before anything is recorded
        raise CliError(f"文件不存在：{'、'.join(missing)}")
    svc = open_service(args)
    writable(svc)
    who_are_you(args, svc, args.staff)
    number = svc.case(args.case_number)["case_number"]
    done = [svc.attach(args.staff, number, args.material, f) for f in files]
    if args.json:
        emit_json({"case_number": number, "attached": [a.as_dict() for a in done]})
    else:
        for f, a in zip(files, done, strict=True):
            print(
                f"已附加 {f.name} → {number} 材料 {a.material}（{a.pages} 页，{_kb(a.size)}，SHA-256 {a.sha256[:12]}…）"
            )
    return 0


def cmd_attachments(args: argparse.Namespace) -> int:
    svc = open_service(args)
    case = svc.case(args.case_number)
    number = case["case_number"]
    service = svc.catalog.region(case["region"]).service(case["service_code"])
    names = {m.id: m.name for m in service.materials}
    held = svc.attachments(number)
    if args.json:
        emit_json(
            {
                "case_number": number,
                "attachments": [{**a.as_dict(), "material_name": names.get(a.material, "")} for a in held],
            }
        )
        return 0
    if not held:
        print(f"办件 {number} 没有附加扫描件")
        return 0
    print(f"办件 {number} 的扫描件（{len(held)} 份）：")
    for a in held:
        came = SOURCES.get(a.source, a.source) + (f"，办件 {a.from_case}" if a.from_case else "")
        came += f"　已登记遗失：{a.lost}" if a.lost else ""
        print(
            f"  {names.get(a.material, a.material)}：{a.name or a.sha256[:12]}　{a.pages} 页　{_kb(a.size)}　"
            f"{a.utc[:19].replace('T', ' ')} UTC　{came}　SHA-256 {a.sha256[:12]}…"
        )
    return 0


def cmd_attachment_lost(args: argparse.Namespace) -> int:
    if not args.reason.strip():
        raise CliError("请用 --reason 写明扫描件遗失的原因")
    svc = open_service(args)
    writable(svc)
    who_are_you(args, svc, args.staff)
    number = svc.case(args.case_number)["case_number"]
    svc.declare_lost(args.staff, number, args.sha256, args.reason)
    print(f"已登记办件 {number} 的扫描件 {args.sha256[:12]}… 遗失：同步与数据包不再等待该文件")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("attach", help="把材料的扫描件或照片附加到办件的某项材料上（电子化处理）")
    p.add_argument("case_number", metavar="CASE")
    p.add_argument(
        "--material", required=True, metavar="ID", help="材料编号（见 yibao-desk attachments CASE 或事项资料）"
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="JPEG、PNG、TIFF、BMP 图片或 PDF 文件")
    p.add_argument("--staff", required=True, help="收件的工作人员工号")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入第 1 行读密码")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_attach)
    p = sub.add_parser("attachments", help="列出办件各项材料的扫描件")
    p.add_argument("case_number", metavar="CASE")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_attachments)
    p = sub.add_parser("attachment-lost", help="主管登记无法找回的扫描件遗失（同步与数据包不再等待该文件）")
    p.add_argument("case_number", metavar="CASE")
    p.add_argument("sha256", metavar="SHA256", help="扫描件的 SHA-256（或其开头至少 12 位，见 journal verify）")
    p.add_argument("--reason", required=True, help="遗失的原因（如 硬盘损坏、无备份）")
    p.add_argument("--staff", required=True, help="主管工号")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入第 1 行读密码")
    p.set_defaults(func=cmd_attachment_lost)
