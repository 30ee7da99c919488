"""A cell's text never leaves its cell: one line drawn as a string when it fits (shrunk by its width at once),
wrapped and shrunk when it does not, cut with … and a warning at the smallest size. Every length from 1 to 120
characters, in a narrow and a wide cell."""

from __future__ import annotations

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from yibao_desk.printing.fonts import resolve_fonts
from yibao_desk.printing.widgets import MIN_SIZE, PAD, FitReport, OneLine, fitted

TEXT = "参保人员基本医疗保险信息表城乡居民医疗保险断档补缴申请" * 5


@pytest.mark.parametrize(("width", "height"), [(60.0, 26.0), (240.0, 26.0), (60.0, 80.0)])
def test_every_length_stays_inside_its_cell(width: float, height: float) -> None:
    fonts = resolve_fonts()
    for n in range(1, 121):
        text = TEXT[:n]
        report = FitReport()
        f = fitted(text, fonts, width, height, 10, "left", report, "cell")
        _, h = f.wrap(width, height)
        assert h <= height - 2 * PAD + 0.01, n
        if isinstance(f, OneLine):
            assert f.size >= MIN_SIZE
            assert stringWidth(f.text, fonts.name, f.size) <= width - 2 * PAD + 0.01, n
            assert f.text == text  # one line is never cut
        else:
            assert isinstance(f, Paragraph)
            lines = f.blPara.lines
            assert all((ln[0] if isinstance(ln, tuple) else ln.extraSpace) >= -0.01 for ln in lines), n
        if report.warnings:
            assert "截断" in report.warnings[0]


def test_a_short_label_keeps_its_size_and_a_long_one_shrinks_on_one_line() -> None:
    fonts = resolve_fonts()
    short = fitted("姓名", fonts, 60, 26, 10, "center", FitReport(), "姓名")
    assert isinstance(short, OneLine) and short.size == 10
    long = fitted("参保人员基本医疗保险信息", fonts, 90, 18, 10, "center", FitReport(), "x")
    assert isinstance(long, OneLine) and MIN_SIZE <= long.size < 10
