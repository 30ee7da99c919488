"""One interface for every 身份证阅读器 (设置 → 读卡器): `read()` gives the card on the reader or raises
`ReaderError` with what the clerk reads (无卡 / 认证失败 / 读卡失败 / 未找到动态库 …). `open_reader(settings)` makes
the backend the settings choose: the vendor SDK (ctypes), the 结果文件 folder a reader tool writes, or none."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from yibao_desk.domain.id_card import IdCard

BACKENDS = {
    "none": "不使用读卡器（手工输入）",
    "sdk": "厂商动态库（termb / sdtapi）",
    "file": "结果文件（wz.txt + zp.bmp）",
}


class ReaderError(Exception):
    """A read that gave no card; `kind` is no_card, auth, read, library, port or file."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class IdCardReader(Protocol):
    def describe(self) -> str: ...

    def read(self) -> IdCard: ...

    def close(self) -> None: ...


def open_reader(settings: Mapping[str, Any]) -> IdCardReader | None:
    """The reader the settings name (None: typing, as without a reader)."""
    kind = str(settings.get("id_reader") or "none")
    if kind == "sdk":
        from yibao_desk.devices.id_reader_sdk import SdkReader

        return SdkReader(str(settings.get("id_reader_library") or ""), str(settings.get("id_reader_port") or "auto"))
    if kind == "file":
        from yibao_desk.devices.id_reader_file import ResultFileReader

        folder = str(settings.get("id_reader_folder") or "").strip()
        if not folder:
            raise ReaderError("file", "读卡器设为“结果文件”，但没有设置结果文件所在的文件夹（设置 → 读卡结果文件夹）")
        return ResultFileReader(Path(folder).expanduser())
    return None
