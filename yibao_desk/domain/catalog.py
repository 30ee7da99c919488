"""The service catalog: region profiles and their services, loaded from `resources/` and validated.

`load_catalog()` reads every region folder; `Catalog.region(id).service(code)` answers what the window needs.
A broken data file raises `CatalogError` naming the file, the entry and what is wrong.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from yibao_desk.domain import catalog_cache
from yibao_desk.domain.catalog_schema import (
    FormData,
    Group,
    MaterialData,
    NationalList,
    ProfileData,
    ScenarioData,
    ServiceData,
    TimeLimitData,
)
from yibao_desk.domain.conditions import ConditionError, referenced
from yibao_desk.domain.paths import cache_dir, resources_dir

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

Material = MaterialData
Scenario = ScenarioData
TimeLimit = TimeLimitData

_PYDANTIC_ZH = {
    "missing": "缺少必填项",
    "extra_forbidden": "未知字段（拼写错误？）",
    "string_pattern_mismatch": "格式不对",
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "literal_error": "取值不在允许范围内",
    "too_short": "不能为空",
    "greater_than_equal": "不能为负数",
    "dict_type": "应为映射",
    "tuple_type": "应为列表",
}


class CatalogError(Exception):
    """A catalog data file is missing or wrong. The message is Chinese and names file and entry."""

    def __init__(self, path: Path | str, entry: str, problem: str) -> None:
        self.path = str(path)
        self.entry = entry
        self.problem = problem
        where = f"{self.path}" + (f" 中的 {entry}" if entry else "")
        super().__init__(f"资料文件有误：{where}：{problem}")


@dataclass(frozen=True, eq=False)
class Service:
    code: str
    local_code: bool
    name: str
    group: Group
    acceptance_unit: str
    target: str
    channels: tuple[str, ...]
    levels: tuple[str, ...]
    steps: tuple[str, ...]
    notes: tuple[str, ...]
    contact_phone: str | None
    time_limit: TimeLimit
    forms: tuple[str, ...]
    scenarios: tuple[Scenario, ...]
    materials: tuple[Material, ...]

    def material(self, material_id: str) -> Material:
        for m in self.materials:
            if m.id == material_id:
                return m
        raise KeyError(material_id)

    def scenario(self, scenario_id: str) -> Scenario:
        for s in self.scenarios:
            if s.id == scenario_id:
                return s
        raise KeyError(scenario_id)

    def default_answers(self) -> dict[str, str]:
        return {s.id: s.default if s.default is not None else s.options[0] for s in self.scenarios}


@dataclass(frozen=True, eq=False)
class Region:
    profile: ProfileData
    services: tuple[Service, ...]
    _by_code: dict[str, Service] = field(repr=False, compare=False, default_factory=dict)

    @property
    def id(self) -> str:
        return self.profile.id

    @property
    def name(self) -> str:
        return self.profile.name

    def service(self, code: str) -> Service:
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(code) from None

    def has_service(self, code: str) -> bool:
        return code in self._by_code

    def form_title(self, form_id: str, base_title: str) -> str:
        if form_id in self.profile.form_titles:
            return self.profile.form_titles[form_id]
        return f"{self.profile.form_title_prefix}{base_title}"


@dataclass(frozen=True, eq=False)
class Catalog:
    regions: dict[str, Region]
    forms: dict[str, FormData]
    shared_scenarios: dict[str, Scenario]
    national: NationalList

    def region(self, region_id: str) -> Region:
        try:
            return self.regions[region_id]
        except KeyError:
            raise KeyError(region_id) from None

    @cached_property
    def national_codes(self) -> dict[str, str]:
        return {s.code: s.name for s in self.national.services}


def _read_yaml(path: Path) -> Any:
    try:
        with path.open("rb") as f:
            return yaml.load(f, Loader=_Loader)
    except FileNotFoundError:
        raise CatalogError(path, "", "文件不存在") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else ""
        raise CatalogError(path, where, f"YAML 语法错误：{getattr(e, 'problem', e)}") from None


def _entry_name(data: Any, loc: Sequence[int | str]) -> str:
    """Turn a pydantic location into words a data editor understands: 事项 002036001001 → materials[2] (id-card)."""
    parts: list[str] = []
    node = data
    for step in loc:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            parts.append(str(step))
            node = None
            continue
        if isinstance(step, int) and isinstance(node, dict):
            label = node.get("code") or node.get("id") or node.get("name")
            parts.append(f"第{step + 1}项" + (f"（{label}）" if label else ""))
        else:
            parts.append(str(step))
    return " → ".join(parts)


def _validate(model: type[BaseModel], data: Any, path: Path, prefix: Sequence[int | str] = ()) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        loc = tuple(prefix) + tuple(first["loc"])
        root = data if not prefix else None
        entry = _entry_name(root if root is not None else data, tuple(first["loc"]))
        if prefix:
            entry = " → ".join(str(p) for p in prefix) + (" → " + entry if entry else "")
        msg = _PYDANTIC_ZH.get(first["type"], first["msg"].removeprefix("Value error, "))
        if first["type"] == "value_error":
            msg = first["msg"].removeprefix("Value error, ")
        more = f"（另有 {e.error_count() - 1} 处错误）" if e.error_count() > 1 else ""
        del loc
        raise CatalogError(path, entry, msg + more) from None


def _load_list(model: type[BaseModel], path: Path) -> list[Any]:
    raw = _read_yaml(path)
    if not isinstance(raw, list):
        raise CatalogError(path, "", "文件内容应为列表")
    out = []
    for i, item in enumerate(raw):
        label = item.get("code") or item.get("id") if isinstance(item, dict) else None
        out.append(_validate(model, item, path, (f"第{i + 1}项" + (f"（{label}）" if label else ""),)))
    return out


def _resolve_scenarios(data: ServiceData, shared: dict[str, Scenario], path: Path, entry: str) -> tuple[Scenario, ...]:
    out: list[Scenario] = []
    for s in data.scenarios:
        if isinstance(s, str):
            if s not in shared:
                raise CatalogError(path, entry, f"引用了未定义的共享情形 {s!r}（见 resources/scenarios.yaml）")
            out.append(shared[s])
        else:
            out.append(s)
    ids = [s.id for s in out]
    if len(set(ids)) != len(ids):
        raise CatalogError(path, entry, "情形 id 重复")
    return tuple(out)


def _check_conditions(service: Service, path: Path, entry: str) -> None:
    options = {s.id: set(s.options) for s in service.scenarios}
    conds: list[tuple[str, dict[str, Any] | None]] = [(f"材料 {m.id}", m.condition) for m in service.materials] + [
        (f"时限变体 {v.label or i + 1}", v.when) for i, v in enumerate(service.time_limit.variants)
    ]
    for what, cond in conds:
        try:
            for scenario_id, opts in referenced(cond):
                if scenario_id not in options:
                    raise CatalogError(path, f"{entry} → {what}", f"条件引用了本事项没有的情形 {scenario_id!r}")
                bad = [o for o in opts if o not in options[scenario_id]]
                if bad:
                    raise CatalogError(
                        path,
                        f"{entry} → {what}",
                        f"情形 {scenario_id} 没有选项 {bad}（可选：{sorted(options[scenario_id])}）",
                    )
        except ConditionError as e:
            raise CatalogError(path, f"{entry} → {what}", str(e)) from None


def load_region(folder: Path, forms: dict[str, FormData], shared: dict[str, Scenario]) -> Region:
    profile_path = folder / "profile.yaml"
    profile: ProfileData = _validate(ProfileData, _read_yaml(profile_path), profile_path)
    if profile.id != folder.name:
        raise CatalogError(profile_path, "id", f"地区 id {profile.id!r} 应与文件夹名 {folder.name!r} 相同")
    groups = {g.id: g for g in profile.groups}
    for form_id in profile.form_titles:
        if form_id not in forms:
            raise CatalogError(profile_path, f"form_titles → {form_id}", "未知的表格 id（见 resources/forms.yaml）")
    services: list[Service] = []
    by_code: dict[str, Service] = {}
    files = sorted((folder / "services").glob("*.yaml"))
    if not files:
        raise CatalogError(folder / "services", "", "没有事项文件（services/*.yaml）")
    for path in files:
        for i, data in enumerate(_load_list(ServiceData, path)):
            entry = f"第{i + 1}项（{data.code} {data.name}）"
            if data.group not in groups:
                raise CatalogError(path, entry, f"分组 {data.group!r} 不在 profile.yaml 的 groups 中")
            for form_id in list(data.forms) + [m.form for m in data.materials if m.form]:
                if form_id not in forms:
                    raise CatalogError(path, entry, f"未知的表格 id {form_id!r}（见 resources/forms.yaml）")
            if data.code in by_code:
                raise CatalogError(path, entry, f"事项编码 {data.code} 在本地区重复")
            service = Service(
                code=data.code,
                local_code=data.local_code,
                name=data.name,
                group=groups[data.group],
                acceptance_unit=data.acceptance_unit,
                target=data.target,
                channels=data.channels,
                levels=data.levels,
                steps=data.steps,
                notes=data.notes,
                contact_phone=data.contact_phone,
                time_limit=data.time_limit,
                forms=data.forms,
                scenarios=_resolve_scenarios(data, shared, path, entry),
                materials=data.materials,
            )
            _check_conditions(service, path, entry)
            services.append(service)
            by_code[service.code] = service
    return Region(profile=profile, services=tuple(services), _by_code=by_code)


def load_catalog(root: Path | None = None, only: Iterable[str] | None = None, cache_dir: Path | None = None) -> Catalog:
    """Load and validate every region (or only the named ones).

    With `cache_dir`, a validated copy is kept there and reused while no data file has changed.
    """
    root = root or resources_dir()
    if cache_dir is not None and only is None:
        key = catalog_cache.signature(root)
        cached = catalog_cache.read(cache_dir, key)
        if isinstance(cached, Catalog):
            return cached
        fresh = load_catalog(root)
        catalog_cache.write(cache_dir, key, fresh)
        return fresh
    forms = {f.id: f for f in _load_list(FormData, root / "forms.yaml")}
    shared = {s.id: s for s in _load_list(ScenarioData, root / "scenarios.yaml")}
    national_path = root / "national-list.yaml"
    national: NationalList = _validate(NationalList, _read_yaml(national_path), national_path)
    wanted = set(only) if only is not None else None
    regions: dict[str, Region] = {}
    region_root = root / "regions"
    if not region_root.is_dir():
        raise CatalogError(region_root, "", "地区资料文件夹不存在")
    for folder in sorted(p for p in region_root.iterdir() if p.is_dir()):
        if wanted is not None and folder.name not in wanted:
            continue
        regions[folder.name] = load_region(folder, forms, shared)
    return Catalog(regions=regions, forms=forms, shared_scenarios=shared, national=national)


_default: Catalog | None = None


def default_catalog() -> Catalog:
    """The catalog of this installation, loaded once per process."""
    global _default
    if _default is None:
        _default = load_catalog(cache_dir=cache_dir())
    return _default


def _main(argv: list[str]) -> int:
    """`python -m yibao_desk.domain.catalog [REGION …]`: validate data files and print a summary."""
    try:
        catalog = load_catalog(only=argv or None)
    except CatalogError as e:
        print(e, file=sys.stderr)
        return 1
    for region in catalog.regions.values():
        n = sum(len(s.materials) for s in region.services)
        print(f"{region.id}: {region.name} — {len(region.services)} 个事项，{n} 项材料")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
