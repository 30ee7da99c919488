"""`yibao-desk selfcheck`: what IT staff run after installing. It checks what the program itself uses, the way it
uses it: the data files of this installation, the catalog through its cache, a journal created through the
migrations, every official table of every region and every composed document rendered, the printing font, the
printers, and what this PC's journal configures (default printer, ID card reader, sync target).

Every step is named; the first failure ends the run and decides the exit code (`EXIT_BASE` + the step's number, see
`exit_codes`). Runs headless (no display: the printers are listed through Qt's offscreen platform) and leaves no
file behind unless asked to keep the rendered PDFs.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EXIT_BASE = 10


@dataclass
class Step:
    name: str
    ok: bool
    detail: str
    seconds: float
    warning: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "step": self.name,
            "ok": self.ok,
            "warning": self.warning,
            "detail": self.detail,
            "seconds": round(self.seconds, 3),
        }


class Warn(str):
    """A step's answer that passes but needs attention (a sync target out of reach at an offline centre)."""


@dataclass
class _Run:
    folder: Path  # temporary unless the caller keeps the PDFs
    journal: Any = None  # the temporary journal's service (step 办件日志)
    case_number: str = ""
    mine: dict[str, Any] = field(default_factory=dict)  # this PC's settings, when it has a journal


def _data(run: _Run) -> str:
    from yibao_desk import version
    from yibao_desk.domain.paths import require_data

    root = require_data()
    return f"版本 {version()}；数据文件齐全（{root}）"


def _catalog(run: _Run) -> str:
    from yibao_desk.domain.catalog import load_catalog
    from yibao_desk.domain.paths import cache_dir

    first = load_catalog(cache_dir=cache_dir())  # the program's own path: the cache
    again = load_catalog(cache_dir=cache_dir())
    if sorted(first.regions) != sorted(again.regions):
        raise RuntimeError("地区配置的缓存与数据文件不一致")
    return "；".join(f"{r.name} {len(r.services)} 个事项" for r in again.regions.values())


def _journal(run: _Run) -> str:
    from yibao_desk.domain.catalog import default_catalog
    from yibao_desk.domain.working_days import load_calendar
    from yibao_desk.journal.db import open_journal
    from yibao_desk.journal.intake import IntakeService
    from yibao_desk.journal.verify import verify

    saved = os.environ.get("YIBAO_DESK_HOME")
    os.environ["YIBAO_DESK_HOME"] = str(run.folder / "selfcheck-home")  # its device key and anchor: not this PC's
    try:
        journal = open_journal(run.folder / "selfcheck-journal.sqlite3")  # made through the migrations
        svc = IntakeService(journal, default_catalog(), load_calendar())
        svc.setup_device("CHECK", "yuanjiang", "自检")
        svc.add_staff(None, "check", "自检", "supervisor", "selfcheck-password")
        decision = svc.intake(
            "check", "002036001001", {"applicant": {"name": "自检", "id_number": "430981198002290034"}, "materials": {}}
        )
        report = verify(journal)
    finally:
        if saved is None:
            os.environ.pop("YIBAO_DESK_HOME", None)
        else:
            os.environ["YIBAO_DESK_HOME"] = saved
    if not report.ok:
        raise RuntimeError("；".join(report.problems))
    run.journal, run.case_number = svc, decision.case_number
    return f"新建日志经迁移创建、写入与校验正常（{report.events} 个事件）"


