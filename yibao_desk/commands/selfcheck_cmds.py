"""`yibao-desk selfcheck [--json]`."""

from __future__ import annotations

import argparse

from yibao_desk.commands.common import emit_json


def cmd_selfcheck(args: argparse.Namespace) -> int:
    from yibao_desk import version
    from yibao_desk.selfcheck import run_selfcheck

    steps = run_selfcheck()
    ok = all(s.ok for s in steps) and len(steps) > 0
    failed = next((s.name for s in steps if not s.ok), None)
    if args.json:
        emit_json({"version": version(), "ok": ok, "failed_step": failed, "steps": [s.as_dict() for s in steps]})
    else:
        print(f"医保窗口桌面 {version()} 自检")
        for s in steps:
            print(f"[{'通过' if s.ok else '失败'}] {s.name}：{s.detail}")
        print("自检通过" if ok else f"自检失败：{failed}")
    return 0 if ok else 1


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("selfcheck", help="安装后自检：地区配置、表格、日志、字体、打印机")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_selfcheck)
