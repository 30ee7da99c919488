"""Form templates: the cells of an official table as data (`printing/forms/<form>.yaml`), with region variants
(`printing/forms/<form>@<region>.yaml`, a whole template of its own). See docs/form-templates.md."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from yibao_desk.domain.paths import project_root
from yibao_desk.printing.lines import BoxRef, Placeholder, tokens

FieldType = Literal[
    "text", "date", "id_number", "phone", "credit_code", "money", "number", "choice", "multi", "bool", "list"
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldSpec(_Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    type: FieldType = "text"
    required: bool = False
    options: tuple[str, ...] = ()
    items: tuple[FieldSpec, ...] = ()  # for type list: the fields of one row
    max_items: int | None = None
    # choice/multi: a text field of the same template with what 「其他」 is; printed into that option's box label
    # (其他（…） / 其他：…), see docs/form-templates.md
    other_text: str | None = None
    other_option: str | None = None  # the option that takes the text; default: the one containing 其他

    @model_validator(mode="after")
    def _shape(self) -> FieldSpec:
        if self.type in ("choice", "multi") and not self.options:
            raise ValueError(f"字段 {self.name}：{self.type} 类型需要 options")
        if self.type == "list" and not self.items:
            raise ValueError(f"字段 {self.name}：list 类型需要 items")
        if self.other_option is not None and self.other_text is None:
            raise ValueError(f"字段 {self.name}：other_option 需要同时声明 other_text")
        if self.other_text is not None:
            if self.type not in ("choice", "multi"):
                raise ValueError(f"字段 {self.name}：other_text 只用于 choice 或 multi 类型")
            if self.other_option is not None:
                if self.other_option not in self.options:
                    raise ValueError(f"字段 {self.name}：other_option {self.other_option!r} 不是可选项")
            elif len([o for o in self.options if "其他" in o]) != 1:
                raise ValueError(f"字段 {self.name}：other_text 需要恰好一个含“其他”的选项，或用 other_option 指明")
        return self

    @property
    def other_choice(self) -> str | None:
        """The option that takes the `other_text` text (None without other_text)."""
        if self.other_text is None:
            return None
        return self.other_option or next(o for o in self.options if "其他" in o)


class BlockLine(_Strict):
    """One line of a printed block: text, optionally behind an empty box (for the agency to tick by hand)."""

    text: str = ""
    box: bool = False
    align: Literal["left", "center", "right"] = "left"


class Cell(_Strict):
    label: str | None = None  # printed text of the official table
    field: str | None = None  # a value
    item: str | None = None  # a value of the current repeated row
    index: bool = False  # the row number of a repeated row
    checks: str | None = None  # check boxes for a choice/multi/bool field
    options: tuple[str, ...] = ()  # the boxes, when they differ from the field's options
    text: str | None = None  # static text block; {field} placeholders are filled
    lines: tuple[BlockLine, ...] = ()  # a printed block of lines, some with empty boxes (经办机构意见 …)
    span: int = Field(default=1, ge=1)
    rowspan: int = Field(default=1, ge=1)
    align: Literal["left", "center", "right"] | None = None
    size: float | None = None  # font size (pt)
    format: Literal["capital"] | None = None  # capital: money in 壹贰叁 (壹佰贰拾叁元肆角伍分)


class Row(_Strict):
    cells: tuple[Cell, ...] = ()
    height_mm: float | None = None
    repeat: str | None = None  # a list field: these cells repeat `count` times
    count: int | None = None


class Line(_Strict):
    text: str
    align: Literal["left", "center", "right"] = "left"
    size: float | None = None


class Page(_Strict):
    size: Literal["A4", "A5"] = "A4"
    orientation: Literal["portrait", "landscape"] = "portrait"
    margins_mm: tuple[float, float, float, float] = (15, 15, 15, 15)  # top, right, bottom, left


class PrefillMap(_Strict):
    """A value chosen by what the case is: e.g. the 人员类别 box that the service itself names."""

    source: str | tuple[str, ...] = Field(alias="from")  # several: the first whose value the map names
    map: dict[str, str | bool]

    @property
    def sources(self) -> tuple[str, ...]:
        return (self.source,) if isinstance(self.source, str) else self.source


class Template(_Strict):
    id: str
    title: str | None = None  # default: the region's title of the form (forms.yaml + profile prefix)
    page: Page = Page()
    font_size: float = 10
    title_size: float = 16
    row_height_mm: float = 9
    columns: tuple[float, ...] = Field(min_length=1)
    fields: tuple[FieldSpec, ...] = ()
    header: tuple[Line, ...] = ()
    rows: tuple[Row, ...]
    notes: tuple[Line, ...] = ()
    footer: tuple[Line, ...] = ()
    # Pre-filling from the case: template field -> a source (yibao_desk/printing/prefill.py lists them), or
    # {from: source, map: {value: option}} to choose an option by the source's value
    prefill: dict[str, str | PrefillMap] = {}
    # Whom the table is about: a person (the applicant), or a unit — an employer, a school, a medical institution —
    # whose details the clerk then takes at the counter (the 单位 box opens) and which the table names.
    subject: Literal["person", "unit"] = "person"

    def field(self, name: str) -> FieldSpec:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def places(self, name: str) -> bool:
        """True when a cell, line or {placeholder} of the template prints the field `name` itself."""
        texts = [ln.text for ln in (*self.header, *self.notes, *self.footer)]
        for row in self.rows:
            for cell in row.cells:
                if cell.field == name:
                    return True
                texts += [cell.text or "", *(ln.text for ln in cell.lines)]
        return any(isinstance(tok, Placeholder) and tok.name == name for t in texts for tok, _bold in tokens(t))

    def _check_boxes(self, names: dict[str, FieldSpec]) -> None:
        """Every {box:field} / {box:field=option} names a bool field, or a choice/multi field and one of its options;
        boxes and bold belong to lines and text cells, not to a cell's block of lines."""
        texts = [ln.text for ln in (*self.header, *self.notes, *self.footer)]
        texts += [cell.text for row in self.rows for cell in row.cells if cell.text]
        for t in texts:
            for tok, _bold in tokens(t):
                if not isinstance(tok, BoxRef):
                    continue
                spec = names.get(tok.name)
                if spec is None:
                    raise ValueError(f"{{box:{tok.name}}} 引用了未声明的字段 {tok.name!r}")
                if tok.option is None and spec.type != "bool":
                    raise ValueError(
                        f"{{box:{tok.name}}}：字段 {tok.name} 不是 bool 类型，应写 {{box:{tok.name}=选项}}"
                    )
                if tok.option is not None and (spec.type not in ("choice", "multi") or tok.option not in spec.options):
                    raise ValueError(f"{{box:{tok.name}={tok.option}}}：{tok.option!r} 不是字段 {tok.name} 的可选项")
        for row in self.rows:
            for cell in row.cells:
                for ln in cell.lines:
                    if any(isinstance(tok, BoxRef) for tok, _b in tokens(ln.text)) or "**" in ln.text:
                        raise ValueError(
                            f"单元格 lines 中不能使用 {{box:…}} 或 **粗体**（请用 text 单元格）：{ln.text[:20]}"
                        )

    @model_validator(mode="after")
    def _references(self) -> Template:
        names = {f.name: f for f in self.fields}
        self._check_boxes(names)
        for f in self.fields:
            if f.other_text is not None:
                other = names.get(f.other_text)
                if other is None or other.type != "text" or other.name == f.name:
                    raise ValueError(f"字段 {f.name}：other_text {f.other_text!r} 应为本模板中声明的 text 类型字段")
        for i, row in enumerate(self.rows):
            item_fields = {}
            if row.repeat:
                spec = names.get(row.repeat)
                if spec is None or spec.type != "list" or not row.count:
                    raise ValueError(f"第{i + 1}行：repeat 需要一个 list 类型字段和 count")
                item_fields = {f.name: f for f in spec.items}
            for cell in row.cells:
                for ref in (cell.field, cell.checks):
                    if ref and ref not in names:
                        raise ValueError(f"第{i + 1}行引用了未声明的字段 {ref!r}")
                if cell.item and cell.item not in item_fields:
                    raise ValueError(f"第{i + 1}行引用了未声明的明细字段 {cell.item!r}")
                if cell.checks and names[cell.checks].type not in ("choice", "multi", "bool"):
                    raise ValueError(f"第{i + 1}行：checks 字段 {cell.checks} 应为 choice、multi 或 bool 类型")
        return self


