"""A blank table is filled in by hand (issue 15 §3): every address cell holds a whole address written by hand,
and no table is shrunk to fit its page (which would make every cell smaller than the template says).

Handwriting is taken at 4 mm a character and 6 mm a line; an address (省市县、乡镇街道、村社区、组号) is about
20 characters. The cell sizes come from the placement the renderer draws (`printing.grid`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.printing.test_tables import TABLES, table
from yibao_desk.domain.catalog import default_catalog
from yibao_desk.printing.grid import place
from yibao_desk.printing.official import render_official
from yibao_desk.printing.templates import FieldSpec, Template, load_template

CHAR_MM, LINE_MM, ADDRESS_CHARS = 4.0, 6.0, 20


def _specs(template: Template) -> dict[str, FieldSpec]:
    specs = {f.name: f for f in template.fields}
    specs.update({item.name: item for f in template.fields for item in f.items})
    return specs


def handwritten_chars(width_mm: float, height_mm: float) -> int:
    return int(width_mm // CHAR_MM) * max(1, int(height_mm // LINE_MM))


def address_cells(template: Template) -> list[tuple[str, float, float]]:
    specs, grid = _specs(template), place(template)
    found = []
    for placed in grid.cells:
        name = placed.cell.field or placed.cell.item
        spec = specs.get(name or "")
        if spec is not None and "地址" in spec.label:
            found.append((spec.label, *grid.size_mm(placed)))
    return found


TABLE_FILES = sorted(TABLES.glob("*.yaml"))


@pytest.mark.parametrize("path", TABLE_FILES, ids=lambda p: p.stem)
def test_every_address_cell_holds_an_address_written_by_hand(path: Path) -> None:
    data = table(path)
    template = load_template(data["form"], data["region"])
    narrow = [
        f"{label}: {w:.0f}×{h:.0f} mm 只能手写 {handwritten_chars(w, h)} 字"
        for label, w, h in address_cells(template)
        if handwritten_chars(w, h) < ADDRESS_CHARS
    ]
    assert not narrow, narrow


@pytest.mark.parametrize("path", TABLE_FILES, ids=lambda p: p.stem)
def test_the_blank_table_prints_at_its_own_size(path: Path) -> None:
    data = table(path)
    rendered = render_official(default_catalog(), data["region"], data["form"], {}, mode="blank")
    assert not [w for w in rendered.warnings if "缩小" in w]


def test_the_heirs_address_is_wider_than_it_was() -> None:
    """The 继承人 row of 个人账户一次性支取申请表 gave 常住地址 one 36 mm column (14 characters by hand)."""
    for region in ("yuanjiang", "shangluo"):
        cells = address_cells(load_template("account-withdraw", region))
        assert [(label, round(w)) for label, w, _ in cells] == [("继承人（代表人）常住地址", 99)]


def test_the_address_cell_of_the_yuanjiang_unit_table_has_two_lines() -> None:
    ((_, width, height),) = address_cells(load_template("unit-enroll", "yuanjiang"))
    assert handwritten_chars(width, height) >= ADDRESS_CHARS
