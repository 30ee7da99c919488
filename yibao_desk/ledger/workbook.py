"""The ledger workbook: 台账明细 (one row per case), 汇总 (counts, rates, overdue, a chart), 说明 (who, when,
source, filters, masking). Made for people: title row, frozen header, auto-filter, widths that fit Chinese, real
dates, A4 landscape with repeated header rows and page numbers. Written in openpyxl's write-only mode."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from yibao_desk.domain.rating import level_text, rating_rules
from yibao_desk.ledger.rows import COLUMNS, LedgerQuery, LedgerRow, Rated

TITLE_FONT = Font(name="宋体", size=14, bold=True)
HEAD_FONT = Font(name="宋体", size=10.5, bold=True)
BODY_FONT = Font(name="宋体", size=10)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
NUMBER_FORMATS = {1: "yyyy-mm-dd hh:mm", 12: "yyyy-mm-dd", 13: "yyyy-mm-dd"}
MAX_WIDTH = {
    0: 23,
    5: 26,
    10: 34,
    11: 20,
    15: 18,
    16: 26,
    17: 30,
}  # wrapped columns; the rest fit their content up to 20
WRAPPED = (5, 10, 11, 15)  # the columns whose text may need more than one line

Progress = Callable[[int, int], None]
CellValue = str | float | dt.date | None  # what the ledger writes into a cell (ints and bools count as float)


def text_width(value: object) -> int:
    """Display width in Excel's character units: East Asian wide characters count twice."""
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    text = str(value)
    if text.isascii():
        return len(text)
    # GBK spends two bytes on a Chinese character and one on ASCII: the same as their display widths (fast, in C)
    return len(text.encode("gbk", errors="replace"))


_STYLE_CACHE: dict[tuple[int, int, int, str | None, int, bool], StyleArray] = {}


def _cell(
    ws: Worksheet,
    value: CellValue,
    font: Font = BODY_FONT,
    fmt: str | None = None,
    align: Alignment = WRAP,
    fill: PatternFill | None = None,
    border: bool = True,
) -> Cell:
    # types-openpyxl's WriteOnlyCell leaves out dates, but it hands the value to Cell, which takes them
    c = WriteOnlyCell(ws, value=value)  # type: ignore[arg-type]
    # Registering a style is slow; a style already registered in this workbook is reused by its index array.
    key = (id(ws.parent), id(font), id(align), fmt, id(fill), border)
    cached = _STYLE_CACHE.get(key)
    if cached is not None:
        c._style = copy(cached)  # type: ignore[attr-defined]  # private style array, not in the stubs
        return c
    c.font = font
    c.alignment = align
    if border:
        c.border = BORDER
    if fmt:
        c.number_format = fmt
    if fill:
        c.fill = fill
    _STYLE_CACHE[key] = copy(c._style)  # type: ignore[attr-defined]  # as above
    return c


def _print_setup(ws: Worksheet, title_rows: str) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    page_setup_pr = ws.sheet_properties.pageSetUpPr
    assert page_setup_pr is not None  # a new worksheet's WorksheetProperties always makes one
    page_setup_pr.fitToPage = True
    ws.print_title_rows = title_rows
    odd_footer = ws.oddFooter
    assert odd_footer is not None  # a new worksheet's HeaderFooter always makes one
    odd_footer.center.text = "第 &P 页，共 &N 页"
    ws.page_margins.left = ws.page_margins.right = 0.4


def write_ledger(
    path: Path,
    rows: Sequence[LedgerRow],
    query: LedgerQuery,
    generated_by: str,
    source_label: str,
    progress: Progress | None = None,
) -> Path:
    wb = Workbook(write_only=True)
    _STYLE_CACHE.clear()
    period = query.start.isoformat() if query.start == query.end else f"{query.start} 至 {query.end}"
    _detail(wb, rows, period, progress)
    _summary(wb, rows, period)
    _notes(wb, rows, query, generated_by, source_label, period)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".partial")
    wb.save(tmp)
    tmp.replace(path)
    return path


