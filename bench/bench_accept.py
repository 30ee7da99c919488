"""Accepting a case at the counter, offscreen, through the keys of the real intake screen:

- Ctrl+Enter to the print preview, for a service with an official table (002036004001 异地安置退休人员备案 in
  沅江: the table remote-care and the receipt), against rendering the same two PDFs directly and constructing the
  preview dialog with them, in the same run, interleaved round by round (target p95 < 300 ms);
- key presses from an empty screen to the print preview for the standard case of every region, beyond typing
  personal data, as the GUI acceptance test counts them (target <= 10; it was 14).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

ROUNDS = 30
WARMUP = 1  # the first case after start-up imports ReportLab and parses the print font: reported, not counted
SEARCH = "ydjy"
SERVICE = "002036004001"
DOCUMENTS = ["remote-care", "receipt"]
NAME, ID_NUMBER, PHONE = "李建国", "430981198002290034", "13800138000"
TARGET_P95_MS = 300
TARGET_KEYS, OLD_KEYS = 10, 14
ROOT = Path(__file__).resolve().parent.parent


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _p95(samples: list[float]) -> float:
    s = sorted(samples)
    return s[max(0, -(-len(s) * 95 // 100) - 1)]  # nearest rank


def accept_to_preview(home: Path) -> dict[str, Any]:
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    from yibao_desk.case_documents import document_title, render_case_document
    from yibao_desk.domain.catalog import default_catalog
    from yibao_desk.domain.working_days import load_calendar
    from yibao_desk.gui.context import AppContext
    from yibao_desk.gui.intake.intake_page import IntakePage
    from yibao_desk.gui.print_preview import PrintJob, PrintPreviewDialog
    from yibao_desk.journal.db import open_journal
    from yibao_desk.journal.intake import IntakeService

    app = QApplication.instance()
    assert app is not None
    boxes: list[str] = []  # a message box would block offscreen: record it (the run then does not count)

    def record_box(*args: object, **_kw: object) -> QMessageBox.StandardButton:
        boxes.append(str(args[2]) if len(args) > 2 else "")
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "information", "critical", "question"):
        setattr(QMessageBox, name, staticmethod(record_box))

    svc = IntakeService(open_journal(home / "accept.sqlite3"), default_catalog(), load_calendar())
    svc.setup_device("W01", "yuanjiang", "医保服务专区一号窗口")
    svc.add_staff(None, "sup1", "张主管", "supervisor", "secret-sup")
    svc.add_staff("sup1", "c01", "李收件", "clerk", "secret-c01")
    ctx = AppContext(svc)
    ctx.sign_in(svc.login("c01", "secret-c01"))
    # diagnostic only: how long the page's own rendering takes on the worker thread (same function, timed)
    import yibao_desk.gui.intake.intake_page as intake_page

    worker: list[float] = []
    render_doc = intake_page.render_case_document

    def timed_render(*args: Any) -> Any:
        t = time.perf_counter()
        try:
            return render_doc(*args)
        finally:
            worker.append(time.perf_counter() - t)

    intake_page.render_case_document = timed_render  # type: ignore[assignment]
    page = IntakePage(ctx)
    page.resize(1366, 720)
    page.show()
    page.activateWindow()
    page.new_case()
    app.processEvents()
    width = str(svc.settings().get("receipt_width", "a4"))

    arrived: list[float] = []
    decided: list[float] = []
    finished: list[str] = []
    loop = QEventLoop()

    def on_preview(dialog: PrintPreviewDialog) -> None:
        arrived.append(time.perf_counter())
        assert [j.document for j in dialog.jobs] == DOCUMENTS, [j.document for j in dialog.jobs]
        QTimer.singleShot(0, dialog.accept)  # exec() returns, the page starts the next case
        loop.quit()  # the outer wait ends once the dialog's own loop has returned

    page.previewReady.connect(on_preview)
    page.caseFinished.connect(lambda number, verdict: finished.append(number))

    def focused() -> Any:
        """The widget that takes the keys. The offscreen platform does not give the page back the activation when
        the preview closes (a window manager would): activate it, as the clerk's click on it would."""
        for _ in range(500):
            widget = QApplication.focusWidget()
            if widget is not None and widget.window() is page:
                return widget
            page.activateWindow()
            app.processEvents()
            time.sleep(0.002)
        raise RuntimeError("no widget has the keyboard focus")

    def one_case() -> float:
        QTest.keyClick(focused(), Qt.Key.Key_F2)
        QTest.keyClicks(focused(), SEARCH)
        QTest.keyClick(focused(), Qt.Key.Key_Return)
        assert page.service is not None and page.service.code == SERVICE, page.service
        QTest.keyClick(focused(), Qt.Key.Key_A)  # 全部齐全; the focus moves to the applicant's name
        event = QInputMethodEvent("", [])
        event.setCommitString(NAME)  # Chinese arrives as an input method's commit
        QApplication.sendEvent(focused(), event)
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        QTest.keyClicks(focused(), ID_NUMBER)
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
        QTest.keyClicks(focused(), PHONE)
        a = page.applicant.applicant
        assert (a.name.text(), a.id_number.text(), a.phone.text()) == (NAME, ID_NUMBER, PHONE)
        assert page.verdict is not None and page.verdict.verdict == "accept", page.verdict
        before = len(arrived)
        guard = QTimer()
        guard.setSingleShot(True)
        guard.timeout.connect(loop.quit)
        guard.start(30_000)
        target = focused()
        t0 = time.perf_counter()
        QTest.keyClick(target, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        decided.append(time.perf_counter() - t0)  # the shortcut's slot returned: verdict journaled, render queued
        if len(arrived) == before:
            loop.exec()
        guard.stop()
        if len(arrived) == before:
            raise RuntimeError(f"no print preview within 30 s (message boxes: {boxes})")
        elapsed = arrived[-1] - t0
        for _ in range(200):  # the preview closed and the page back on an empty case
            if page.service is None and QApplication.activeModalWidget() is None:
                break
            app.processEvents()
            time.sleep(0.001)
        return elapsed

    def direct(number: str) -> float:
        t0 = time.perf_counter()
        jobs = []
        for doc in DOCUMENTS:
            rendered = render_case_document(svc, number, doc, width)
            jobs.append(PrintJob(doc, document_title(svc, number, doc), rendered.pdf, rendered.warnings))
        dialog = PrintPreviewDialog(jobs, lambda *_a: None, page, "")
        elapsed = time.perf_counter() - t0
        dialog.deleteLater()
        app.processEvents()
        return elapsed

    first = [one_case() for _ in range(WARMUP)]
    gui, base = [], []
    for _ in range(ROUNDS):  # interleaved: the machine's drift hits both alike
        gui.append(one_case())
        base.append(direct(finished[-1]))
    assert len(set(finished)) == WARMUP + ROUNDS
    statuses = {svc.case(n)["status"] for n in finished}
    svc.journal.close()
    p95, base_p95 = _p95(gui), _p95(base)
    return {
        "accept_rounds": ROUNDS,
        "accept_first_case_ms": _ms(first[0]) if first else None,
        "accept_median_ms": _ms(statistics.median(gui)),
        "accept_p95_ms": _ms(p95),
        "accept_max_ms": _ms(max(gui)),
        "accept_decide_median_ms": _ms(statistics.median(decided[WARMUP:])),
        "accept_worker_render_median_ms": _ms(
            statistics.median(
                [a + b for a, b in zip(worker[2 * WARMUP :: 2], worker[2 * WARMUP + 1 :: 2], strict=True)]
            )
        ),
        "direct_median_ms": _ms(statistics.median(base)),
        "direct_p95_ms": _ms(base_p95),
        "accept_ratio_p95": round(p95 / base_p95, 2),
        "accept_ratio_median": round(statistics.median(gui) / statistics.median(base), 2),
        "accept_p95_under_300ms": _ms(p95) < TARGET_P95_MS,
        "cases_statuses": sorted(statuses),
        "message_boxes": boxes,
    }


def keys_to_preview() -> dict[str, Any]:
    """The acceptance test counts the keys as a person presses them and writes them per region."""
    out = Path(tempfile.mkdtemp()) / "key-counts.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "YIBAO_KEY_COUNTS": str(out)}
    env.pop("YIBAO_DESK_HOME", None)  # the test sets up its own program
    t = time.perf_counter()
    run = subprocess.run(
        [
            str(ROOT / ".venv/bin/python"),
            "-m",
            "pytest",
            "tests/acceptance/test_gui_day.py",
            "-q",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    from yibao_desk.domain.catalog import default_catalog

    # the test records a region's count only once its own check (<= 10) has passed; what fails later in the day
    # (办件, handover) does not change the count, so it is reported beside it
    counts: dict[str, int] = json.loads(out.read_text()) if out.is_file() else {}
    regions = sorted(default_catalog().regions)
    lines = run.stdout.strip().splitlines()
    return {
        "keys_per_region": counts,
        "keys_missing_regions": [r for r in regions if r not in counts],
        "keys_max": max(counts.values()) if counts else None,
        "keys_target": TARGET_KEYS,
        "keys_old": OLD_KEYS,
        "keys_met": sorted(counts) == regions and max(counts.values()) <= TARGET_KEYS,
        "acceptance_exit": run.returncode,
        "acceptance_summary": (lines or [""])[-1],
        "acceptance_failed": [line.split(" ", 1)[1] for line in lines if line.startswith("FAILED ")],
        "acceptance_s": round(time.perf_counter() - t, 1),
    }


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp())
    os.environ["YIBAO_DESK_HOME"] = str(home)
    from yibao_desk.gui.app import make_app

    make_app([])
    result: dict[str, Any] = {}
    result.update(accept_to_preview(home))
    result.update(keys_to_preview())
    result["ok"] = bool(result["accept_p95_under_300ms"] and result["keys_met"] and not result["message_boxes"])
    print(
        f"Ctrl+Enter to preview: median {result['accept_median_ms']} ms, p95 {result['accept_p95_ms']} ms; "
        f"direct render + dialog p95 {result['direct_p95_ms']} ms; ratio {result['accept_ratio_p95']}x; "
        f"p95 < {TARGET_P95_MS} ms: {'yes' if result['accept_p95_under_300ms'] else 'no'}"
    )
    for region, keys in sorted(result["keys_per_region"].items()):
        verdict = "yes" if keys <= TARGET_KEYS else "no"
        print(f"keys to preview, {region}: {keys} (target <= {TARGET_KEYS}, was {OLD_KEYS}): {verdict}")
    print(json.dumps(result, ensure_ascii=False), flush=True)
    os._exit(0)  # skip interpreter teardown of the Qt objects (PySide6 may abort while finalizing)


if __name__ == "__main__":
    main()
