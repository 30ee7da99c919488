"""Every official table, checked against its seed layout as data (issue 15): one file per table and region variant
in tests/printing/tables/ — the title as the region prints it, every row label, option and declaration line of the
seed, and the filled record (tests/printing/samples/) — so that a new table or region is a data file, not a test.

Per file, through `render_official` (the program's own path: the region's title, its variant of the template):
one page of the named size; blank — the title and every label, none of the record's values; filled — every label
and every value of the record; 套打 (overlay) — the values at the positions of the full form, and no label."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.printing.conftest import sample
from tests.printing.pdfcheck import boxed, reader, squash, text, ticked
from tests.printing.test_overlay import position
from yibao_desk.domain.catalog import default_catalog
from yibao_desk.printing.official import render_official

TABLES = Path(__file__).with_name("tables")
SIZES = {"portrait": (595.28, 841.89), "landscape": (841.89, 595.28)}


def _tables() -> list[Path]:
    return sorted(TABLES.glob("*.yaml"))


@cache
def table(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert {"form", "region", "title", "seed", "sample", "labels"} <= set(data), path.name
    return data


@cache
def rendered(path: Path, mode: str) -> bytes:
    t = table(path)
    record = {} if mode == "blank" else sample(t["sample"])
    return render_official(default_catalog(), t["region"], t["form"], record, mode=mode).pdf  # type: ignore[arg-type]


def _wording(label: str) -> str:
    """A label as the text layer has it: a □ is a drawn box, not a character."""
    return squash(label).replace("□", "")


def _printed(value: str) -> str:
    """A value as the page shows it: a date as 2024年5月20日, as the seed's tables write dates."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    return f"{m[1]}年{int(m[2])}月{int(m[3])}日" if m else value


def _values(path: Path) -> list[str]:
    """The record's text values as they print (choices print as ticked options, not as their text)."""
    t = table(path)
    skip = set(t.get("values_not_printed", []))
    record = sample(t["sample"])
    return [_printed(v) for k, v in record.items() if isinstance(v, str) and v.strip() and k not in skip]


def _written(path: Path) -> list[str]:
    """The values a person writes in (not an option the table prints anyway)."""
    labels = "".join(_wording(label) for label in table(path)["labels"]) + squash(table(path)["title"])
    return [v for v in _values(path) if squash(v) not in labels]


@pytest.fixture(params=_tables(), ids=lambda p: p.stem)
def path(request: pytest.FixtureRequest) -> Path:
    return request.param  # type: ignore[no-any-return]


def test_one_page_of_the_named_size(path: Path) -> None:
    for mode in ("blank", "normal"):
        pdf = rendered(path, mode)
        assert len(reader(pdf).pages) == 1, mode
        box = reader(pdf).pages[0].mediabox
        size = (round(float(box.width), 2), round(float(box.height), 2))
        assert size == SIZES[table(path).get("orientation", "portrait")], mode


def test_blank_holds_the_title_and_every_label_and_no_value(path: Path) -> None:
    content = text(rendered(path, "blank"))
    assert squash(table(path)["title"]) in content
    labels = [*table(path)["labels"], *table(path).get("blank_labels", [])]
    assert [label for label in labels if _wording(label) not in content] == []
    assert [v for v in _written(path) if len(squash(v)) >= 4 and squash(v) in content] == []


def test_filled_holds_every_label_and_every_value(path: Path) -> None:
    content = text(rendered(path, "normal"))
    assert [label for label in table(path)["labels"] if _wording(label) not in content] == []
    assert [v for v in _values(path) if squash(v) not in content] == []


def test_overlay_prints_the_values_where_the_full_form_has_them(path: Path) -> None:
    overlay, full = rendered(path, "overlay"), rendered(path, "normal")
    content = text(overlay)
    assert squash(table(path)["title"]) not in content
    longest = max(_written(path), key=lambda v: len(squash(v)))
    assert squash(longest) in content
    needle = longest.split()[0][:12]
    assert position(overlay, needle) == pytest.approx(position(full, needle), abs=0.5)


def test_every_box_of_a_line_is_drawn_and_ticked_from_the_record(path: Path) -> None:
    """A 「□…」 label is a drawn box before its words: empty on the blank form; on the filled one ticked exactly for
    the options the sample chooses (`ticked:`)."""
    blank, filled = rendered(path, "blank"), rendered(path, "normal")
    want = set(table(path).get("ticked", []))
    labels = [_wording(label) for label in table(path)["labels"] if label.startswith("□")]
    assert want <= set(labels)
    for label in labels:
        assert boxed(blank, label) and not ticked(blank, label), label
        assert ticked(filled, label) == (label in want), label
