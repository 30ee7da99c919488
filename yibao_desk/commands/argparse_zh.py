"""argparse's own messages in Chinese: usage, help headings, usage errors.

argparse does ``from gettext import gettext as _, ngettext`` at import, and looks both names up as module globals
each time it formats a message; :func:`install` replaces them with look-ups in the catalogue below. Every msgid
argparse uses in Python 3.11–3.13 is listed (a few of 3.14's too); %-placeholders are kept as they are, and a
msgid not in the catalogue (a program's own text passed through ``_``, or ``None``) comes back unchanged."""

from __future__ import annotations

import argparse
from typing import overload

CATALOGUE: dict[str, str] = {
    # usage and help
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",  # Python ≤ 3.9
    "subcommands": "子命令",
    "%(heading)s:": "%(heading)s：",
    " (default: %(default)s)": "（默认：%(default)s）",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示程序版本号并退出",
    # usage errors a person can cause
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s：警告：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "必须给出以下参数之一：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)": (
        "无效的选择：%(value)r，是否想输入 %(closest)r？（可选：%(choices)s）"
    ),
    "invalid %(type)s value: %(value)r": "不是有效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项不明确：%(option)s 可以是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的值 %r 被忽略",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的子命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    'argument "-" with mode %r': "参数“-”不能以 %r 方式打开",
    "option '%(option)s' is deprecated": "选项“%(option)s”已弃用",
    "argument '%(argument_name)s' is deprecated": "参数“%(argument_name)s”已弃用",
    "command '%(parser_name)s' is deprecated": "命令“%(parser_name)s”已弃用",
    # mistakes in a program's parser definition (a developer sees these)
    ".__call__() not defined": ".__call__() 未定义",
    "%r is not callable": "%r 不可调用",
    "'required' is an invalid argument for positionals": "位置参数不能使用 'required'",
    "cannot merge actions - two groups are named %r": "无法合并参数：两个参数组都名为 %r",
    "cannot have multiple subparser arguments": "不能有多个子命令参数",
    "conflicting subparser: %s": "子命令冲突：%s",
    "conflicting subparser alias: %s": "子命令别名冲突：%s",
    "conflicting option string: %s": "选项冲突：%s",
    "conflicting option strings: %s": "选项冲突：%s",
    "dest= is required for options like %r": "像 %r 这样的选项必须给出 dest=",
    "invalid conflict_resolution value: %r": "无效的 conflict_resolution 值：%r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r": (
        "无效的选项 %(option)r：必须以字符 %(prefix_chars)r 开头"
    ),
    "mutually exclusive arguments must be optional": "互斥的参数必须是选项",
}


@overload
def gettext(message: str) -> str: ...
@overload
def gettext(message: None) -> None: ...
def gettext(message: str | None) -> str | None:
    """The Chinese of one argparse msgid; anything else unchanged (Python 3.11 passes ``None`` through too)."""
    if message is None:
        return None
    return CATALOGUE.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Make argparse speak Chinese from now on, for every parser (idempotent)."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
