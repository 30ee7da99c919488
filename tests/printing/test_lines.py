"""The lines of a table (above it, below it, text cells): words never broken, boxes that tick from the record,
bold runs, and what an empty value leaves on the paper (yibao_desk/printing/lines.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.printing.conftest import SAMPLES, sample
from tests.printing.pdfcheck import boxed, drawn, reader, squash, ticked
from yibao_desk.domain.catalog import default_catalog
from yibao_desk.printing.lines import BoxRef, Placeholder, plain, tokens
from yibao_desk.printing.official import render_official
from yibao_desk.printing.render import render_form
from yibao_desk.printing.templates import Template, TemplateError, forms_dir, load_template

FILES = sorted(forms_dir().glob("*.yaml"))


def _variant(path: Path) -> tuple[str, str]:
    form, _, region = path.stem.partition("@")
    return form, region or "yuanjiang"


def _words(template: Template) -> list[str]:
    """The printed words of the lines above and below the table that fit a line (prose may break)."""
    out: list[str] = []
    for line in (*template.header, *template.notes, *template.footer):
        for token, _bold in tokens(line.text):
            if isinstance(token, str):
                out += [w for w in re.split(r"\s+", token) if 0 < len(w) <= 15]
    return out


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("mode", ["blank", "normal"])
def test_no_word_of_a_line_is_broken(path: Path, mode: str) -> None:
    """Every word of a header or footer line is drawn whole, in one string: 「经办日期：」 never as 「经办日」 /
    「期：」 (the filled 沅江 remote-care footer broke it), blank and filled with the sample."""
    form, region = _variant(path)
    record = sample(path.stem) if mode == "normal" and (SAMPLES / f"{path.stem}.yaml").is_file() else {}
    pdf = render_official(default_catalog(), region, form, record, mode=mode, require=False).pdf  # type: ignore[arg-type]
    words = _words(load_template(form, region))
    strings = _strings(pdf)
    assert [w for w in words if not any(w in s for s in strings)] == []


def _strings(pdf: bytes) -> list[str]:
    """The strings drawn, one per drawString: a font's glyphs come in subsets of 256, so the text layer splits one
    string where it switches subset; the pieces share the string's starting point."""
    out: list[tuple[tuple[float, float], str]] = []
    for d in drawn(pdf)[0]:
        at = (round(d.x, 2), round(d.y, 2))
        if out and out[-1][0] == at:
            out[-1] = (at, out[-1][1] + squash(d.text))
        else:
            out.append((at, squash(d.text)))
    return [text for _at, text in out]


def _template(header: list[str], fields: list[dict[str, Any]], cells: list[dict[str, Any]] | None = None) -> Template:
    return Template.model_validate(
        {
            "id": "t",
            "columns": [1],
            "fields": fields,
            "header": [{"text": t} for t in header],
            "rows": [{"cells": cells or [{"label": "表"}]}],
        }
    )


BOXES = [
    {"name": "flexible", "label": "灵活就业人员", "type": "bool"},
    {"name": "kind", "label": "类别", "type": "choice", "options": ["关键信息", "非关键信息"]},
    {"name": "many", "label": "险种", "type": "multi", "options": ["职工医保", "生育保险"]},
]
LINE = (
    "{box:flexible}灵活就业人员  {box:kind=关键信息}关键信息  {box:kind=非关键信息}非关键信息  "
    "{box:many=生育保险}生育保险"
)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({}, set()),
        ({"flexible": True, "kind": "非关键信息"}, {"灵活就业人员", "非关键信息"}),
        ({"flexible": False, "kind": "关键信息", "many": ["生育保险"]}, {"关键信息", "生育保险"}),
    ],
)
def test_boxes_in_a_line_tick_from_the_record(record: dict[str, Any], expected: set[str]) -> None:
    template = _template([LINE], BOXES)
    pdf = render_form(template, "表", record).pdf
    for label in ("灵活就业人员", "关键信息", "非关键信息", "生育保险"):
        assert boxed(pdf, label), label
        assert ticked(pdf, label) == (label in expected), label
    blank = render_form(template, "表", record, mode="blank").pdf
    assert not any(ticked(blank, label) for label in expected)


