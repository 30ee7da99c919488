"""Issue 18 §2: the receipt as an ESC/POS byte stream (python-escpos's Dummy printer), read back byte by byte —
the Chinese text in GB18030 after FS &, the case number in the printer's Code 128 (GS k) and QR (GS ( k) commands,
or as raster images (GS v 0, drawn by python-barcode and qrcode) for printers without them, and the cut (GS V);
the same stream sent to a network printer (a local TCP server) and a device file; bad settings said in words."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from tests.devices.tcp_printer import tcp_printer
from tests.journal.conftest import APPLICANT
from tests.journal.test_intake import CLAIM, complete
from yibao_desk.case_documents import info_for
from yibao_desk.devices.escpos_receipt import PrinterError, open_printer, render_escpos, send, wrap
from yibao_desk.journal.intake import IntakeService

ANSWERS = {"maternity": "否"}


@pytest.fixture
def accepted(service: IntakeService) -> str:
    number, _ = service.open_case("c01", CLAIM, APPLICANT, answers=ANSWERS)
    service.decide("c01", number, ANSWERS, complete(service, CLAIM, ANSWERS))
    return number


def test_the_receipt_bytes(service: IntakeService, accepted: str) -> None:
    data = render_escpos(info_for(service, accepted))
    assert data.startswith(b"\x1b@\x1c\x26")  # initialise, Chinese mode
    for text in ("收件回执", "城镇职工参保人员医疗", f"办件编号：{accepted}", "王小明", "已收材料："):
        assert text.encode("gb18030") in data, text
    number = accepted.encode()
    assert b"\x1dkI" + bytes([len(number) + 2]) + b"{B" + number in data  # GS k m=73 (Code 128), code set B
    assert b"\x1d(k" in data and b"1P0" + number in data  # the QR symbol's data is the case number
    assert data.rstrip(b"\n").endswith(b"\x1dV\x00") or b"\x1dV" in data[-8:]  # the cut, last
    assert b"\x1dv0" not in data  # no raster image when the printer draws the codes


def test_raster_codes_for_printers_without_the_commands(service: IntakeService, accepted: str) -> None:
    data = render_escpos(info_for(service, accepted), native_codes=False)
    assert b"\x1dkI" not in data and b"\x1d(k" not in data
    assert data.count(b"\x1dv0") >= 2  # the barcode and the QR as raster images
    assert "收件回执".encode("gb18030") in data


def test_lines_fit_the_roll() -> None:
    lines = wrap("申请人：王小明　证件号码：430981********0034　电话：138****8000")
    assert all(sum(1 if ord(c) < 0x2E80 else 2 for c in line) <= 48 for line in lines) and len(lines) == 2


def test_sent_to_a_network_printer_and_to_a_device_file(service: IntakeService, accepted: str, tmp_path: Path) -> None:
    data = render_escpos(info_for(service, accepted))
    with tcp_printer() as printer:
        said = send({"receipt_printer": "network", "receipt_printer_address": printer.address}, data)
        assert printer.wait() == data and said == f"ESC/POS:network:{printer.address}"
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    send({"receipt_printer": "file", "receipt_printer_address": str(device)}, data)
    assert device.read_bytes() == data


def test_bad_printer_settings_are_said_in_words(tmp_path: Path) -> None:
    assert open_printer({"receipt_printer": "none"}) is None
    with pytest.raises(PrinterError, match="没有填写地址"):
        open_printer({"receipt_printer": "network"})
    with pytest.raises(PrinterError, match="格式不对（主机:端口"):
        open_printer({"receipt_printer": "network", "receipt_printer_address": "host:九一零零"})
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()  # nobody listens there
    with pytest.raises(PrinterError, match=r"小票打印机（网络（9100 端口） 127.0.0.1:\d+）无法打印"):
        send({"receipt_printer": "network", "receipt_printer_address": f"127.0.0.1:{port}"}, b"x")


def test_sent_to_a_serial_printer(service: IntakeService, accepted: str) -> None:
    """A serial port played by a pseudo-terminal: what the printer end reads is the receipt."""
    import os

    data = render_escpos(info_for(service, accepted))
    master, slave = os.openpty()
    got = bytearray()

    def read() -> None:
        while len(got) < len(data):
            chunk = os.read(master, 65536)
            if not chunk:
                break
            got.extend(chunk)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    send({"receipt_printer": "serial", "receipt_printer_address": f"{os.ttyname(slave)}:115200"}, data)
    thread.join(10)
    os.close(master)
    os.close(slave)
    assert bytes(got) == data


def test_a_usb_printer_that_is_not_there_is_said_in_words() -> None:
    with pytest.raises(PrinterError, match="小票打印机（USB 0416:5011）无法打印"):
        send({"receipt_printer": "usb", "receipt_printer_address": "0416:5011"}, b"x")
    with pytest.raises(PrinterError, match="格式不对（厂商号:产品号"):
        open_printer({"receipt_printer": "usb", "receipt_printer_address": "爱普生"})
