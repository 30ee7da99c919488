"""The 寄送清单 and the labels as paper: every address on them, the case barcode on each label scans to its case
number, eight labels to an A4 sheet, the list's header on every page of a long day."""

from __future__ import annotations

import datetime as dt
import io

import zxingcpp
from PIL import Image
from pypdf import PdfReader

from tests.printing.pdfcheck import to_png
from yibao_desk.domain.catalog import Catalog
from yibao_desk.mailing.labels import Sender, render_labels
from yibao_desk.mailing.list_pdf import render_mail_list
from yibao_desk.mailing.mail_list import MailItem

DAY = dt.date(2026, 12, 3)


def _items(n: int) -> list[MailItem]:
    return [
        MailItem(
            case_number=f"YJ-W01-20261203-{i:04d}",
            service_name="城乡居民基本医疗保险参保登记",
            applicant_name="李建国",
            recipient=f"收件人{i}",
            phone="13900139000",
            address=f"湖南省沅江市琼湖街道桔城社区{i}号",
            postcode="413100",
            completed=DAY,
            tracking="EA123456785CN" if i == 1 else "",
        )
        for i in range(1, n + 1)
    ]


def _barcodes(pdf: bytes) -> list[str]:
    image = Image.open(to_png(pdf, dpi=200))
    return sorted(r.text for r in zxingcpp.read_barcodes(image) if str(r.format).replace(" ", "").endswith("Code128"))


def test_eight_labels_to_a_sheet_each_scanning_to_its_case() -> None:
    items = _items(9)
    pdf = render_labels(items, Sender("沅江市医疗保障局", "一号窗口", "0737-2817102")).pdf
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    first = "".join((reader.pages[0].extract_text() or "").split())
    for item in items[:8]:
        assert f"收件人：{item.recipient}" in first and item.address in first
    assert "寄件人：沅江市医疗保障局一号窗口0737-2817102" in first
    assert _barcodes(pdf) == sorted(i.case_number for i in items[:8])


def test_a_thermal_label_per_result() -> None:
    items = _items(2)
    pdf = render_labels(items, Sender("沅江市医疗保障局", "一号窗口"), "100x150").pdf
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    assert _barcodes(pdf) == [items[0].case_number]  # the first page's
    text = "".join((reader.pages[1].extract_text() or "").split())
    assert "收件人：收件人2" in text and "邮政编码413100" in text


def test_a_long_day_repeats_the_header_on_every_page(catalog: Catalog) -> None:
    items = _items(40)
    rendered = render_mail_list(items, DAY, catalog.region("yuanjiang"), "一号窗口")
    reader = PdfReader(io.BytesIO(rendered.pdf))
    pages = ["".join((p.extract_text() or "").split()) for p in reader.pages]
    assert len(pages) >= 2 and all("收件人电话" in p and "寄送地址" in p for p in pages)
    assert "共40件" in pages[0] and "EA123456785CN" in pages[0] and "移交人（发证岗位）" in pages[-1]
    assert all(f"收件人{i}" in "".join(pages) for i in range(1, 41))
    assert rendered.warnings == []