def test_overlay_draws_the_ticks_and_values_only() -> None:
    """套打: the paper has the boxes and words; the ticks land where the full form has them."""
    template = _template([LINE + "  单位：{unit}"], [*BOXES, {"name": "unit", "label": "单位"}])
    record = {"flexible": True, "unit": "沅江市某某公司"}
    overlay, full = (render_form(template, "表", record, mode=m).pdf for m in ("overlay", "normal"))
    assert _strings(overlay) == ["沅江市某某公司"]
    assert len(drawn(overlay)[1]) == 1
    assert drawn(overlay)[1][0] == pytest.approx(drawn(full)[1][0])
    assert b" re" not in reader(overlay).pages[0].get_contents().get_data()  # type: ignore[union-attr]


def test_bold_runs_are_stroked() -> None:
    """**…** prints bold (text render mode 2: fill and stroke; Chinese fonts have no bold face), the rest plain."""
    template = _template(["**温馨提示**：跨省异地就医执行**就医地**目录"], [])
    data = reader(render_form(template, "表", {}).pdf).pages[0].get_contents().get_data()  # type: ignore[union-attr]
    assert data.count(b"2 Tr") == 2 and b"0 Tr" in data


def test_the_remote_care_tips_print_their_bold_words() -> None:
    pdf = render_official(default_catalog(), "shangluo", "remote-care", {}, mode="blank").pdf
    data = reader(pdf).pages[0].get_contents().get_data()  # type: ignore[union-attr]
    assert data.count(b"2 Tr") == 3


def test_empty_values_leave_what_the_paper_has() -> None:
    """An empty date prints 年　月　日; {field|text} prints the text; {field|$key} the region's text; else room."""
    template = _template(
        ["日期：{day}", "编号：{number|$number_pattern}", "批号：{batch|（年份）第XX号}", "姓名：{name:8}止"],
        [
            {"name": "day", "label": "日期", "type": "date"},
            {"name": "number", "label": "编号"},
            {"name": "batch", "label": "批号"},
            {"name": "name", "label": "姓名"},
        ],
    )
    texts = {"number_pattern": "湖南省沅江市(年份)(第XXXX号)"}
    strings = _strings(render_form(template, "表", {}, mode="blank", texts=texts).pdf)
    assert {"年月日", "湖南省沅江市(年份)(第XXXX号)", "（年份）第XX号", "止"} <= set(strings)
    filled = {"day": "2026-12-02", "number": "A1", "batch": "B2", "name": "张三"}
    strings = _strings(render_form(template, "表", filled, texts=texts).pdf)
    assert {"2026年12月2日", "A1", "B2", "张三"} <= set(strings) and "（年份）第XX号" not in strings


def test_the_profile_gives_the_number_pattern() -> None:
    catalog = default_catalog()
    assert catalog.region("yuanjiang").profile.number_pattern == "湖南省沅江市(年份)(第XXXX号)"
    assert catalog.region("daye").profile.number_pattern is None


@pytest.mark.parametrize(
    ("header", "cells", "problem"),
    [
        (["{box:nobody}某"], None, "未声明的字段 'nobody'"),
        (["{box:kind}某"], None, "不是 bool 类型"),
        (["{box:kind=其他}某"], None, "不是字段 kind 的可选项"),
        (["{box:flexible=是}某"], None, "不是字段 flexible 的可选项"),
        ([], [{"text": "{box:nobody}某"}], "未声明的字段 'nobody'"),
        ([], [{"lines": [{"text": "{box:flexible}某"}]}], "lines 中不能使用"),
    ],
)
def test_a_box_naming_no_field_or_option_is_refused(
    header: list[str], cells: list[dict[str, Any]] | None, problem: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(problem)):
        _template(header, BOXES, cells)


def test_a_bad_box_in_a_template_file_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "t.yaml").write_text(
        "id: t\ncolumns: [1]\nheader: [{text: '{box:x}某'}]\nrows: [{cells: [{label: 表}]}]\n", encoding="utf-8"
    )
    monkeypatch.setattr("yibao_desk.printing.templates.forms_dir", lambda: tmp_path)
    with pytest.raises(TemplateError, match=r"t\.yaml.*未声明的字段"):
        load_template("t")


def test_syntax() -> None:
    assert tokens("**甲**{a:3}{b|空}{box:c=选 项}") == [
        ("甲", True),
        (Placeholder("a", 3), False),
        (Placeholder("b", None, "空"), False),
        (BoxRef("c", "选 项"), False),
    ]
    assert plain("{box:c}灵活{a|某}{b:2}") == "□灵活某\u3000\u3000"
