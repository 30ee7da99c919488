"""The 收件回执 printed natively on an 80 mm ESC/POS receipt printer (issue 18 §2), with python-escpos: the same
blocks as the PDF receipt (printing/receipt_content.py) as GB18030 text in the printer's Chinese mode, the case
number as the printer's own Code 128 barcode and QR code — or, for printers without those commands, as images
drawn by python-barcode and qrcode — then the cut. The bytes are made first (python-escpos's Dummy printer), then
sent to the device that 设置 → 小票打印机 names: USB, serial, network (port 9100) or a device file."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Mapping
from typing import Any

from escpos.escpos import Escpos
from escpos.printer import Dummy

from yibao_desk.printing.case_info import CaseInfo
from yibao_desk.printing.receipt_content import Block, receipt_blocks

COLUMNS = 48  # font A on an 80 mm roll: 48 half-width characters, 24 Chinese
CHINESE_MODE = b"\x1c\x26"  # FS &: double-byte characters (GB18030 on the printers sold in China)
DOUBLE_SIZE = b"\x1d!\x11\x1c!\x0c"  # GS ! double width and height; FS ! the same for Chinese characters
NORMAL_SIZE = b"\x1d!\x00\x1c!\x00"
BACKENDS = {"none": "不使用（经系统打印机打印 PDF）", "usb": "USB", "serial": "串口", "network": "网络（9100 端口）",
            "file": "设备文件（如 /dev/usb/lp0）"}  # fmt: skip


class PrinterError(Exception):
    """The receipt printer could not be opened or written to; the message is for the clerk."""


def _width(ch: str) -> int:
    """Places on the roll: a character GB18030 writes in two bytes or more (Chinese, ·, —) takes two."""
    return 1 if len(ch.encode("gb18030", errors="replace")) == 1 else 2


def wrap(text: str, columns: int = COLUMNS) -> list[str]:
    """Lines of at most `columns` half-width places (a Chinese character takes two)."""
    lines, line, used = [], "", 0
    for ch in text:
        w = _width(ch)
        if used + w > columns:
            lines.append(line)
            line, used = "", 0
        line += ch
        used += w
    if line or not lines:
        lines.append(line)
    return lines


def _text(p: Escpos, text: str) -> None:
    for line in wrap(text):
        p._raw(line.encode("gb18030", errors="replace") + b"\n")


def _codes(p: Escpos, case_number: str, native: bool) -> None:
    p.set(align="center")
    with contextlib.redirect_stdout(io.StringIO()):  # python-escpos says on stdout which renderer it used
        if native:
            p.barcode("{B" + case_number, "CODE128", height=64, width=2, pos="OFF", function_type="B", align_ct=True)
            p.qr(case_number, native=True, size=6, ec=0)
        else:
            p.image(_barcode_image(case_number), center=True)
            p.image(_qr_image(case_number), center=True)
    p.set(align="left")


def _barcode_image(case_number: str) -> Any:
    """Code 128 drawn by python-barcode, for a printer without the GS k command."""
    from barcode import Code128
    from barcode.writer import ImageWriter

    image = Code128(case_number, writer=ImageWriter()).render(
        {"module_width": 0.25, "module_height": 8.0, "quiet_zone": 2.0, "write_text": False, "dpi": 203}
    )
    return image


def _qr_image(case_number: str) -> Any:
    """The QR code drawn by qrcode, for a printer without the GS ( k commands."""
    import qrcode

    made = qrcode.QRCode(box_size=6, border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    made.add_data(case_number)
    made.make(fit=True)
    return made.make_image(fill_color="black", back_color="white").get_image()


def _table(p: Escpos, b: Block) -> None:
    header, *rows = b.rows
    for row in rows:
        details = "，".join(f"{h}：{v}" for h, v in zip(header[1:], row[1:], strict=False) if v and v != "—")
        _text(p, f"· {row[0]}" + (f"（{details}）" if details else ""))


def render_escpos(info: CaseInfo, native_codes: bool = True) -> bytes:
    """The receipt as the bytes an ESC/POS printer takes."""
    p = Dummy()
    p._raw(b"\x1b@" + CHINESE_MODE)  # ESC @ initialise, then the Chinese mode
    for b in receipt_blocks(info):
        if b.kind == "agency":
            p.set(align="center")
            _text(p, b.text)
        elif b.kind == "title":
            p.set(align="center", bold=True)
            p._raw(DOUBLE_SIZE)  # GS ! and FS !: the Chinese characters too, which ESC ! leaves as they are
            _text(p, b.text)
            p._raw(NORMAL_SIZE)
            p.set(align="left", bold=False)
        elif b.kind == "codes":
            _codes(p, b.text, native_codes)
        elif b.kind == "table":
            _table(p, b)
        else:
            _text(p, b.text)
    p._raw(b"\n\n")
    p.cut()
    return bytes(p.output)


def open_printer(settings: Mapping[str, Any]) -> Escpos | None:
    """The receipt printer 设置 names (None: receipts go through the system printer as PDF)."""
    kind = str(settings.get("receipt_printer") or "none")
    where = str(settings.get("receipt_printer_address") or "").strip()
    if kind == "none":
        return None
    if not where:
        raise PrinterError(f"小票打印机设为{BACKENDS.get(kind, kind)}，但没有填写地址（设置 → 小票打印机地址）")
    try:
        if kind == "network":
            host, _, port = where.partition(":")
            from escpos.printer import Network

            return Network(host, int(port or 9100), timeout=10)
        if kind == "file":
            from escpos.printer import File

            return File(where)
        if kind == "serial":
            from escpos.printer import Serial

            device, _, baud = where.partition(":")
            return Serial(devfile=device, baudrate=int(baud or 9600))
        if kind == "usb":
            from escpos.printer import Usb

            vendor, _, product = where.partition(":")
            return Usb(int(vendor, 16), int(product, 16))
    except ValueError:
        raise PrinterError(f"小票打印机地址 {where} 的格式不对（{_FORMATS[kind]}）") from None
    raise PrinterError(f"不认识的小票打印机类型 {kind}")


_FORMATS = {
    "network": "主机:端口，如 192.168.1.50:9100",
    "file": "设备文件，如 /dev/usb/lp0",
    "serial": "串口[:波特率]，如 COM3:9600 或 /dev/ttyUSB0:9600",
    "usb": "厂商号:产品号（十六进制），如 0416:5011",
}


def send(settings: Mapping[str, Any], data: bytes) -> str:
    """Send the bytes to the configured printer; returns what it was (for the print record)."""
    printer = open_printer(settings)
    if printer is None:
        raise PrinterError("未设置小票打印机（设置 → 小票打印机）")
    kind = str(settings.get("receipt_printer"))
    where = str(settings.get("receipt_printer_address"))
    try:
        printer.open()
        printer._raw(data)
        printer.close()
    except Exception as e:
        raise PrinterError(f"小票打印机（{BACKENDS.get(kind, kind)} {where}）无法打印：{e}") from None
    return f"ESC/POS:{kind}:{where}"
