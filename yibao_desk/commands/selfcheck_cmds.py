"""`yibao-desk selfcheck [--json] [--keep DIR]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from yibao_desk.commands.common import emit_json


def cmd_selfcheck(args: argparse.Namespace) -> int:
    from yibao_desk import version
    from yibao_desk.selfcheck import exit_code, run_selfcheck

    steps = run_selfcheck(Path(args.keep) if args.keep else None)
    code = exit_code(steps)
    failed = next((s.name for s in steps if not s.ok), None)
    if args.json:
        emit_json(
            {
                "version": version(),
                "ok": code == 0,
                "failed_step": failed,
                "exit_code": code,
                "steps": [s.as_dict() for s in steps],
            }
        )
    else:
        print(f"医保窗口桌面 {version()} 自检")
        for s in steps:
            mark = "失败" if not s.ok else "注意" if s.warning else "通过"
            print(f"[{mark}] {s.name}：{s.detail}")
        print("自检通过" if code == 0 else f"自检失败：{failed}（退出码 {code}）")
    return code


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from yibao_desk.selfcheck import exit_codes

    codes = "；".join(f"{code} {name}" for code, name in exit_codes().items())
    p = sub.add_parser(
        "selfcheck",
        help="安装后自检：数据文件、地区配置、日志、全部表格与文书、字体、打印机、读卡器、同步目标",
        description=f"逐项自检，第一项失败即停止。退出码：0 通过；{codes}。",
    )
    p.add_argument("--json", action="store_true")
    p.add_argument("--keep", metavar="DIR", help="把生成的 PDF 与临时日志留在该文件夹（默认用完即删）")
    p.set_defaults(func=cmd_selfcheck)
