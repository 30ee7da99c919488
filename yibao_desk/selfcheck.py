"""`yibao-desk selfcheck`: what IT staff run after installing. Every step is named; the first failure decides the
exit code. Loads every region profile, renders every form to a temporary PDF, opens and verifies a temporary
journal, reports the printing font and the printers Qt sees."""

from __future__ import annotations

import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Step:
    name: str
    ok: bool
    detail: str
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {"step": self.name, "ok": self.ok, "detail": self.detail, "seconds": round(self.seconds, 3)}


def _regions() -> str:
    from yibao_desk.domain.catalog import load_catalog

    cat = load_catalog()
    return "；".join(f"{r.name} {len(r.services)} 个事项" for r in cat.regions.values())


def _forms() -> str:
    from yibao_desk.domain.catalog import load_catalog
    from yibao_desk.printing.official import render_official
    from yibao_desk.printing.templates import printable_forms

    cat = load_catalog()
    folder = Path(tempfile.mkdtemp(prefix="yibao-selfcheck-"))
    count = 0
    for region in cat.regions:
        for form in printable_forms():
            pdf = render_official(cat, region, form, {}, mode="blank").pdf
            if not pdf.startswith(b"%PDF"):
                raise RuntimeError(f"{region}/{form} 没有生成 PDF")
            (folder / f"{region}-{form}.pdf").write_bytes(pdf)
            count += 1
    return f"{count} 份空白表已生成到 {folder}"


def _journal() -> str:
    from yibao_desk.domain.catalog import load_catalog
    from yibao_desk.domain.working_days import load_calendar
    from yibao_desk.journal.db import open_journal
    from yibao_desk.journal.intake import IntakeService
    from yibao_desk.journal.verify import verify

    folder = Path(tempfile.mkdtemp(prefix="yibao-selfcheck-"))
    journal = open_journal(folder / "journal.sqlite3")
    svc = IntakeService(journal, load_catalog(), load_calendar())
    svc.setup_device("CHECK", "yuanjiang", "自检")
    svc.add_staff(None, "check", "自检", "supervisor", "selfcheck-password")
    svc.intake(
        "check", "002036001001", {"applicant": {"name": "自检", "id_number": "430981198002290034"}, "materials": {}}
    )
    report = verify(journal)
    journal.close()
    if not report.ok:
        raise RuntimeError("；".join(report.problems))
    return f"临时日志 {folder} 读写、迁移与校验正常（{report.events} 个事件）"


def _font() -> str:
    from yibao_desk.printing.fonts import resolve_fonts

    fonts = resolve_fonts()
    if not fonts.embedded:
        return f"{fonts.describe()}（警告：未找到可嵌入的中文字体，PDF 拿到别的电脑上可能无法显示）"
    return fonts.describe()


def _printers() -> str:
    from yibao_desk.gui.printers import available_printers

    names, default = available_printers()
    if not names:
        return "Qt 未发现打印机（可先保存 PDF；安装打印机驱动后再检查）"
    return f"{len(names)} 台：{'、'.join(names)}；默认：{default or '未设置'}"


STEPS: list[tuple[str, Callable[[], str]]] = [
    ("加载地区配置", _regions),
    ("生成全部表格", _forms),
    ("办件日志", _journal),
    ("打印字体", _font),
    ("打印机", _printers),
]


def run_selfcheck() -> list[Step]:
    results = []
    for name, fn in STEPS:
        t = time.perf_counter()
        try:
            detail, ok = fn(), True
        except Exception as e:  # every failure is reported by step name, never a bare traceback
            detail, ok = f"{type(e).__name__}: {e}", False
            traceback.print_exc()
        results.append(Step(name, ok, detail, time.perf_counter() - t))
        if not ok:
            break
    return results
