"""The `yibao-desk` command. With no arguments it starts the counter program; sub-commands work headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from yibao_desk import version
from yibao_desk.commands import (
    archive_cmds,
    argparse_zh,
    attach_cmds,
    case_step_cmds,
    catalog_cmds,
    handoff_cmds,
    holiday_cmds,
    journal_cmds,
    ledger_cmds,
    mail_cmds,
    print_cmds,
    rating_cmds,
    selfcheck_cmds,
    settings_cmds,
    sms_cmds,
    sync_cmds,
)
from yibao_desk.commands.common import CliError

# Failures a person can cause or fix; each carries a Chinese message. Imported lazily by name to keep start-up light.
_USER_ERRORS = (
    "yibao_desk.domain.catalog:CatalogError",
    "yibao_desk.domain.working_days:CalendarError",
    "yibao_desk.journal.db:JournalError",
    "yibao_desk.journal.intake:IntakeError",
    "yibao_desk.journal.applicant:IntakeInputError",
    "yibao_desk.journal.staff:AuthError",
    "yibao_desk.journal.staff:StaffError",
    "yibao_desk.journal.roles:PermissionDenied",
    "yibao_desk.printing.templates:TemplateError",
    "yibao_desk.case_documents:DocumentError",
    "yibao_desk.journal.settings:SettingError",
    "yibao_desk.ledger.export:LedgerError",
    "yibao_desk.sync.urls:SyncError",
    "yibao_desk.mailing.export:MailingError",
    "yibao_desk.archive.export:ArchiveError",
    "yibao_desk.sms.gateway:GatewayError",
    "yibao_desk.domain.sms:SmsTemplateError",
    "yibao_desk.domain.attachment_rules:AttachmentRefused",
)


def _user_error_types() -> tuple[type[BaseException], ...]:
    import importlib

    types: list[type[BaseException]] = []
    for ref in _USER_ERRORS:
        module, name = ref.split(":")
        if module in sys.modules:
            types.append(getattr(sys.modules[module], name))
        else:
            try:
                types.append(getattr(importlib.import_module(module), name))
            except ImportError:
                continue
    return tuple(types)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"用法错误：{message}\n")


def build_parser() -> argparse.ArgumentParser:
    argparse_zh.install()  # argparse's own words (usage, -h, every usage error) in Chinese, before any parser exists
    parser = _Parser(prog="yibao-desk", description="医保窗口桌面 — 医保经办窗口收件程序")
    parser.add_argument("--version", action="version", version=f"yibao-desk {version()}", help="显示程序版本号并退出")
    parser.add_argument("--db", help="本地办件日志（SQLite）路径；也可用环境变量 YIBAO_DESK_DB")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    catalog_cmds.register(sub)
    journal_cmds.register(sub)
    print_cmds.register(sub)
    ledger_cmds.register(sub)
    sync_cmds.register(sub)
    selfcheck_cmds.register(sub)
    settings_cmds.register(sub)
    holiday_cmds.register(sub)
    rating_cmds.register(sub)
    case_step_cmds.register(sub)
    mail_cmds.register(sub)
    sms_cmds.register(sub)
    archive_cmds.register(sub)
    handoff_cmds.register(sub)
    attach_cmds.register(sub)
    return parser


def _refuse_undecodable(argv: Sequence[str]) -> None:
    """An argument that is not UTF-8 text (bytes Python keeps as lone surrogates) is refused before it can be
    journaled, echoed or written into a file name: the message names its position, never its bytes."""
    for i, arg in enumerate(argv, 1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            raise CliError(f"第 {i} 个参数不是有效的 UTF-8 文字；请检查输入法或终端的编码设置") from None


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    try:
        _refuse_undecodable(argv)
    except CliError as e:
        print(f"错误：{e}", file=sys.stderr)
        return e.code
    parser = build_parser()
    args = parser.parse_args(argv)
    from yibao_desk.domain.paths import DataMissing, require_data

    try:
        if args.command != "selfcheck":  # which names it as its first step
            require_data()  # a broken installation is named before any command reads a file it lacks
    except DataMissing as e:
        print(f"错误：{e}", file=sys.stderr)
        return 3
    if not getattr(args, "func", None):
        from yibao_desk.gui.app import run

        return run(args.db)
    try:
        return int(args.func(args))
    except CliError as e:
        print(f"错误：{e}", file=sys.stderr)
        return e.code
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except UnicodeEncodeError as e:
        if e.reason == "surrogates not allowed":  # the inputs are refused before this; kept as a last resort
            print("错误：输入含有无效的字符（孤立的代理码位），无法处理", file=sys.stderr)
        else:  # the terminal's encoding (ascii, GBK …) cannot show what is printed
            encoding = getattr(sys.stdout, "encoding", None) or e.encoding
            print(f"错误：本终端的编码（{encoding}）无法显示输出的文字；请使用 UTF-8 终端", file=sys.stderr)
        return 2
    except (RecursionError, OverflowError) as e:  # last resort: the inputs are bounded before this
        print(f"错误：输入超出程序能处理的范围（{type(e).__name__}）", file=sys.stderr)
        return 2
    except Exception as e:
        if isinstance(e, _user_error_types()):
            print(f"错误：{e}", file=sys.stderr)
            return 2
        raise