def _documents(run: _Run) -> str:
    from yibao_desk.case_documents import info_for
    from yibao_desk.domain.catalog import default_catalog
    from yibao_desk.printing import documents
    from yibao_desk.printing.official import render_official
    from yibao_desk.printing.templates import printable_forms

    cat = default_catalog()
    made: list[tuple[str, bytes]] = []
    for region in cat.regions:
        for form in printable_forms():
            made.append((f"{region}-{form}", render_official(cat, region, form, {}, mode="blank").pdf))
    if run.journal is not None:
        info = info_for(run.journal, run.case_number)
        made += [
            ("receipt-a4", documents.render_receipt(info, "a4").pdf),
            ("receipt-80mm", documents.render_receipt(info, "80mm").pdf),
            ("supplement-notice", documents.render_supplement_notice(info, None).pdf),
            ("rejection-notice", documents.render_rejection_notice(info, ["自检"]).pdf),
        ]
    for name, pdf in made:
        if not pdf.startswith(b"%PDF"):
            raise RuntimeError(f"{name} 没有生成 PDF")
        (run.folder / f"{name}.pdf").write_bytes(pdf)
    return f"{len(made)} 份 PDF（{len(cat.regions)} 个地区的 {len(printable_forms())} 种表格、回执与告知书）"


def _font(run: _Run) -> str:
    from yibao_desk.printing.fonts import resolve_fonts

    fonts = resolve_fonts()
    if not fonts.embedded:
        return Warn(f"{fonts.describe()}（未找到可嵌入的中文字体，PDF 拿到别的电脑上可能无法显示）")
    return fonts.describe()


def _headless() -> None:
    """Without a display Qt would abort: list the printers through the offscreen platform."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _this_pc(run: _Run) -> dict[str, Any]:
    """The settings of this PC's journal (empty when it has none yet); read without changing the journal."""
    if run.mine:
        return run.mine
    from yibao_desk.domain.catalog import default_catalog
    from yibao_desk.domain.working_days import load_calendar
    from yibao_desk.journal.db import open_journal, resolve_db_path
    from yibao_desk.journal.intake import IntakeService

    path = resolve_db_path()
    if not path.exists():
        run.mine = {"journal": None}
        return run.mine
    journal = open_journal(path)
    try:
        svc = IntakeService(journal, default_catalog(), load_calendar())
        run.mine = {"journal": str(path), "settings": svc.settings(), "problems": list(journal.problems)}
    finally:
        journal.close()
    return run.mine


def _printers(run: _Run) -> str:
    _headless()
    from yibao_desk.gui.printers import available_printers

    names, default = available_printers()
    listed = f"{len(names)} 台：{'、'.join(names)}；系统默认：{default or '未设置'}" if names else "未发现打印机"
    wanted = (_this_pc(run).get("settings") or {}).get("default_printer") or ""
    if wanted and wanted not in names:
        raise RuntimeError(f"本机设置的默认打印机「{wanted}」不存在（{listed}）；受理时将无法打印")
    receipt = _receipt_printer(_this_pc(run).get("settings") or {})
    if not names:
        return Warn("未发现打印机（可先保存 PDF；安装打印机驱动后再检查）" + receipt)
    said = listed + (f"；本机设置的默认打印机「{wanted}」可用" if wanted else "") + receipt
    return Warn(said) if "无法连接" in receipt else said


def _receipt_printer(settings: dict[str, Any]) -> str:
    """The ESC/POS receipt printer 设置 names: its address understood, and the device opened (nothing printed)."""
    kind = str(settings.get("receipt_printer") or "none")
    if kind == "none":
        return ""
    from yibao_desk.devices.escpos_receipt import BACKENDS, PrinterError, open_printer

    where = str(settings.get("receipt_printer_address") or "")
    try:
        printer = open_printer(settings)
    except PrinterError as e:
        raise RuntimeError(f"本机设置的小票打印机不可用：{e}") from None
    try:
        assert printer is not None
        printer.open()
        printer.close()
    except Exception as e:
        return f"；小票打印机（{BACKENDS[kind]} {where}）暂时无法连接：{e}"
    return f"；小票打印机（{BACKENDS[kind]} {where}）可连接"


