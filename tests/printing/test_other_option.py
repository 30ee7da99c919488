"""「□其他（　）」 / 「□其他：」 boxes carry what 其他 is (`other_text:`), printed inside the brackets or after the
colon; table-driven over every template that declares one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from tests.printing.conftest import SAMPLES, sample
from tests.printing.pdfcheck import drawn, squash, text, ticked
from yibao_desk.printing.fonts import resolve_fonts
from yibao_desk.printing.records import RecordError, check_record
from yibao_desk.printing.render import render_form
from yibao_desk.printing.templates import Template, forms_dir, load_template, printable_forms

WHAT = "外省就医"

# (template file, choice/multi field) → the box's label as printed with WHAT; None: the template prints the text in
# a cell of its own, after the boxes, and the box keeps its printed label.
EXPECTED: dict[tuple[str, str], str | None] = {
    ("remote-care", "person_category"): "其他：外省就医",
    ("transfer-apply", "insurance_type"): "其他（请说明）（外省就医）",
    ("transfer-letter", "insurance_type"): "其他（请说明）（外省就医）",
    ("transfer-apply@shangluo", "insurance_type"): "其他（请说明）（外省就医）",
    ("transfer-letter@shangluo", "insurance_type"): "其他（请说明）（外省就医）",
    ("remote-care@shangluo", "person_category"): "其他：外省就医",
    ("unit-enroll", "insurance_types"): "其他（外省就医）",
    ("unit-enroll@shangluo", "insurance_types"): "其他（外省就医）",
    ("account-withdraw", "withdraw_reason"): "其他（外省就医）",
    ("account-withdraw@shangluo", "withdraw_reason"): "其他（外省就医）",
    ("resident-enroll", "applicant_identity"): None,
    ("resident-enroll", "subsidy_types"): None,
    ("resident-enroll@shangluo", "applicant_identity"): None,
    ("resident-enroll@shangluo", "subsidy_types"): None,
}


@dataclass(frozen=True)
class Case:
    stem: str  # template file name without .yaml
    form: str
    region: str | None
    field: str

    def __str__(self) -> str:
        return f"{self.stem}:{self.field}"

    def template(self) -> Template:
        return load_template(self.form, self.region)


def _cases() -> list[Case]:
    out = []
    for path in sorted(forms_dir().glob("*.yaml")):
        form, _, region = path.stem.partition("@")
        t = load_template(form, region or None)
        out += [Case(path.stem, form, region or None, f.name) for f in t.fields if f.other_text]
    return out


CASES = _cases()


def test_every_declared_other_text_is_in_the_table() -> None:
    assert {(c.stem, c.field) for c in CASES} == set(EXPECTED)
    assert {c.form for c in CASES} <= set(printable_forms())


def _base(case: Case) -> dict[str, Any]:
    """The sample's required fields only: no other box is ticked."""
    t = case.template()
    name = case.stem if (SAMPLES / f"{case.stem}.yaml").is_file() else case.form
    data = sample(name)
    return {f.name: data[f.name] for f in t.fields if f.required}


def _with_other(case: Case, what: str | None = WHAT) -> dict[str, Any]:
    t = case.template()
    spec = t.field(case.field)
    record = _base(case)
    option = spec.other_choice
    record[case.field] = [option] if spec.type == "multi" else option
    if what is not None:
        assert spec.other_text
        record[spec.other_text] = what
    return record


def _render(case: Case, record: dict[str, Any], mode: str = "normal") -> bytes:
    t = case.template()
    return render_form(t, "表", check_record(t, record), mode=mode).pdf  # type: ignore[arg-type]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_ticked_other_prints_its_text(case: Case) -> None:
    spec = case.template().field(case.field)
    option = spec.other_choice
    assert option is not None
    pdf = _render(case, _with_other(case))
    content = text(pdf)
    expected = EXPECTED[(case.stem, case.field)]
    if expected is None:  # the text has its cell; the box keeps its label
        strings = [squash(d.text) for d in drawn(pdf)[0]]
        assert WHAT in strings and not [s for s in strings if WHAT in s and s != WHAT]
        assert ticked(pdf, option)
    else:
        assert expected in content
        assert ticked(pdf, expected)
    assert not ticked(_render(case, _base(case)), option)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_ticked_other_without_text_prints_the_empty_box_label(case: Case) -> None:
    option = case.template().field(case.field).other_choice
    assert option is not None
    pdf = _render(case, _with_other(case, what=None))
    assert squash(option) in text(pdf) and ticked(pdf, option)


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("chosen", ["nothing", "another option"])
def test_text_without_the_other_option_is_refused(case: Case, chosen: str) -> None:
    t = case.template()
    spec = t.field(case.field)
    assert spec.other_text
    record = _base(case)
    if chosen == "another option":
        first = next(o for o in spec.options if o != spec.other_choice)
        record[case.field] = [first] if spec.type == "multi" else first
    else:
        record.pop(case.field, None)
    record[spec.other_text] = WHAT
    for require in (True, False):
        with pytest.raises(RecordError) as e:
            check_record(t, record, require=require)
        problems = dict(e.value.problems)
        assert spec.other_text in problems, e.value.problems
        message = problems[spec.other_text]
        assert t.field(spec.other_text).label in message and spec.label in message and "其他" in message


