"""What every sub-command shares: errors with exit codes, JSON in and out, the catalog and calendar."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
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


def read_json_input(source: str) -> Any:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CliError(f"输入文件不存在：{source}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise CliError(f"无法读取输入文件 {source}：{e}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise CliError(f"输入不是有效的 JSON（第 {e.lineno} 行第 {e.colno} 列）：{e.msg}") from None


def parse_date(text: str, what: str = "日期") -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{what}格式不对：{text!r}，应为 YYYY-MM-DD") from None


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


def calendar() -> Calendar:
    from yibao_desk.domain.working_days import load_calendar
    from yibao_desk.settings_paths import user_holidays_dir

    return load_calendar([user_holidays_dir()])


def print_warnings(warnings: list[str] | tuple[str, ...]) -> None:
    for w in warnings:
        print(f"提示：{w}", file=sys.stderr)
