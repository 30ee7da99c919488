"""电子化处理 (issue 17 §1), two figures in one run:

- attaching a 5 MB scan through the intake page's path (the file checked, hashed, stored and journaled, then its
  checklist-row icon and its strip thumbnail drawn by Qt), against copying the same file with fsync. Target:
  < 200 ms to the thumbnail;
- a sync of 100 cases with 3 scans each to the central PostgreSQL (events and files, one push), against a raw
  COPY of the same bytes into a plain table. Printed as a ratio.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ADMIN = os.environ.get("YIBAO_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
CLAIM = "432036011W01"
ANSWERS = {"maternity": "否"}
APPLICANT = {"name": "王小明", "id_number": "430981198002290034", "phone": "13800138000"}


def _service(folder: Path):  # type: ignore[no-untyped-def]
    from yibao_desk.domain.catalog import load_catalog
    from yibao_desk.domain.working_days import load_calendar
    from yibao_desk.journal.db import open_journal
    from yibao_desk.journal.intake import IntakeService

    svc = IntakeService(open_journal(folder / "j.sqlite3"), load_catalog(), load_calendar())
    svc.setup_device("B1", "yiyang-kuayu", "bench")
    svc.add_staff(None, "s1", "张主管", "supervisor", "secret-s1")
    return svc


def attach_to_thumbnail(tmp: Path) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from tests.scan_files import big_scan
    from yibao_desk.gui.thumbnails import ROW_ICON, THUMB, ThumbnailCache

    QApplication.instance() or QApplication([])
    svc = _service(tmp)
    number, _ = svc.open_case("s1", CLAIM, APPLICANT, answers=ANSWERS)
    ours, raw = [], []
    for i in range(7):
        scan = big_scan(tmp / f"scan{i}.jpg", 5.0, seed=i)
        t = time.perf_counter()
        a = svc.attach("s1", number, "patient-id", scan, "folder")
        cache = ThumbnailCache()  # a new file: nothing cached
        path = svc.attachment_store.path(a.sha256)
        cache.get(a.sha256, path, a.mime, ROW_ICON)
        cache.get(a.sha256, path, a.mime, THUMB)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        copy = tmp / f"copy{i}.jpg"
        shutil.copyfile(scan, copy)
        with open(copy, "rb") as f:
            os.fsync(f.fileno())
        raw.append(time.perf_counter() - t)
    size = scan.stat().st_size
    svc.journal.close()
    return {
        "scan_mb": round(size / 1048576, 2),
        "attach_to_thumbnail_ms_median": round(statistics.median(ours) * 1000, 1),
        "attach_to_thumbnail_ms_max": round(max(ours) * 1000, 1),
        "fsynced_copy_ms_median": round(statistics.median(raw) * 1000, 1),
        "ratio": round(statistics.median(ours) / statistics.median(raw), 2),
    }


def sync_cases(tmp: Path, cases: int = 100, per_case: int = 3) -> dict[str, float]:
    from tests.scan_files import jpeg
    from yibao_desk.sync import central
    from yibao_desk.sync.push import push

    name = f"yibao_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = ADMIN.rsplit("/", 1)[0] + f"/{name}"
    try:
        central.init(url)
        svc = _service(tmp)
        materials = ("patient-id", "hospital-invoice", "cost-list")
        for c in range(cases):
            number, _ = svc.open_case("s1", CLAIM, APPLICANT, answers=ANSWERS)
            for k in range(per_case):
                path = jpeg(tmp / "scans" / f"{c}-{k}.jpg", size=(2480, 1754), seed=c * 10 + k)  # A4 at 300 dpi
                svc.attach("s1", number, materials[k], path)
        store = svc.attachment_store
        files = store.all_hashes()
        total = sum(store.path(s).stat().st_size for s in files)
        reg = central.add_device(url, "B1")
        t = time.perf_counter()
        report = push(svc.journal, reg.url)
        ours = time.perf_counter() - t
        with psycopg.connect(url) as conn:
            conn.execute("CREATE TABLE raw_files (sha256 text, data bytea)")
            conn.commit()
            t = time.perf_counter()
            with conn.cursor().copy("COPY raw_files (sha256, data) FROM STDIN") as copy:
                for s in files:
                    copy.write_row((s, store.path(s).read_bytes()))
            conn.commit()
            raw = time.perf_counter() - t
        svc.journal.close()
        return {
            "cases": cases,
            "scans": len(files),
            "scan_mb_total": round(total / 1048576, 1),
            "events": report.sent,
            "push_s": round(ours, 2),
            "raw_copy_s": round(raw, 2),
            "ratio": round(ours / raw, 2),
            "mb_per_s": round(total / 1048576 / ours, 1),
        }
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    os.environ["YIBAO_DESK_HOME"] = tempfile.mkdtemp()
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        out = {"attach": attach_to_thumbnail(Path(a)), "sync": sync_cases(Path(b))}
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
