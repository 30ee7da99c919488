"""The 档案号 of an archived case (issue 17 §5, seed 000 §十一 归档): the region's pattern (`archive_number_format`
in its profile) filled with the case prefix, the year, the counter PC and that PC's serial of the year — unique
across the PCs of a region without asking the centre, as the case numbers are."""

from __future__ import annotations

import re
import string

FIELDS = ("prefix", "year", "device", "serial")


def format_problem(pattern: str) -> str | None:
    """Why a pattern cannot number archives (an unknown placeholder, no {serial}, no {device}), or None."""
    try:
        found = [(f, spec) for _, f, spec, _ in string.Formatter().parse(pattern) if f is not None]
    except ValueError as e:
        return f"档案号格式不对（{e}）：{pattern}"
    names = [f for f, _ in found]
    unknown = [n for n in names if n not in FIELDS]
    if unknown:
        return f"档案号格式含未知的占位符 {{{unknown[0]}}}（可用：{'、'.join('{' + f + '}' for f in FIELDS)}）"
    if "serial" not in names or "device" not in names:
        return "档案号格式应含 {serial}（本机当年的归档序号）和 {device}（设备编号），各窗口的档案号才不会重复"
    for f, spec in found:
        if f == "serial" and spec and not re.fullmatch(r"0?\d{1,2}d", spec):
            return f"档案号格式中 {{serial:{spec}}} 不对，应如 {{serial:05d}}"
        if f != "serial" and spec:
            return f"档案号格式中 {{{f}}} 不能带格式说明"
    return None


def archive_number(pattern: str, prefix: str, year: int, device: str, serial: int) -> str:
    return pattern.format(prefix=prefix, year=year, device=device, serial=serial)
