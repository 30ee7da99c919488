"""The 「结果文件」 mode many reader tools offer: each card read is written into a folder as wz.txt (the text, one
field per line: 姓名, 性别, 民族, 出生, 住址, 公民身份号码, 签发机关, 有效期起始, 有效期截止 — GBK or UTF-8) and zp.bmp
(the photo). A read takes the files newer than the last one taken; older ones are 无卡."""

from __future__ import annotations

from pathlib import Path

from yibao_desk.devices.id_reader import ReaderError
from yibao_desk.domain.id_card import IdCard, card_from_fields

TEXT, PHOTO = "wz.txt", "zp.bmp"


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReaderError("file", "结果文件 wz.txt 不是可识别的文字（应为 GBK 或 UTF-8）")


class ResultFileReader:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        # the modification time of the last wz.txt taken: the one there when the reader is opened is an earlier
        # person's, never read into a new case
        try:
            self.taken: float = (folder / TEXT).stat().st_mtime
        except OSError:
            self.taken = 0.0

    def describe(self) -> str:
        return f"身份证阅读器（结果文件 {self.folder}）"

    def read(self) -> IdCard:
        text = self.folder / TEXT
        try:
            stamp = text.stat().st_mtime
        except FileNotFoundError:
            if not self.folder.is_dir():
                raise ReaderError(
                    "file", f"读卡结果文件夹 {self.folder} 不存在：请检查 设置 → 读卡结果文件夹"
                ) from None
            raise ReaderError("no_card", "无卡：读卡工具尚未写出结果文件（请把身份证放上读卡器）") from None
        if stamp <= self.taken:
            raise ReaderError("no_card", "无卡：没有新读的身份证（请把身份证放上读卡器，待读卡工具读完再按 F8）")
        try:
            lines = [line.strip() for line in _decode(text.read_bytes()).splitlines()]
        except OSError as e:
            raise ReaderError("file", f"无法读取 {text}：{e.strerror or type(e).__name__}") from None
        lines = [line for line in lines if line]
        if len(lines) < 9:
            raise ReaderError("read", f"读卡失败：结果文件 wz.txt 只有 {len(lines)} 行（应有 9 行：姓名 … 有效期截止）")
        photo_path = self.folder / PHOTO
        try:
            photo = photo_path.read_bytes() if photo_path.stat().st_mtime >= stamp - 5 else None
        except OSError:
            photo = None
        self.taken = stamp
        return card_from_fields(lines[:9], photo=photo)

    def close(self) -> None:
        pass
