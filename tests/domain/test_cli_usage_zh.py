"""argparse's own words in Chinese: usage errors and help, as a person at the window sees them (a subprocess)."""

from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from yibao_desk.commands import argparse_zh

# What argparse says in English when it is not translated; none of it may reach a person.
ENGLISH = (
    "usage:",
    "required",
    "invalid choice",
    "choose from",
    "unrecognized arguments",
    "expected one argument",
    "invalid int value",
    "invalid",
    "argument ",
    "error:",
    "options",
    "positional arguments",
    "show this help message",
    "show program's version",
)


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "YIBAO_DESK_DB"}
    env.update({"YIBAO_DESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"})
    r = subprocess.run(
        [sys.executable, "-m", "yibao_desk", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert "Traceback" not in r.stderr, r.stderr
    return r


def assert_chinese(text: str) -> None:
    assert re.search(r"[\u4e00-\u9fff]", text), f"no Chinese in:\n{text}"
    for phrase in ENGLISH:
        assert phrase not in text, f"argparse's English {phrase!r} in:\n{text}"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["services"], ["用法：yibao-desk services", "用法错误：缺少必需的参数：--region"]),
        (["no-such-command"], ["用法：yibao-desk", "无效的选择：'no-such-command'", "（可选：'regions'"]),
        (["regions", "--bogus"], ["用法错误：无法识别的参数：--bogus"]),
        (["sync", "push", "--batch", "x"], ["用法：yibao-desk sync push", "参数 --batch：", "'x'"]),
        (["due-date", "--from"], ["参数 --from：需要一个值"]),
    ],
    ids=["missing-required", "unknown-sub-command", "unrecognized", "bad-int", "missing-value"],
)
def test_usage_errors_are_chinese(tmp_path: Path, args: list[str], expected: list[str]) -> None:
    r = run(tmp_path, *args)
    assert r.returncode == 2, r.stderr
    assert r.stdout == ""
    assert_chinese(r.stderr)
    for text in expected:
        assert text in r.stderr, f"{text!r} not in:\n{r.stderr}"


@pytest.mark.parametrize("args", [["sync", "push", "--help"], ["services", "-h"], ["--help"]])
def test_help_is_chinese(tmp_path: Path, args: list[str]) -> None:
    r = run(tmp_path, *args)
    assert r.returncode == 0, r.stderr
    assert_chinese(r.stdout)
    assert r.stdout.startswith("用法：yibao-desk")
    assert "选项" in r.stdout and "-h, --help" in r.stdout and "显示本帮助并退出" in r.stdout


def test_version_help_is_chinese(tmp_path: Path) -> None:
    assert "显示程序版本号并退出" in run(tmp_path, "--help").stdout
    r = run(tmp_path, "--version")
    assert r.returncode == 0 and r.stdout.startswith("yibao-desk ")


def _argparse_msgids() -> set[str]:
    """Every string literal this interpreter's argparse passes to `_` or `ngettext`."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    ids: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            ids.update(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
            # Python 3.11/3.12: _(kwargs.pop('title', 'subcommands'))
            for a in node.args:
                if isinstance(a, ast.Call):
                    ids.update(b.value for b in a.args[1:] if isinstance(b, ast.Constant) and isinstance(b.value, str))
    return ids


def test_catalogue_covers_every_argparse_msgid_with_its_placeholders() -> None:
    ids = _argparse_msgids()
    assert "usage: " in ids and "the following arguments are required: %s" in ids
    missing = sorted(ids - argparse_zh.CATALOGUE.keys())
    assert not missing, f"argparse msgids without Chinese: {missing}"
    placeholder = re.compile(r"%(?:\([a-z_]+\))?[sr]")
    for msgid, zh in argparse_zh.CATALOGUE.items():
        assert sorted(placeholder.findall(msgid)) == sorted(placeholder.findall(zh)), msgid
        assert msgid.endswith("\n") == zh.endswith("\n"), msgid


def test_unknown_msgids_pass_through() -> None:
    assert argparse_zh.gettext("工作人员账号") == "工作人员账号"
    assert argparse_zh.gettext(None) is None
    assert argparse_zh.ngettext("expected %s argument", "expected %s arguments", 2) == "需要 %s 个值"