def _detail(wb: Workbook, rows: Sequence[LedgerRow], period: str, progress: Progress | None) -> None:
    ws = wb.create_sheet("台账明细")
    widths = [text_width(c) + 2 for c in COLUMNS]
    sample = rows[:500]  # widths from the first rows: enough for the shape of the data, fast for 10,000 rows
    for r in sample:
        for i, v in enumerate(r.values()):
            widths[i] = max(widths[i], min(text_width(v) + 2, MAX_WIDTH.get(i, 20)))
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "B3"
    last = get_column_letter(len(COLUMNS))
    ws.auto_filter.ref = f"A2:{last}{max(2, len(rows) + 2)}"
    _print_setup(ws, "1:2")
    ws.append(
        [_cell(ws, f"医保窗口收件台账（{period}）", TITLE_FONT, align=Alignment(vertical="center"), border=False)]
    )
    ws.append([_cell(ws, c, HEAD_FONT, align=CENTER, fill=HEAD_FILL) for c in COLUMNS])
    if not rows:
        ws.append([_cell(ws, "本期间没有办件。", border=False)])
    total = len(rows)
    for n, r in enumerate(rows, 1):
        values = r.values()
        # wrapped text needs a taller row: Excel and LibreOffice do not grow rows written by openpyxl
        lines = max(
            -(-text_width(v) // max(1, int(widths[i]) - 1)) for i, v in enumerate(values) if isinstance(v, str) and v
        )
        if lines > 1:
            ws.row_dimensions[n + 2].height = 13.5 * min(lines, 8)
        ws.append([_cell(ws, v, fmt=NUMBER_FORMATS.get(i)) for i, v in enumerate(values)])
        if progress and n % 500 == 0:
            progress(n, total)
    if progress:
        progress(total, total)


def _summary(wb: Workbook, rows: Sequence[LedgerRow], period: str) -> None:
    ws = wb.create_sheet("汇总")
    for col, w in zip("ABCDEFGHI", (46, 10, 10, 10, 10, 10, 12, 10, 10), strict=True):
        ws.column_dimensions[col].width = w
    _print_setup(ws, "1:1")
    ws.append([_cell(ws, f"汇总（{period}）", TITLE_FONT, align=Alignment(vertical="center"), border=False)])
    results = ["受理", "补正", "不予受理", "未决定", "已作废"]
    by_service: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for r in rows:
        by_service[(r.service_code, r.service_name)][r.result] += 1
    ws.append([_cell(ws, h, HEAD_FONT, align=CENTER, fill=HEAD_FILL) for h in ["事项", *results, "合计"]])
    first_data = 3
    for (code, name), counts in sorted(by_service.items(), key=lambda kv: -sum(kv[1].values())):
        ws.append(
            [
                _cell(ws, f"{name}（{code}）"),
                *[_cell(ws, counts.get(x, 0)) for x in results],
                _cell(ws, sum(counts.values())),
            ]
        )
    last_data = first_data + len(by_service) - 1
    totals = Counter(r.result for r in rows)
    ws.append(
        [
            _cell(ws, "合计", HEAD_FONT),
            *[_cell(ws, totals.get(x, 0), HEAD_FONT) for x in results],
            _cell(ws, len(rows), HEAD_FONT),
        ]
    )
    ws.append([])
    decided = sum(totals.get(x, 0) for x in ("受理", "补正", "不予受理"))
    rate = totals.get("补正", 0) / decided if decided else 0.0
    ws.append([_cell(ws, "补正率（补正 / 已作出结论的办件）", HEAD_FONT), _cell(ws, rate, fmt="0.0%")])
    overdue = [r for r in rows if r.overdue]
    ws.append([_cell(ws, "逾期办件数", HEAD_FONT), _cell(ws, len(overdue))])
    ws.append([])
    ws.append([_cell(ws, h, HEAD_FONT, align=CENTER, fill=HEAD_FILL) for h in ["收件人", *results, "合计"]])
    by_clerk: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        by_clerk[r.clerk][r.result] += 1
    for clerk, counts in sorted(by_clerk.items()):
        ws.append([_cell(ws, clerk), *[_cell(ws, counts.get(x, 0)) for x in results], _cell(ws, sum(counts.values()))])
    if overdue:
        ws.append([])
        ws.append(
            [
                _cell(ws, h, HEAD_FONT, align=CENTER, fill=HEAD_FILL)
                for h in ["逾期办件编号", "事项", "承诺办结日期", "申请人"]
            ]
        )
        for r in overdue:
            ws.append(
                [
                    _cell(ws, r.case_number),
                    _cell(ws, r.service_name),
                    _cell(ws, r.due_date, fmt="yyyy-mm-dd"),
                    _cell(ws, r.applicant),
                ]
            )
    _ratings(ws, rows)
    if by_service:
        chart = BarChart()
        chart.type = "bar"
        chart.title = "各事项办件数"
        chart.y_axis.title = "办件数"
        chart.height = max(7.0, 0.8 * len(by_service) + 3)
        chart.width = 22
        data = Reference(ws, min_col=7, min_row=first_data - 1, max_row=last_data)
        cats = Reference(ws, min_col=1, min_row=first_data, max_row=last_data)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(cats)
        chart.legend = None
        ws.add_chart(chart, "K2")


def _rating_table(ws: Worksheet, title: str, first: str, groups: dict[str, list[Rated]]) -> None:
    levels = rating_rules().levels
    ws.append([])
    ws.append([_cell(ws, title, HEAD_FONT, border=False)])
    head = [first, *[lv.text for lv in levels], "评价数", "差评数", "差评率"]
    ws.append([_cell(ws, h, HEAD_FONT, align=CENTER, fill=HEAD_FILL) for h in head])
    for name, rated in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        counts = Counter(r.level for r in rated)
        bad = sum(1 for r in rated if r.bad)
        ws.append(
            [
                _cell(ws, name),
                *[_cell(ws, counts.get(lv.value, 0)) for lv in levels],
                _cell(ws, len(rated)),
                _cell(ws, bad),
                _cell(ws, bad / len(rated), fmt="0.0%"),
            ]
        )


def _ratings(ws: Worksheet, rows: Sequence[LedgerRow]) -> None:
    """好差评: the levels per service and per staff member who served the applicant, and every 差评 with its reason
    (seed 001: 五个评价等级，后两个等级为差评)."""
    rated = [(row, r) for row in rows for r in row.ratings]
    if not rated:
        ws.append([])
        ws.append([_cell(ws, "好差评：本期间收件的办件没有评价", HEAD_FONT, border=False)])
        return
    by_service: dict[str, list[Rated]] = defaultdict(list)
    by_clerk: dict[str, list[Rated]] = defaultdict(list)
    for row, r in rated:
        by_service[f"{row.service_name}（{row.service_code}）"].append(r)
        by_clerk[r.clerk].append(r)
    _rating_table(ws, "好差评（按事项；本期间收件的办件所得评价）", "事项", by_service)
    _rating_table(ws, "好差评（按工作人员：作出结论或交付结果的人）", "工作人员", by_clerk)
    bad = [(row, r) for row, r in rated if r.bad]
    if bad:
        ws.append([])
        head = ["差评办件编号", "事项", "工作人员", "评价", "所涉方面", "理由"]
        ws.append([_cell(ws, h, HEAD_FONT, align=CENTER, fill=HEAD_FILL) for h in head])
        for row, r in bad:
            ws.append(
                [
                    _cell(ws, row.case_number),
                    _cell(ws, row.service_name),
                    _cell(ws, r.clerk),
                    _cell(ws, level_text(r.level)),
                    _cell(ws, r.aspect),
                    _cell(ws, r.reason),
                ]
            )


def _notes(
    wb: Workbook, rows: Sequence[LedgerRow], query: LedgerQuery, generated_by: str, source_label: str, period: str
) -> None:
    ws = wb.create_sheet("说明")
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 80
    ws.append([_cell(ws, "说明", TITLE_FONT, border=False)])
    lines: list[tuple[str, CellValue]] = [
        ("生成时间", dt.datetime.now().replace(microsecond=0)),
        ("生成人", generated_by),
        ("数据来源", source_label),
        ("统计期间", period),
        ("窗口筛选", query.window or "全部窗口"),
        ("办件数", len(rows) if rows else "本期间没有办件"),
        (
            "个人信息",
            "本台账含完整证件号码和电话（主管申请，已记入日志），请按个人信息保护法妥善保管，不得外传。"
            if query.full_id
            else "证件号码和电话已按个人信息保护法脱敏显示（如 430981********0034）；"
            "完整号码仅主管经身份验证后导出，导出行为记入日志。",
        ),
        (
            "结果说明",
            "受理：材料齐全已受理（含已办结、已交付）；补正：已出具补正材料告知单；"
            "不予受理：已出具不予受理告知书；未决定：草稿；已作废：主管作废。"
            "逾期：承诺办结日期已过仍未办结，或晚于承诺日期办结。",
        ),
    ]
    for key, value in lines:
        ws.append(
            [
                _cell(ws, key, HEAD_FONT),
                _cell(ws, value, fmt="yyyy-mm-dd hh:mm:ss" if isinstance(value, dt.datetime) else None),
            ]
        )
