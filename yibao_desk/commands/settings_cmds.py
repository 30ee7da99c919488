"""Settings commands: `settings list` (every declared setting, a password shown as ***) and `settings set KEY VALUE`
(a supervisor, with the password by prompt or --password-stdin; validated as the settings page validates)."""

from __future__ import annotations

import argparse
from typing import Any

from yibao_desk.commands.common import CliError, emit_json
from yibao_desk.commands.journal_cmds import open_service, read_passwords


def _spec(key: str) -> Any:
    from yibao_desk.journal.settings import declared

    specs = declared()
    if key not in specs:
        raise CliError(f"未知的设置项 {key}；可用：{'、'.join(specs)}（用 `yibao-desk settings list` 查看）")
    return specs[key]


def cmd_settings_list(args: argparse.Namespace) -> int:
    from yibao_desk.journal.settings import declared, display_value

    svc = open_service(args)
    values = svc.settings()
    rows = [
        {
            "key": key,
            "label": spec.label,
            "value": display_value(key, values[key]),
            "default": spec.default,
            "type": spec.type,
            "description": spec.description,
        }
        for key, spec in declared().items()
    ]
    if args.json:
        emit_json(rows)
        return 0
    for r in rows:
        value = r["value"] if r["value"] != "" else "（空）"
        default = r["default"] if r["default"] != "" else "（空）"
        print(f"{r['key']}\t{r['label']}\t{value}\t默认 {default}")
    return 0


def _check(spec: Any, value: str) -> None:
    """The settings page's check, before anything is asked or journaled."""
    from yibao_desk.journal.settings import check_value

    check_value(spec, value)


def cmd_settings_set(args: argparse.Namespace) -> int:
    from yibao_desk.journal.settings import display_value

    spec = _spec(args.key)
    from_stdin = args.value == "-"  # the value from the line after the password, or a hidden prompt: not in `ps`
    if not from_stdin:
        _check(spec, args.value)
    import os

    from yibao_desk.commands.journal_cmds import PASSWORD_ENV

    scripted = os.environ.get(PASSWORD_ENV)  # the documented exception for scripts (README「命令行」)
    prompts = ([] if scripted is not None else [f"主管 {args.staff} 的密码"]) + (
        [f"{spec.label}的值"] if from_stdin else []
    )
    answers = read_passwords(args, prompts) if prompts else []
    if scripted is not None:
        answers = [scripted, *answers]
    value = answers[1].strip() if from_stdin else args.value
    if from_stdin:
        _check(spec, value)
    svc = open_service(args)
    svc.login(args.staff, answers[0])
    svc.change_setting(args.staff, args.key, value)
    shown = display_value(args.key, svc.settings()[args.key])
    if args.json:
        emit_json({"key": args.key, "label": spec.label, "value": shown})
    else:
        print(f"已设置 {spec.label}（{args.key}）：{shown if shown != '' else '（空）'}")
    return 0


def register(sub: Any) -> None:
    settings = sub.add_parser("settings", help="主管设置：查看、修改").add_subparsers(
        dest="settings_command", required=True
    )
    p = settings.add_parser("list", help="全部设置项及其当前值（密码显示为 ***）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_settings_list)
    p = settings.add_parser("set", help="修改一个设置项（主管，需输入密码；记入日志）")
    p.add_argument("key", metavar="KEY", help="设置项，见 settings list")
    p.add_argument("value", metavar="VALUE", help="新值；留空用 ''；- 表示从标准输入（主管密码之后一行）或隐藏提示读入")
    p.add_argument("--staff", required=True, metavar="SUPERVISOR", help="主管工号")
    p.add_argument("--password-stdin", action="store_true", help="从标准输入读密码（第一行主管密码）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_settings_set)