@pytest.mark.parametrize("case", CASES, ids=str)
def test_blank_prints_the_empty_box_label_and_no_text(case: Case) -> None:
    t = case.template()
    option = t.field(case.field).other_choice
    assert option is not None
    for record in ({}, check_record(t, _with_other(case))):
        pdf = render_form(t, "表", record, mode="blank").pdf
        content = text(pdf)
        assert squash(option) in content and WHAT not in content
        assert not ticked(pdf, option)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_overlay_prints_only_the_text_where_the_full_form_has_it(case: Case) -> None:
    record = _with_other(case)
    normal = _render(case, record)
    overlay = _render(case, record, "overlay")
    content = text(overlay)
    assert WHAT in content and "其他" not in content
    placed = [d for d in drawn(overlay)[0] if d.text == WHAT]
    assert len(placed) == 1
    expected = EXPECTED[(case.stem, case.field)]
    if expected is None:  # a cell of its own: the value lands as in the full form
        full = [d for d in drawn(normal)[0] if d.text == WHAT]
        assert (placed[0].x, placed[0].y) == pytest.approx((full[0].x, full[0].y), abs=0.5)
        return
    label = next(d for d in drawn(normal)[0] if squash(d.text) == expected)
    prefix = expected[: expected.index(WHAT)]
    x = label.x + stringWidth(prefix, resolve_fonts().name, label.size)
    assert (placed[0].x, placed[0].y) == pytest.approx((x, label.y), abs=0.5)
    _strings, ticks = drawn(overlay)
    assert any(label.x - 1.3 * label.size < tx < label.x - 0.7 * label.size for tx, _ty in ticks)


def test_other_option_names_the_box_explicitly() -> None:
    t = Template.model_validate(
        {
            "id": "x",
            "columns": [1],
            "fields": [
                {
                    "name": "kind",
                    "label": "类别",
                    "type": "choice",
                    "options": ["甲", "另行说明（　）"],
                    "other_text": "kind_note",
                    "other_option": "另行说明（　）",
                },
                {"name": "kind_note", "label": "类别（说明）"},
            ],
            "rows": [{"cells": [{"checks": "kind"}]}],
        }
    )
    pdf = render_form(t, "表", check_record(t, {"kind": "另行说明（　）", "kind_note": WHAT})).pdf
    assert f"另行说明（{WHAT}）" in text(pdf)
    with pytest.raises(RecordError):
        check_record(t, {"kind": "甲", "kind_note": WHAT})


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ([{"name": "k", "label": "类别", "type": "choice", "options": ["甲", "其他"], "other_text": "nope"}], "nope"),
        (
            [
                {"name": "k", "label": "类别", "type": "choice", "options": ["甲", "其他"], "other_text": "n"},
                {"name": "n", "label": "说明", "type": "date"},
            ],
            "text",
        ),
        ([{"name": "k", "label": "类别", "type": "choice", "options": ["甲", "乙"], "other_text": "k"}], "其他"),
        (
            [{"name": "k", "label": "类别", "type": "choice", "options": ["其他甲", "其他乙"], "other_text": "n"}],
            "other_option",
        ),
        (
            [
                {
                    "name": "k",
                    "label": "类别",
                    "type": "choice",
                    "options": ["甲", "其他"],
                    "other_text": "n",
                    "other_option": "丙",
                }
            ],
            "丙",
        ),
        ([{"name": "k", "label": "类别", "type": "text", "other_text": "n"}], "choice"),
    ],
)
def test_bad_other_text_declarations_are_refused(fields: list[dict[str, Any]], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        Template.model_validate({"id": "x", "columns": [1], "fields": fields, "rows": []})
