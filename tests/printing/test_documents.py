"""收件回执, 补正材料告知单 and 不予受理告知书, read back from the PDF; barcodes decoded from pixels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from tests.journal.conftest import APPLICANT
from tests.printing.pdfcheck import A4_PORTRAIT, page_size, reader, text, to_png
from yibao_desk.domain.catalog import Catalog
from yibao_desk.domain.checklist import build_checklist
from yibao_desk.domain.working_days import Calendar
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.intake import IntakeService
from yibao_desk.printing.case_info import CaseInfo, case_info, mask_id
from yibao_desk.printing.documents import render_receipt, render_rejection_notice, render_supplement_notice

SERVICE = "002036001002"  # 职工参保登记 (沅江): 5 working days


@pytest.fixture
def svc(tmp_path: Path, catalog: Catalog, calendar: Calendar) -> Iterator[IntakeService]:
    s = IntakeService(open_journal(tmp_path / "j.sqlite3"), catalog, calendar)
    s.setup_device("W03", "yuanjiang", "三号窗口")
    s.add_staff(None, "c01", "李收件", "supervisor", "secret-c01")
    yield s
    s.journal.close()


def accepted(svc: IntakeService) -> CaseInfo:
    service = svc.service(SERVICE)
    materials = {
        i.material.id: {"received": True, "original_checked": True, "copies": i.material.copies or 1, "stamped": True}
        for i in build_checklist(service, {})
        if i.applies
    }
    d = svc.intake("c01", SERVICE, {"applicant": APPLICANT, "materials": materials})
    assert d.verdict.verdict == "accept"
    return case_info(svc.case(d.case_number), svc.catalog, "李收件", "三号窗口")


def decode_all(pdf: bytes) -> dict[str, str]:
    image = Image.open(to_png(pdf, dpi=200))
    return {str(r.format): r.text for r in zxingcpp.read_barcodes(image)}


def test_receipt_a4(svc: IntakeService) -> None:
    info = accepted(svc)
    pdf = render_receipt(info).pdf
    assert len(reader(pdf).pages) == 1 and page_size(pdf) == A4_PORTRAIT
    content = text(pdf)
    for expected in (
        "收件回执",
        info.case_number,
        "职工参保登记",
        "王小明",
        mask_id(APPLICANT["id_number"]),
        "已收材料",
        "承诺办结时限：5个工作日",
        "三号窗口",
        "李收件",
        "0737-2726749",
        "窗口领取",
    ):
        assert expected in content, expected
    assert APPLICANT["id_number"] not in content  # masked on paper that leaves the counter
    codes = decode_all(pdf)
    assert codes.get("Code 128") == info.case_number
    assert codes.get("QR Code") == info.case_number


def test_receipt_80mm_roll(svc: IntakeService) -> None:
    info = accepted(svc)
    pdf = render_receipt(info, "80mm").pdf
    width, height = page_size(pdf)
    assert round(width / 72 * 25.4) == 80 and height > width
    codes = decode_all(pdf)
    assert codes.get("Code 128") == info.case_number
    assert codes.get("QR Code") == info.case_number


def test_supplement_notice_lists_every_problem_on_both_copies(svc: IntakeService) -> None:
    d = svc.intake("c01", "002036002003", {"applicant": APPLICANT, "answers": {"death": "是"}, "materials": {}})
    info = case_info(svc.case(d.case_number), svc.catalog, "李收件", "三号窗口")
    pdf = render_supplement_notice(info, dt.date(2026, 12, 9)).pdf
    pages = [p.extract_text().replace("\n", "").replace(" ", "") for p in reader(pdf).pages]
    assert len(pages) == 2
    assert "申请人联" in pages[0] and "存根联" in pages[1]
    for page in pages:
        assert "补正材料告知单" in page and "2026年12月09日" in page and "三号窗口" in page
        for problem in d.verdict.problems:
            assert problem.material.replace(" ", "") in page, problem.material
    assert len(d.verdict.problems) >= 5


def test_rejection_notice(svc: IntakeService) -> None:
    number, _ = svc.open_case("c01", SERVICE, APPLICANT)
    svc.reject("c01", number, "申请事项不属于本窗口收件范围")
    info = case_info(svc.case(number), svc.catalog, "李收件", "三号窗口")
    pdf = render_rejection_notice(info).pdf
    content = text(pdf)
    assert len(reader(pdf).pages) == 1
    for expected in (
        "不予受理告知书",
        "申请事项不属于本窗口收件范围",
        "沅江市医疗保障事务中心",
        "0737-2817103",
        "行政复议",
    ):
        assert expected in content


def _font_names(pdf: bytes) -> set[str]:
    names = set()
    for page in reader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_rare_character_uses_fallback_font_or_is_reported(svc: IntakeService) -> None:
    from yibao_desk.printing.fonts import resolve_fonts

    d = svc.intake("c01", SERVICE, {"applicant": {**APPLICANT, "name": "王𪚥明"}, "materials": {}})
    info = case_info(svc.case(d.case_number), svc.catalog, "李收件", "三号窗口")
    rendered = render_supplement_notice(info, None)
    fonts = resolve_fonts()
    fallback = next((name for name, covered in fonts.fallbacks if 0x2A6A5 in covered), None)
    if fallback:  # drawn with the fallback font (text extraction of astral characters is unreliable: check the font)
        assert fallback in _font_names(rendered.pdf) and rendered.warnings == []
    else:  # no font has it: shown as its code and reported, never a silent blank
        assert "U+2A6A5" in text(rendered.pdf) and "生僻字" in rendered.warnings[0]


def test_rare_character_without_any_font_is_reported(svc: IntakeService) -> None:
    from dataclasses import replace

    from yibao_desk.printing.fonts import resolve_fonts

    no_fallback = replace(resolve_fonts(), fallback_files=[], _fallbacks=[])
    d = svc.intake("c01", SERVICE, {"applicant": {**APPLICANT, "name": "王𪚥明"}, "materials": {}})
    info = case_info(svc.case(d.case_number), svc.catalog, "李收件", "三号窗口")
    rendered = render_supplement_notice(info, None, fonts=no_fallback)
    assert "U+2A6A5" in text(rendered.pdf) and "生僻字" in rendered.warnings[0]


@pytest.mark.parametrize("name", ["𠮷野家", "王䶮"])
def test_rare_characters_read_back_from_the_receipt(svc: IntakeService, name: str) -> None:
    """𠮷 (U+20BB7, beyond U+FFFF) and 䶮 (U+4DAE, Extension A) drawn by a fallback font read back as themselves: the
    text layer's ToUnicode map writes a supplementary character as a UTF-16 pair (ReportLab wrote <20BB7>: 「₻」)."""
    from yibao_desk.printing.fonts import resolve_fonts

    fonts = resolve_fonts()
    assert all(fonts.has(ch) or any(ord(ch) in c for _n, c in fonts.fallbacks) for ch in name), "fonts-hanazono"
    d = svc.intake("c01", SERVICE, {"applicant": {**APPLICANT, "name": name}, "materials": {}})
    info = case_info(svc.case(d.case_number), svc.catalog, "李收件", "三号窗口")
    rendered = render_supplement_notice(info, None)
    assert rendered.warnings == []
    assert name in text(rendered.pdf)
