"""Printing commands: forms, print; and the documents `intake --print` writes."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yibao_desk.commands.common import CliError, catalog, emit_json, read_json_input, region

if TYPE_CHECKING:  # ReportLab loads on first use, not for every command
    from yibao_desk.printing.render import Mode, Rendered


def cmd_forms(args: argparse.Namespace) -> int:
    """Every printable form (or, with --region, those the region's services use): its id, the title and the fields
    of the variant that region prints, and the services that hand it out."""
    from yibao_desk.printing.official import COMPOSED, form_title
    from yibao_desk.printing.templates import load_template, printable_forms

    cat = catalog()
    regions = [region(args.region)] if args.region else list(cat.regions.values())
    rows: list[dict[str, Any]] = []
    for form_id in printable_forms():
        services = [
            {"region": r.id, "code": s.code, "name": s.name} for r in regions for s in r.services if form_id in s.forms
        ]
        if args.region and not services:
            continue
        t = load_template(form_id, args.region)
        rows.append(
            {
                "id": form_id,
                "title": form_title(cat, args.region, form_id, t)
                if args.region
                else cat.forms[form_id].title
                if form_id in cat.forms
                else form_id,
                "orientation": t.page.orientation,
                "fields": [
                    {
                        "name": f.name,
                        "label": f.label,
                        "type": f.type,
                        "required": f.required,
                        **({"options": list(f.options)} if f.options else {}),
                    }
                    for f in t.fields
                ],
                "services": services,
            }
        )
    for form_id, title in COMPOSED.items():
        rows.append(
            {
                "id": form_id,
                "title": title,
                "composed": True,
                "fields": [],
                "input": "--case CASE_NUMBER（从本机日志读取办件）",
            }
        )
    if args.json:
        emit_json(rows)
    else:
        for r in rows:
            kind = (
                "（程序生成）" if r.get("composed") else f"{len(r['fields'])} 个字段，{len(r['services'])} 个事项使用"
            )
            print(f"{r['id']:<24} {r['title']}  {kind}")
    return 0


def _write(rendered: Rendered, out: Path) -> None:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(out.suffix + ".partial")
        tmp.write_bytes(rendered.pdf)
        tmp.replace(out)
    except OSError as e:
        raise CliError(f"无法写入 {out}：{e}") from None


FORM_FIELD_NAME_MAX_LENGTH = 64
FORM_TEXT_MAX_LENGTH = 500  # far more than any cell of a table holds


def _check_record_text(record: Any) -> None:
    """Every text of a table's data is one printable line of at most 500 characters (field names 64): a control
    character or a bidirectional override would be printed as garbage in the PDF and echoed to the terminal."""
    from yibao_desk.domain.serialize import text_problem

    if not isinstance(record, dict):
        return  # check_record says what shape the data should have
    problems = []
    for name, value in record.items():
        problem = text_problem(name, FORM_FIELD_NAME_MAX_LENGTH)
        if problem:
            problems.append(f"  - 字段名{problem}")
            continue
        for item in value if isinstance(value, list) else [value]:
            problem = text_problem(item, FORM_TEXT_MAX_LENGTH) if isinstance(item, str) else None
            if problem:
                problems.append(f"  - {problem}（{name}）")
                break
    if problems:
        raise CliError("表格数据有误：\n" + "\n".join(problems[:20]))


_CALIBRATION_OPTIONS = (
    ("--dx", "dx", "overlay_dx_mm"),
    ("--dy", "dy", "overlay_dy_mm"),
    ("--scale", "scale", "overlay_scale"),
)


def _calibration(args: argparse.Namespace) -> tuple[float, float, float]:
    """--dx, --dy, --scale within the bounds the 套打 settings declare (resources/settings.yaml): no inf or nan,
    no shift off the sheet, no scale of zero or below."""
    from yibao_desk.journal.settings import declared

    specs = declared()
    values = []
    for option, attr, key in _CALIBRATION_OPTIONS:
        value, spec = getattr(args, attr), specs[key]
        low = spec.min if spec.min is not None else -math.inf
        high = spec.max if spec.max is not None else math.inf
        if not (math.isfinite(value) and low <= value <= high):
            raise CliError(f"{option}（{spec.label}）应在 {low:g} 到 {high:g} 之间")
        values.append(value)
    return values[0], values[1], values[2]


def cmd_print(args: argparse.Namespace) -> int:
    from yibao_desk.case_documents import render_case_document
    from yibao_desk.printing.official import COMPOSED, render_official
    from yibao_desk.printing.records import RecordError
    from yibao_desk.printing.render import Calibration
    from yibao_desk.printing.templates import TemplateError

    out = Path(args.output)
    if args.form in COMPOSED:
        if not args.case:
            raise CliError(f"{COMPOSED[args.form]}由办件生成：请用 --case 办件编号（并用 --staff 记录打印人）")
        from yibao_desk.commands.journal_cmds import open_service

        svc = open_service(args)
        rendered = render_case_document(svc, args.case, args.form, args.width)
        _write(rendered, out)
        if args.staff:
            svc.record_print(args.staff, args.case, args.form, 1, f"PDF:{out}")
    else:
        if not args.region:
            raise CliError("官方表格须用 --region 指定地区（各地表格的标题和版式不同）")
        reg = region(args.region)
        if not any(args.form in svc.forms for svc in reg.services):
            used = sorted({f for svc in reg.services for f in svc.forms})
            raise CliError(
                f"地区 {reg.name} 的办事指南没有使用表格 {args.form}；该地区的表格：{'、'.join(used) or '无'}"
            )
        if args.width != "a4":
            raise CliError("--width 80mm 只适用于收件回执（receipt）")
        mode: Mode = "blank" if args.blank else "overlay" if args.overlay else "normal"
        if args.blank and args.data:
            raise CliError("--blank 打印空白表，不需要 --data")
        if not args.blank and not args.data:
            raise CliError("请用 --data 提供表格数据（JSON 文件或 -），或用 --blank 打印空白表")
        record = read_json_input(args.data) if args.data else {}
        _check_record_text(record)
        calibration = Calibration(*_calibration(args))
        try:
            rendered = render_official(catalog(), args.region, args.form, record, mode, calibration)
        except RecordError as e:
            lines = "\n".join(f"  - {msg}（{name}）" for name, msg in e.problems)
            raise CliError(f"表格数据有误：\n{lines}") from None
        except TemplateError as e:
            raise CliError(str(e)) from None
        _write(rendered, out)
    print(f"已生成 {out}（字体：{rendered.font}）")
    for w in rendered.warnings:
        print(f"提示：{w}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("forms", help="可打印的表格和文书")
    p.add_argument("--region", help="只列出该地区事项使用的表格（标题与字段按该地区的版本）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_forms)

    p = sub.add_parser("print", help="生成表格或文书的 PDF")
    p.add_argument("form", help="表格 id（见 yibao-desk forms）")
    p.add_argument("--region", help="地区（官方表格必填）")
    p.add_argument("--data", help="表格数据 JSON 文件，或 - 表示标准输入")
    p.add_argument("--case", help="办件编号（收件回执、补正告知单、不予受理告知书）")
    p.add_argument("--staff", help="打印人工号（记录到日志）")
    p.add_argument("-o", "--output", required=True, help="输出 PDF 路径")
    p.add_argument("--overlay", action="store_true", help="套打：只打印填写内容")
    p.add_argument("--blank", action="store_true", help="空白表")
    p.add_argument("--width", choices=["a4", "80mm"], default="a4", help="收件回执纸宽")
    p.add_argument("--dx", type=float, default=0.0, help="套打水平偏移（毫米，向右为正）")
    p.add_argument("--dy", type=float, default=0.0, help="套打垂直偏移（毫米，向上为正）")
    p.add_argument("--scale", type=float, default=1.0, help="套打缩放")
    p.set_defaults(func=cmd_print)
