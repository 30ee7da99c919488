"""The counter program's speed and memory, offscreen:

- start-up to the login window shown, against a bare QApplication + QMainWindow in the same run (target <= 2.5x);
- service search latency per keystroke, the picker refreshed (target p99 < 5 ms);
- resident memory after 200 scripted cases through the real intake screen (target < 300 MB).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
BARE = r"""
import time; t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.show(); app.processEvents()
print(time.perf_counter() - t0)
"""
# What `yibao_desk.gui.app.run` does up to the login window, then up to the moment logging in is possible.
OURS = r"""
import time; t0 = time.perf_counter()
import sys
from pathlib import Path
from yibao_desk.gui.app import make_app
from yibao_desk.gui.login import LoginDialog
app = make_app([])
dialog = LoginDialog(None); dialog.show(); app.processEvents()
assert dialog.isVisible()
shown = time.perf_counter() - t0
from yibao_desk.domain.catalog import default_catalog
from yibao_desk.domain.working_days import load_calendar
from yibao_desk.journal.db import open_journal
from yibao_desk.journal.intake import IntakeService
from yibao_desk.gui.context import AppContext
dialog.set_context(AppContext(IntakeService(open_journal(Path(sys.argv[1])), default_catalog(), load_calendar())))
app.processEvents()
print(shown, time.perf_counter() - t0)
"""


def wall(code: str, *args: str) -> tuple[float, float]:
    """Median wall time of the whole process to its first milestone (interpreter start included), and to the
    second milestone when the child reports one."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    first, second = [], []
    for _ in range(RUNS):
        t = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", code, *args], check=True, capture_output=True, env=env, text=True
        ).stdout.split()
        total = time.perf_counter() - t
        inner = [float(x) for x in out]
        startup = total - inner[-1]  # interpreter start before the child's clock began
        first.append(startup + inner[0])
        second.append(startup + inner[-1])
    return statistics.median(first), statistics.median(second)


def startup(home: Path) -> dict[str, float]:
    from yibao_desk.domain.catalog import default_catalog
    from yibao_desk.domain.working_days import load_calendar
    from yibao_desk.journal.db import open_journal
    from yibao_desk.journal.intake import IntakeService

    db = home / "journal.sqlite3"
    svc = IntakeService(open_journal(db), default_catalog(), load_calendar())
    svc.setup_device("W01", "yuanjiang", "一号窗口")
    svc.add_staff(None, "sup1", "张主管", "supervisor", "secret-sup")
    svc.journal.close()
    wall(OURS, str(db))  # warm the catalog cache and the OS file cache once, as any second start is
    bare, _ = wall(BARE)
    shown, ready = wall(OURS, str(db))
    return {
        "startup_bare_s": round(bare, 3),
        "startup_login_shown_s": round(shown, 3),
        "startup_login_ready_s": round(ready, 3),
        "startup_ratio": round(shown / bare, 2),
        "startup_ready_ratio": round(ready / bare, 2),
    }


def search_latency() -> dict[str, float]:
    from yibao_desk.domain.catalog import default_catalog
    from yibao_desk.gui.intake.service_picker import ServicePicker

    picker = ServicePicker()
    picker.set_region(default_catalog().region("yuanjiang"), [])
    samples = []
    for word in ("ydjy", "zhiqu", "zq", "002036004001", "异地就医", "cbdj", "shengyujintie", "menzhen", "zyfy"):
        for i in range(1, len(word) + 1):
            t = time.perf_counter()
            picker.search.setText(word[:i])  # textChanged → the domain's search → the model refreshed
            samples.append(time.perf_counter() - t)
            picker.search.clear()
    samples.sort()
    return {
        "search_keystrokes": len(samples),
        "search_median_ms": round(statistics.median(samples) * 1000, 3),
        "search_p99_ms": round(samples[int(len(samples) * 0.99) - 1] * 1000, 3),
    }


def memory_after_cases(home: Path, cases: int = 200) -> dict[str, float]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from yibao_desk.domain.catalog import default_catalog
    from yibao_desk.domain.working_days import load_calendar
    from yibao_desk.gui.context import AppContext
    from yibao_desk.gui.intake.intake_page import IntakePage
    from yibao_desk.journal.db import open_journal
    from yibao_desk.journal.intake import IntakeService

    app = QApplication.instance()
    svc = IntakeService(open_journal(home / "mem.sqlite3"), default_catalog(), load_calendar())
    svc.setup_device("W02", "yiyang-kuayu", "二号窗口")
    svc.add_staff(None, "c01", "李收件", "supervisor", "secret-c01")
    ctx = AppContext(svc)
    ctx.sign_in(svc.login("c01", "secret-c01"))
    page = IntakePage(ctx)
    page.show()
    page.previewReady.connect(lambda d: QTimer.singleShot(0, d.accept))
    done = []
    page.caseFinished.connect(lambda n, v: done.append(n))
    rss_at = {}
    for i in range(cases):
        if i in (1, 50):
            rss_at[i] = _rss_mb()
        page.new_case()
        page.picker.search.setText("432036011W01")
        page.picker.choose_current()
        a = page.applicant.applicant
        a.name.setText("王小明")
        a.id_number.setText("430981198002290034")
        a.phone.setText("13800138000")  # 益阳跨域 notifies by SMS: the phone is required
        for row in range(page.model.rowCount() - (i % 2)):  # every other case lacks a material: a supplement
            page.model.mark_complete(row)
        (page.on_accept if i % 2 == 0 else page.on_supplement)()
        while len(done) <= i:
            app.processEvents()  # type: ignore[union-attr]
            time.sleep(0.002)
    return {
        "cases": cases,
        "rss_after_first_case_mb": rss_at.get(1, 0.0),
        "rss_after_50_cases_mb": rss_at.get(50, 0.0),
        "rss_after_cases_mb": _rss_mb(),
    }


def _rss_mb() -> float:
    kb = next(
        int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmRSS:")
    )
    return round(kb / 1024, 1)


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp())
    os.environ["YIBAO_DESK_HOME"] = str(home)
    from yibao_desk.gui.app import make_app

    result: dict[str, float | bool] = {}
    result.update(startup(home))
    make_app([])
    result.update(search_latency())
    result.update(memory_after_cases(home))
    result["ok"] = result["startup_ratio"] <= 2.5 and result["search_p99_ms"] < 5 and result["rss_after_cases_mb"] < 300
    print(json.dumps(result), flush=True)
    os._exit(0)  # skip interpreter teardown of the Qt objects (PySide6 may abort while finalizing)


if __name__ == "__main__":
    main()
