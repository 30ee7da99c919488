"""Catalog commands: regions, services, materials, check, validate, due-date."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from yibao_desk.commands.common import (
    CliError,
    calendar,
    catalog,
    emit_json,
    parse_date,
    print_warnings,
    read_json_input,
    region,
    service,
)

VALIDATOR_KINDS = ("bank-card", "credit-code", "division-code", "id", "phone", "postcode")  # domain.validators
MAX_WORKING_DAYS = 3650  # `due-date --working-days`: no time limit in any guide comes near ten years


def cmd_regions(args: argparse.Namespace) -> int:
    from yibao_desk.domain.phones import phone_book

    rows: list[dict[str, Any]] = [
        {
            "id": r.id,
            "name": r.name,
            "province": r.profile.province,
            "agency": r.profile.agency,
            "services": len(r.services),
            "consultation_phones": list(r.profile.phones.consultation),
            "supervision_phones": list(r.profile.phones.supervision),
            "hall_address": r.profile.hall_address,
            "phone_book": [line.as_dict() for line in phone_book(r)],
        }
        for r in catalog().regions.values()
    ]
    if args.json:
        emit_json(rows)
    else:
        for row in rows:
            print(f"{row['id']:<14} {row['name']}（{row['province']}）  {row['services']} 个事项  {row['agency']}")
            for line in row["phone_book"]:
                print(f"{'':<14} {line['kind_zh']}  {line['name']}  {line['phone']}")
    return 0


def cmd_services(args: argparse.Namespace) -> int:
    from yibao_desk.domain import serialize
    from yibao_desk.domain.search import search_services

    r = region(args.region)
    found = search_services(r, args.search or "")
    if args.json:
        emit_json([serialize.service_summary(s) for s in found])
        return 0
    if not found:
        print(f"没有与“{args.search}”匹配的事项")
    for s in found:
        print(f"{s.code}  {s.name}  ［{s.group.name}］  时限：{s.time_limit.text or '未规定'}")
    return 0


def cmd_materials(args: argparse.Namespace) -> int:
    from yibao_desk.domain import serialize
    from yibao_desk.domain.conditions import describe

    r = region(args.region)
    s = service(r, args.service)
    from yibao_desk.printing.form_source import form_source

    sources = {m.form: form_source(catalog(), r.id, m.form) for m in s.materials if m.form}
    if args.json:
        detail = serialize.service_detail(r, s)
        for m in detail["materials"]:
            if m["form"]:
                src = sources[m["form"]]
                m["form_title"], m["form_printed"], m["form_note"] = src.title, src.printed, src.note
        emit_json(detail)
        return 0
    print(f"{s.code} {s.name}")
    print(f"受理单位：{s.acceptance_unit or '—'}    办理时限：{s.time_limit.text or '未规定'}")
    questions = {sc.id: sc.question for sc in s.scenarios}
    for sc in s.scenarios:
        print(f"情形 {sc.id}：{sc.question}（{'/'.join(sc.options)}）")
    for i, m in enumerate(s.materials, 1):
        flags = []
        if m.original:
            flags.append("验原件")
        if m.copies:
            flags.append(f"复印件{m.copies}份")
        if m.stamp:
            flags.append(f"盖{m.stamp}")
        if m.alternatives:
            flags.append("任选其一：" + "、".join(m.alternatives))
        if m.paper:
            from yibao_desk.domain.catalog_schema import PAPER_ZH

            flags.append(PAPER_ZH[m.paper])
        if m.form:
            flags.append(sources[m.form].note)
        when = describe(m.condition, questions)
        print(
            f"{i:>2}. {m.name}" + (f"  ［{'；'.join(flags)}］" if flags else "") + (f"  （当 {when}）" if when else "")
        )
        if m.requirement:
            print(f"    要求：{m.requirement}")
        for mistake in m.common_mistakes:
            print(f"    常见错误：{mistake}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from yibao_desk.domain import serialize
    from yibao_desk.domain.checklist import CheckInputError, evaluate

    r = region(args.region)
    s = service(r, args.service)
    accepted_on = parse_date(args.accepted_on, "受理日期") if args.accepted_on else dt.date.today()
    try:
        answers, states = serialize.check_input(read_json_input(args.input))
        verdict = evaluate(s, answers, states, accepted_on, calendar(getattr(args, "db", None)))
    except CheckInputError as e:
        raise CliError(f"输入有误：{e}") from None
    out = serialize.verdict_dict(verdict)
    if args.json:
        emit_json(out)
    else:
        print(f"结论：{verdict.verdict_zh}")
        for p in verdict.problems:
            print(f"  - {p.material + '：' if p.material else ''}{p.reason}")
        for g in verdict.gaps:
            print(f"  容缺：{g.material}，补交期限 {g.deadline or '按规定'}")
        if verdict.due_date:
            print(f"承诺办结日期：{verdict.due_date.isoformat()}（{verdict.time_limit.text}）")
    print_warnings(verdict.warnings)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from yibao_desk.domain.validators import VALIDATORS

    result = VALIDATORS[args.kind](args.value)
    if args.json:
        emit_json(result.as_dict())
    else:
        print(("有效：" if result.valid else "无效：") + result.message)
        for key, value in result.derived.items():
            print(f"  {key}: {value}")
    print_warnings(result.warnings)
    return 0 if result.valid else 1


def cmd_due_date(args: argparse.Namespace) -> int:
    start = parse_date(args.from_, "起始日期")
    if not 0 <= args.working_days <= MAX_WORKING_DAYS:
        raise CliError(f"工作日数应在 0 到 {MAX_WORKING_DAYS} 之间（约十年）")
    due, warnings = calendar(getattr(args, "db", None)).add_working_days(start, args.working_days)
    if args.json:
        emit_json({"due_date": due.isoformat(), "warnings": warnings})
    else:
        print(due.isoformat())
    print_warnings(warnings)
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("regions", help="列出地区配置")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_regions)

    p = sub.add_parser("services", help="列出或搜索一个地区的事项")
    p.add_argument("--region", required=True)
    p.add_argument("--search", help="名称、编码、拼音首字母或全拼")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_services)

    p = sub.add_parser("materials", help="一个事项的材料清单和情形问题")
    p.add_argument("--region", required=True)
    p.add_argument("--service", required=True, help="事项编码")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_materials)

    p = sub.add_parser("check", help="按材料勾选情况给出受理/补正/不予受理结论")
    p.add_argument("--region", required=True)
    p.add_argument("--service", required=True)
    p.add_argument("--input", required=True, help="JSON 文件，或 - 表示标准输入")
    p.add_argument("--accepted-on", help="受理日期 YYYY-MM-DD（默认今天）")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("validate", help="校验证件号码、信用代码、电话、银行卡号、邮编")
    p.add_argument("kind", choices=VALIDATOR_KINDS)
    p.add_argument("value")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("due-date", help="按法定工作日计算办结日期")
    p.add_argument("--from", dest="from_", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--working-days", type=int, required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_due_date)
