"""The vendor SDK most 身份证阅读器 ship (termb.dll / sdtapi.dll on Windows, libtermb.so / libsdtapi.so on Linux,
UOS and Kylin), through ctypes: CVR_InitComm(port) opens the reader — USB ports 1001–1016, then serial 1–16, when
the port is `auto` — CVR_Authenticate finds the card, CVR_Read_Content reads it, and the Get* functions give each
field as GBK text (GetBMPData the decoded photo). Every call's failure becomes a `ReaderError` in words."""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from pathlib import Path

from yibao_desk.devices.id_reader import ReaderError
from yibao_desk.domain.id_card import IdCard, card_from_fields

USB_PORTS = tuple(range(1001, 1017))
SERIAL_PORTS = tuple(range(1, 17))
FIELDS = (
    "GetPeopleName", "GetPeopleSex", "GetPeopleNation", "GetPeopleBirthday", "GetPeopleAddress",
    "GetPeopleIDCode", "GetDepartment", "GetStartDate", "GetEndDate",
)  # fmt: skip
NAMES = ("termb", "sdtapi", "Termb", "SDTAPI")
READ_TEXT_AND_PHOTO = 1  # CVR_Read_Content's argument: the text and the photo


def _candidates(configured: str) -> list[str]:
    if configured.strip():
        return [configured.strip()]
    found = [ctypes.util.find_library(n) for n in NAMES]
    if sys.platform == "win32":
        return [f"{n}.dll" for n in NAMES] + [f for f in found if f]
    return [f"lib{n}.so" for n in NAMES] + [f for f in found if f]


def load_library(configured: str) -> ctypes.CDLL:
    """The SDK's library: the configured file, or the usual names on the library path."""
    tried = _candidates(configured)
    loader = getattr(ctypes, "WinDLL", ctypes.CDLL) if sys.platform == "win32" else ctypes.CDLL  # stdcall there
    errors: list[str] = []
    not_cvr = ""
    for name in tried:
        try:
            lib = loader(name)
        except OSError as e:
            if Path(name).exists():  # a file that is there and does not load: say why
                errors.append(f"{name}：{e}（32 位的动态库不能在 64 位程序中使用，请向厂商索取 64 位版本）")
            continue
        missing = [f for f in ("CVR_InitComm", "CVR_Authenticate", "CVR_Read_Content", *FIELDS) if not hasattr(lib, f)]
        if missing:  # e.g. a bare 公安部 SDTAPI.DLL (SDT_* functions): the CVR interface is another library
            not_cvr = f"动态库 {name} 不是身份证阅读器的 CVR 接口（缺少 {missing[0]}；请使用厂商随附的 termb 动态库）"
            continue
        return lib
    if not_cvr:
        raise ReaderError("library", not_cvr)
    if errors:
        raise ReaderError("library", f"读卡器动态库无法加载：{errors[0]}")
    where = "、".join(tried[:4])
    raise ReaderError(
        "library", f"未找到读卡器动态库（试过 {where}）：请安装读卡器驱动，或在 设置 → 读卡器动态库 填写其路径"
    )


class SdkReader:
    def __init__(self, library: str, port: str = "auto") -> None:
        self.lib = load_library(library)
        for name in ("CVR_InitComm", "CVR_Authenticate", "CVR_Read_Content", "CVR_CloseComm"):
            if hasattr(self.lib, name):
                fn = getattr(self.lib, name)
                fn.restype = ctypes.c_int
        self.lib.CVR_InitComm.argtypes = [ctypes.c_int]
        self.lib.CVR_Read_Content.argtypes = [ctypes.c_int]
        self.library = library or "（系统默认）"
        self.port_setting = port.strip().lower() or "auto"
        if self.port_setting != "auto" and not self.port_setting.isdigit():
            raise ReaderError("port", f"读卡器端口应为 auto 或端口号（USB 1001–1016、串口 1–16），不是 {port}")
        self.port: int | None = None

    def describe(self) -> str:
        where = f"端口 {self.port}" if self.port is not None else f"端口 {self.port_setting}"
        return f"身份证阅读器（厂商动态库 {Path(self.library).name}，{where}）"

    def _open(self) -> int:
        if self.port is not None:
            return self.port
        ports = USB_PORTS + SERIAL_PORTS if self.port_setting == "auto" else (int(self.port_setting),)
        for port in ports:
            if self.lib.CVR_InitComm(port) == 1:
                self.port = port
                return port
        shown = "USB 1001–1016、串口 1–16" if len(ports) > 1 else str(ports[0])
        raise ReaderError("port", f"未找到身份证阅读器（试过 {shown}）：请检查读卡器的连接线和驱动")

    def read(self) -> IdCard:
        self._open()
        if self.lib.CVR_Authenticate() != 1:
            raise ReaderError("no_card", "无卡：请把身份证平放在读卡器上（认证未通过时请换一个角度再放）")
        if self.lib.CVR_Read_Content(READ_TEXT_AND_PHOTO) != 1:
            self.close()  # the next read opens the port again: a reader pulled out and put back in
            raise ReaderError("read", "读卡失败：请把身份证拿开后重新放好再读（F8）")
        values = [self._text(f) for f in FIELDS]
        return card_from_fields(values, photo=self._photo())

    def _text(self, function: str) -> str:
        buf = ctypes.create_string_buffer(256)
        length = ctypes.c_int(len(buf))
        fn = getattr(self.lib, function)
        fn.restype = ctypes.c_int
        if fn(buf, ctypes.byref(length)) != 1:
            raise ReaderError("read", f"读卡失败：读卡器没有给出{function}（请重新放卡）")
        raw = buf.raw[: max(0, min(length.value, len(buf)))].split(b"\0", 1)[0]
        return raw.decode("gb18030", errors="replace")  # GBK, of which GB18030 is the superset

    def _photo(self) -> bytes | None:
        fn = getattr(self.lib, "GetBMPData", None)
        if fn is None:
            return None
        buf = ctypes.create_string_buffer(64 * 1024)
        length = ctypes.c_int(len(buf))
        fn.restype = ctypes.c_int
        if fn(buf, ctypes.byref(length)) != 1 or not (0 < length.value <= len(buf)):
            return None
        return buf.raw[: length.value]

    def close(self) -> None:
        if self.port is not None and hasattr(self.lib, "CVR_CloseComm"):
            self.lib.CVR_CloseComm()
        self.port = None
