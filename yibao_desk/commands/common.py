"""What every sub-command shares: errors with exit codes, JSON in and out, the catalog and calendar."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from yibao_desk.domain.catalog import Catalog, Region, Service
    from yibao_desk.domain.working_days import Calendar


class CliError(Exception):
    """A user-facing failure: the message is printed to stderr in Chinese and the process exits with `code`."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# What `read_json_input` accepts: a clerk's case or a form's data is a few kilobytes, a few levels deep.
MAX_INPUT_BYTES = 1024 * 1024
MAX_INPUT_MB = 1
MAX_INPUT_DEPTH = 32
# The dates a command takes (受理日期, ledger range, due-date start): the office's working years, not all of time.
DATE_MIN = dt.date(2000, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)

# A JSON string (escapes and all) or one bracket: brackets inside strings are no nesting.
_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_SURROGATE = re.compile("[\ud800-\udfff]")


class _NotFinite(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _NotFinite(name)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotFinite(text)
    return value


def _input_bytes(source: str) -> bytes:
    """At most MAX_INPUT_BYTES + 1 bytes of the file or of stdin (as bytes: the bytes are decoded strictly here)."""
    if source == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # stdin replaced by a text stream (tests): its text, encoded back
            try:
                return sys.stdin.read(MAX_INPUT_BYTES + 1).encode("utf-8")
            except UnicodeEncodeError:
                raise CliError("标准输入不是有效的 UTF-8 文字") from None
        data: bytes = stream.read(MAX_INPUT_BYTES + 1)
        return data
    try:
        with open(source, "rb") as f:
            return f.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise CliError(f"输入文件不存在：{source}") from None
    except IsADirectoryError:
        raise CliError(f"输入 {source} 是文件夹，不是 JSON 文件") from None
    except PermissionError:
        raise CliError(f"无权读取输入文件 {source}") from None
    except OSError as e:
        raise CliError(f"无法读取输入文件 {source}（{e.strerror or e}）") from None


def _check_depth(text: str, where: str) -> None:
    depth = 0
    for m in _JSON_TOKENS.finditer(text):
        c = m.group()
        if c in "[{":
            depth += 1
            if depth > MAX_INPUT_DEPTH:
                raise CliError(f"{where}嵌套过深：对象和数组最多 {MAX_INPUT_DEPTH} 层")
        elif c in "]}":
            depth -= 1


def _check_text(value: Any, where: str) -> None:
    """Every string in the parsed value (keys too) is text that UTF-8 can hold: no lone surrogate (a `\\ud800`
    escape), which would otherwise fail in the journal, the PDF or the terminal."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, str):
            bad = _SURROGATE.search(v)
            if bad:
                raise CliError(f"{where}含有无效的字符 U+{ord(bad.group()):04X}（孤立的代理码位，不是有效的文字）")


def read_json_input(source: str) -> Any:
    """The JSON of a file, or of stdin for "-": the one reader of every command that takes JSON. Refused with a
    Chinese message (CliError, exit 2): more than 1 MB, nested more than 32 deep, bytes that are not UTF-8 (a
    UTF-8 byte-order mark is allowed), lone surrogates, NaN/Infinity and numbers too large for a float."""
    where = "标准输入" if source == "-" else f"输入文件 {source} "
    raw = _input_bytes(source)
    if len(raw) > MAX_INPUT_BYTES:
        raise CliError(f"{where}过大：JSON 输入最多 {MAX_INPUT_MB} MB")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise CliError(
            f"{where}不是有效的 UTF-8 文字（第 {e.start + 1} 个字节起）；请以 UTF-8 编码保存（GBK 文件请先转换）"
        ) from None
    _check_depth(text, where)
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except json.JSONDecodeError as e:
        raise CliError(f"输入不是有效的 JSON（第 {e.lineno} 行第 {e.colno} 列）：{e.msg}") from None
    except _NotFinite:
        raise CliError(f"{where}含有 NaN、Infinity 或超出范围的数：JSON 中的数应为有限的数") from None
    except ValueError:  # an integer of more digits than Python converts (4300)
        raise CliError(f"{where}不是可用的 JSON：其中的数字过长") from None
    except RecursionError:  # the depth check above comes first; kept for safety
        raise CliError(f"{where}嵌套过深：对象和数组最多 {MAX_INPUT_DEPTH} 层") from None
    _check_text(value, where)
    return value


def parse_date(text: str, what: str = "日期") -> dt.date:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{what}格式不对：{text!r}，应为 YYYY-MM-DD") from None
    if not DATE_MIN <= day <= DATE_MAX:
        raise CliError(f"{what}超出范围：{text}，应在 {DATE_MIN.isoformat()} 至 {DATE_MAX.isoformat()} 之间")
    return day


def catalog() -> Catalog:
    from yibao_desk.domain.catalog import default_catalog

    return default_catalog()


def region(region_id: str) -> Region:
    cat = catalog()
    try:
        return cat.region(region_id)
    except KeyError:
        raise CliError(f"未知的地区 {region_id!r}；可用地区：{'、'.join(cat.regions)}") from None


def service(region_obj: Region, code: str) -> Service:
    try:
        return region_obj.service(code)
    except KeyError:
        raise CliError(
            f"地区 {region_obj.id} 没有事项编码 {code!r}；用 `yibao-desk services --region {region_obj.id}` 查看"
        ) from None


def calendar(db: str | None = None) -> Calendar:
    """This PC's calendar: the shipped years, a supervisor's files in the data folder and the years entered into
    this PC's journal (`holidays add-year`), so `due-date` and `check` give the date intake would give."""
    from yibao_desk.domain.working_days import load_calendar
    from yibao_desk.journal.db import resolve_db_path
    from yibao_desk.journal.service_calendar import entered_years
    from yibao_desk.settings_paths import user_holidays_dir

    cal = load_calendar([user_holidays_dir()])
    for year in entered_years(resolve_db_path(db)):
        cal.add_year(year)
    return cal


def print_warnings(warnings: list[str] | tuple[str, ...]) -> None:
    for w in warnings:
        print(f"提示：{w}", file=sys.stderr)