def _reader(run: _Run) -> str:
    """The 身份证阅读器 this PC's settings name: its library loaded and its port found (no card is read)."""
    from yibao_desk.devices.id_reader import BACKENDS, ReaderError, open_reader

    settings = _this_pc(run).get("settings") or {}
    kind = str(settings.get("id_reader") or "none")
    if kind == "none":
        return Warn("未配置身份证阅读器（设置 → 身份证阅读器）：身份证号码手工录入或扫码枪录入")
    try:
        reader = open_reader(settings)
        assert reader is not None
        opened = getattr(reader, "_open", None)
        if opened is not None:
            opened()  # the SDK: the port is looked for, as F8 would
        elif kind == "file":
            folder = Path(str(settings.get("id_reader_folder")))
            if not folder.is_dir():
                raise ReaderError("file", f"读卡结果文件夹 {folder} 不存在")
        said = reader.describe()
        reader.close()
    except ReaderError as e:
        raise RuntimeError(f"本机设置的身份证阅读器（{BACKENDS[kind]}）不可用：{e}") from None
    return f"{said}：可用（按 F8 读卡）"


def _translations(run: _Run) -> str:
    """Qt's own buttons in Chinese: the translations file the program loads at start, read the same way."""
    from yibao_desk.gui.app import chinese_translator

    translator = chinese_translator()
    ok, cancel = (translator.translate("QPlatformTheme", w) if translator else "" for w in ("OK", "Cancel"))
    if not (ok and cancel):
        return Warn("未找到 Qt 中文翻译（qtbase_zh_CN.qm）：对话框的标准按钮将显示 OK / Cancel")
    return f"Qt 中文翻译已找到（标准按钮：{ok} / {cancel}）"


def _sync_target(run: _Run) -> str:
    mine = _this_pc(run)
    if mine.get("journal") is None:
        return "本机尚未初始化（yibao-desk setup 或首次启动程序后再检查同步目标）"
    if mine.get("problems"):
        raise RuntimeError(f"本机办件日志 {mine['journal']} 未通过校验：{mine['problems'][0]}")
    url = (mine.get("settings") or {}).get("sync_url") or ""
    if not url:
        return Warn("未配置同步目标：办件只在本机（乡镇离线点请用 sync export 导出数据包）")
    import psycopg

    from yibao_desk.sync.urls import psycopg_url, redact

    try:
        with psycopg.connect(psycopg_url(url), connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        return Warn(f"同步目标 {redact(url)} 暂时无法连接（{first}）；办件保存在本机，连通后自动补传")
    return f"同步目标 {redact(url)} 可以连接"


STEPS: list[tuple[str, Callable[[_Run], str]]] = [
    ("数据文件", _data),
    ("加载地区配置", _catalog),
    ("办件日志", _journal),
    ("生成全部表格与文书", _documents),
    ("打印字体", _font),
    ("打印机", _printers),
    ("读卡器", _reader),
    ("同步目标", _sync_target),
    ("界面中文", _translations),
]


def _log_traceback(step: str) -> str:
    from yibao_desk.settings_paths import data_dir

    path = data_dir() / "logs" / "selfcheck.log"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as f:
            f.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} 自检「{step}」失败\n{traceback.format_exc()}\n")
    except OSError:
        return ""
    return f"（详情见 {path}）"


def exit_codes() -> dict[int, str]:
    return {EXIT_BASE + i: name for i, (name, _fn) in enumerate(STEPS, 1)}


def exit_code(steps: list[Step]) -> int:
    for i, (name, _fn) in enumerate(STEPS, 1):
        if any(s.name == name and not s.ok for s in steps):
            return EXIT_BASE + i
    return 0


def run_selfcheck(keep: Path | None = None) -> list[Step]:
    with tempfile.TemporaryDirectory(prefix="yibao-selfcheck-") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        run = _Run(folder)
        results = []
        try:
            for name, fn in STEPS:
                t = time.perf_counter()
                try:
                    detail, ok = fn(run), True
                except Exception as e:  # every failure is reported by step name; the traceback goes to the log
                    detail, ok = f"{type(e).__name__}: {e}{_log_traceback(name)}", False
                results.append(Step(name, ok, str(detail), time.perf_counter() - t, isinstance(detail, Warn)))
                if not ok:
                    break
        finally:
            if run.journal is not None:
                run.journal.journal.close()
    return results
