"""套打: values are printed exactly where they sit on the full form, then shifted by the printer's calibration."""

from __future__ import annotations

import pytest
from reportlab.lib.units import mm

from tests.printing.conftest import sample
from tests.printing.pdfcheck import reader
from yibao_desk.printing.records import check_record
from yibao_desk.printing.render import Calibration, render_form
from yibao_desk.printing.templates import load_template


def position(pdf: bytes, needle: str) -> tuple[float, float]:
    found: list[tuple[float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_args: object) -> None:
        if needle in text and not found:
            found.append((cm[4] + tm[4] * cm[0], cm[5] + tm[5] * cm[3]))

    reader(pdf).pages[0].extract_text(visitor_text=visit)
    assert found, f"{needle} not drawn"
    return found[0]


@pytest.mark.parametrize(
    ("form", "region", "needle"),
    [
        ("unit-enroll", "yuanjiang", "91110000600037341L"),
        ("insurance-cert", "yuanjiang", "430981198002290034"),
        ("remote-care", "yuanjiang", "13800138000"),
    ],
)
def test_overlay_values_sit_where_the_form_has_them(form: str, region: str, needle: str) -> None:
    t = load_template(form, region)
    record = check_record(t, sample(form))
    normal = position(render_form(t, "标题", record).pdf, needle)
    overlay = position(render_form(t, "标题", record, "overlay").pdf, needle)
    assert overlay == pytest.approx(normal, abs=0.5)
    shifted = position(render_form(t, "标题", record, "overlay", Calibration(dx_mm=3, dy_mm=-2)).pdf, needle)
    assert shifted[0] == pytest.approx(normal[0] + 3 * mm, abs=0.5)
    assert shifted[1] == pytest.approx(normal[1] - 2 * mm, abs=0.5)