class TemplateError(Exception):
    """A template file is missing or malformed; the message names the file and the problem."""


def forms_dir() -> Path:
    return project_root() / "printing" / "forms"


def template_path(form_id: str, region_id: str | None = None) -> Path | None:
    folder = forms_dir()
    if region_id:
        variant = folder / f"{form_id}@{region_id}.yaml"
        if variant.is_file():
            return variant
    base = folder / f"{form_id}.yaml"
    return base if base.is_file() else None


@lru_cache(maxsize=64)
def _load(path: Path, mtime_ns: int) -> Template:
    try:
        data: Any = yaml.load(path.read_bytes(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as e:
        raise TemplateError(f"表格模板 {path} 无法读取：{e}") from None
    try:
        return Template.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = " → ".join(str(p) for p in first["loc"])
        raise TemplateError(f"表格模板 {path} 中 {where}：{first['msg']}") from None


def load_template(form_id: str, region_id: str | None = None) -> Template:
    path = template_path(form_id, region_id)
    if path is None:
        raise TemplateError(f"没有表格 {form_id} 的模板（printing/forms/{form_id}.yaml）")
    template = _load(path, path.stat().st_mtime_ns)
    if template.id != form_id:
        raise TemplateError(f"表格模板 {path} 的 id 应为 {form_id}")
    return template


def printable_forms() -> list[str]:
    return sorted({p.stem.split("@")[0] for p in forms_dir().glob("*.yaml")})
