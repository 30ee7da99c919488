"""The declared shape of the catalog data files (see docs/catalog-format.md).

Pydantic models validate the YAML on load; the error messages are turned into Chinese by
`catalog.CatalogError` with the file and the entry named.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
Paper = Literal["return", "forward", "none"]
# seed 000 纸质申报材料处理
PAPER_ZH: dict[str, str] = {"return": "退回申请人", "forward": "流转承接部门", "none": "无需纸质档"}
TimeLimitKind = Literal["immediate", "working_days", "months", "natural_days", "unspecified"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PhoneEntry(_Strict):
    name: str
    phone: str


class Phones(_Strict):
    consultation: tuple[str, ...] = ()
    supervision: tuple[str, ...] = ()
    directory: tuple[PhoneEntry, ...] = ()
    # what the directory's numbers are: 咨询电话 (consultation) and 监督电话 (supervision) are different lines
    directory_kind: Literal["consultation", "supervision"] = "consultation"


class Group(_Strict):
    id: str = Field(min_length=1)
    name: str = Field(min_length=1)


class HandoverWay(_Strict):
    id: Slug
    text: str


class ProfileData(_Strict):
    id: Slug
    name: str = Field(min_length=1)
    province: str = ""
    seed: str = ""
    agency: str = ""
    hall_address: str = ""
    phones: Phones = Phones()
    form_title_prefix: str = ""
    form_titles: dict[str, str] = {}
    certificate_number_format: str | None = None
    case_prefix: str = Field(pattern=r"^[A-Z]{2,4}$")
    groups: tuple[Group, ...] = Field(min_length=1)
    handover: tuple[HandoverWay, ...] = ()
    handover_refused: str = ""
    # the guide promises the applicant SMS notices (seed 000: 受理、办理等以短信方式通知); the receipt says so
    sms_notices: bool = False
    # the region's own wording of those notices (keys received, supplement, ready, ready_mail; resources/sms.yaml)
    sms_templates: dict[str, str] = {}
    # the guide asks the window to have the applicant rate the service (好差评: seed 001 评价渠道, seed 000 §八（六）)
    rating: bool = False
    # the guide offers to mail the result (seed 000 §八（四）2 确认申请人对办理结果的邮寄需求; §十1 邮政物流岗位寄送)
    mailing: bool = False
    # 电子化处理 (seed 000 §八（四）1 对申报材料进行电子化处理): the window scans the materials onto the case; the other
    # guides say nothing of it, so their windows attach no scans unless the office turns this on
    digitising: bool = False
    # 纸质材料分发 (seed 000 §九): the 承办部门 a window hands the papers of a case to (益阳跨域: the county
    # 医疗保障事务中心 of the insured's 参保地); empty: the guide names no hand-off, no 移交清单
    handoff_departments: tuple[str, ...] = ()
    # 归档 (seed 000 §十一): the 档案号 of an archived case; {prefix} the case prefix, {year}, {device} the counter PC,
    # {serial} the device's count of archived cases in that year (with a width: {serial:05d}). Not from a guide: the
    # office's own numbering
    archive_number_format: str = "{prefix}-DA{year}-{device}-{serial:05d}"
    # not from a guide: the office's own rule for how many working days an applicant has to supplement (None: none)
    supplement_deadline_working_days: int | None = Field(default=None, ge=1, le=60)

    @field_validator("archive_number_format")
    @classmethod
    def _archive_format(cls, value: str) -> str:
        from yibao_desk.domain.archive_number import format_problem

        problem = format_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("sms_templates")
    @classmethod
    def _sms_templates(cls, value: dict[str, str]) -> dict[str, str]:
        from yibao_desk.domain.sms import sms_rules, template_problem

        for key, text in value.items():
            if key not in sms_rules().kinds:
                raise ValueError(f"短信模板 {key} 未知（可用：received、supplement、ready、ready_mail）")
            problem = template_problem(text)
            if problem:
                raise ValueError(problem)
        return value

    @property
    def number_pattern(self) -> str | None:
        """The certificate number as a blank table prints it, for the agency to fill: 湖南省沅江市(年份)(第XXXX号)."""
        if not self.certificate_number_format:
            return None
        pattern = self.certificate_number_format.replace("{year}", "年份")
        return re.sub(r"\{serial(?::0?(\d+)d)?\}", lambda m: "X" * int(m.group(1) or 4), pattern)


class RejectOption(_Strict):
    option: str
    reason: str = Field(min_length=1)


class ScenarioData(_Strict):
    id: Slug
    question: str = Field(min_length=1)
    options: tuple[str, ...] = Field(min_length=2)
    default: str | None = None
    reject: tuple[RejectOption, ...] = ()

    @model_validator(mode="after")
    def _options_known(self) -> ScenarioData:
        if len(set(self.options)) != len(self.options):
            raise ValueError(f"情形 {self.id} 的选项重复")
        if self.default is not None and self.default not in self.options:
            raise ValueError(f"情形 {self.id} 的默认值 {self.default!r} 不在选项 {list(self.options)} 中")
        for r in self.reject:
            if r.option not in self.options:
                raise ValueError(f"情形 {self.id} 的不予受理选项 {r.option!r} 不在选项中")
        return self


class TimeLimitVariant(_Strict):
    when: dict[str, Any]
    kind: TimeLimitKind
    working_days: int | None = Field(default=None, ge=0)
    months: int | None = Field(default=None, ge=0)
    days: int | None = Field(default=None, ge=0)
    label: str = ""


class TimeLimitData(_Strict):
    text: str = ""
    kind: TimeLimitKind
    working_days: int | None = Field(default=None, ge=0)
    months: int | None = Field(default=None, ge=0)
    days: int | None = Field(default=None, ge=0)
    variants: tuple[TimeLimitVariant, ...] = ()

    @model_validator(mode="after")
    def _amount_given(self) -> TimeLimitData:
        _check_amount(self.kind, self.working_days, self.months, self.days)
        for v in self.variants:
            _check_amount(v.kind, v.working_days, v.months, v.days)
        return self


def _check_amount(kind: str, working_days: int | None, months: int | None, days: int | None) -> None:
    need = {"working_days": working_days, "months": months, "natural_days": days}
    if kind in need and need[kind] is None:
        field = {"working_days": "working_days", "months": "months", "natural_days": "days"}[kind]
        raise ValueError(f"时限类型 {kind} 需要给出 {field}")


class MaterialData(_Strict):
    id: Slug
    name: str = Field(min_length=1)
    requirement: str = ""
    original: bool | None = None
    copies: int | None = Field(default=None, ge=0)
    stamp: str | None = None
    alternatives: tuple[str, ...] = ()
    condition: dict[str, Any] | None = None
    may_gap: bool | None = None
    gap_deadline_working_days: int | None = Field(default=None, ge=0)
    gap_submit_by: str = ""
    common_mistakes: tuple[str, ...] = ()
    paper: Paper | None = None
    form: str | None = None

    @field_validator("alternatives")
    @classmethod
    def _two_or_more(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        if len(v) == 1:
            raise ValueError("alternatives 至少要有两项（任选其一）")
        return v


class ServiceData(_Strict):
    code: str = Field(min_length=1)
    local_code: bool = False
    name: str = Field(min_length=1)
    group: str
    acceptance_unit: str = ""
    target: str = ""
    channels: tuple[str, ...] = ()
    levels: tuple[Literal["市级", "乡镇", "村"], ...] = ()
    steps: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    contact_phone: str | None = None
    time_limit: TimeLimitData
    forms: tuple[str, ...] = ()
    scenarios: tuple[str | ScenarioData, ...] = ()
    materials: tuple[MaterialData, ...] = ()

    @field_validator("code")
    @classmethod
    def _code_shape(cls, v: str) -> str:
        if not re.fullmatch(r"[0-9A-Z][0-9A-Z-]{3,}", v):
            raise ValueError(f"事项编码 {v!r} 格式不对（应为数字或大写字母，如 002036001001）")
        return v

    @model_validator(mode="after")
    def _unique_materials(self) -> ServiceData:
        seen: set[str] = set()
        for m in self.materials:
            if m.id in seen:
                raise ValueError(f"材料 id {m.id!r} 重复")
            seen.add(m.id)
        return self


class FormData(_Strict):
    id: Slug
    title: str


class NationalService(_Strict):
    code: str
    name: str


class NationalList(_Strict):
    groups: tuple[Group, ...]
    services: tuple[NationalService, ...]
