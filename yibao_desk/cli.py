"""The `yibao-desk` command. With no arguments it starts the counter program; sub-commands work headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from yibao_desk import version
from yibao_desk.commands import catalog_cmds
from yibao_desk.commands.common import CliError
from yibao_desk.domain.catalog import CatalogError
from yibao_desk.domain.working_days import CalendarError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"用法错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="yibao-desk", description="医保窗口桌面 — 医保经办窗口收件程序")
    parser.add_argument("--version", action="version", version=f"yibao-desk {version()}")
    parser.add_argument("--db", help="本地办件日志（SQLite）路径；也可用环境变量 YIBAO_DESK_DB")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    catalog_cmds.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args))
    except CliError as e:
        print(f"错误：{e}", file=sys.stderr)
        return e.code
    except (CatalogError, CalendarError) as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
