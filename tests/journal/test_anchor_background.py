"""The anchor file is written by a background thread after the commit (issue 13's ≤ 3× step): what a reader sees.
A reader in the same process sees every head it signed; a program that exits without closing its journal leaves the
anchor at its last head; a failed background write is named at the next write and tried again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from yibao_desk.journal import anchor_file, checkpoint
from yibao_desk.journal.intake import IntakeService

ROOT = Path(__file__).resolve().parents[2]


def _stored_body(service: IntakeService) -> str:
    with service.journal.read() as s:
        row = s.connection().exec_driver_sql("SELECT body FROM checkpoint WHERE id = 1").fetchone()
    assert row is not None
    return str(row[0])


def test_a_reader_in_the_process_sees_the_head_just_signed(service: IntakeService, db_path: Path) -> None:
    for n in range(30):  # faster than the writer: heads are coalesced, the last one stays
        service.add_staff("sup1", f"x{n:02d}", f"员工{n}", "clerk", f"secret-x{n:02d}")
        head, problem = checkpoint.read_anchor(db_path)
        assert problem is None and head is not None
        assert head.body() == _stored_body(service)
    on_disk = json.loads(checkpoint.anchor_path(db_path).read_text(encoding="utf-8"))
    assert on_disk["body"] == _stored_body(service)
    assert not list(checkpoint.anchor_path(db_path).parent.glob("*.tmp"))


def test_a_program_that_exits_without_closing_leaves_its_last_head(tmp_path: Path) -> None:
    db = tmp_path / "journal.sqlite3"
    child = (
        "import sys; from pathlib import Path\n"
        "from yibao_desk.domain.catalog import load_catalog\n"
        "from yibao_desk.domain.working_days import load_calendar\n"
        "from yibao_desk.journal.db import open_journal\n"
        "from yibao_desk.journal.intake import IntakeService\n"
        "svc = IntakeService(open_journal(Path(sys.argv[1])), load_catalog(only=['yiyang-kuayu']), load_calendar())\n"
        "svc.setup_device('W03', 'yiyang-kuayu', '跨域通办一号窗口')\n"
        "svc.add_staff(None, 'sup1', '张主管', 'supervisor', 'secret-sup')\n"
        "for n in range(20): svc.add_staff('sup1', f'c{n:02d}', '李收件', 'clerk', 'secret-c01')\n"
    )  # no close(): the interpreter's exit writes what is waiting
    subprocess.run([sys.executable, "-c", child, str(db)], check=True, cwd=ROOT, env=os.environ.copy(), timeout=120)
    import sqlite3

    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT body FROM checkpoint WHERE id = 1").fetchone()[0]
        last_seq = conn.execute("SELECT max(seq) FROM events").fetchone()[0]
    anchor = json.loads(anchor_file.path(db).read_text(encoding="utf-8"))  # nothing of this process to wait for
    assert anchor["body"] == stored
    assert json.loads(anchor["body"])["seq"] == last_seq


def test_a_failed_background_write_is_named_and_tried_again(service: IntakeService, db_path: Path) -> None:
    folder = checkpoint.anchor_path(db_path).parent
    for f in folder.iterdir():
        f.unlink()
    folder.rmdir()
    folder.write_text("一个挡路的文件", encoding="utf-8")  # the anchors folder cannot be made
    service.add_staff("sup1", "x01", "员工甲", "clerk", "secret-x01")
    anchor_file.flush(db_path)
    assert not any("检查点文件" in w for w in service.journal.warnings)
    service.add_staff("sup1", "x02", "员工乙", "clerk", "secret-x02")  # the failure is named at the next write
    assert any("无法更新本机的日志检查点文件" in w for w in service.journal.warnings)
    folder.unlink()
    service.add_staff("sup1", "x03", "员工丙", "clerk", "secret-x03")
    head, problem = checkpoint.read_anchor(db_path)
    assert problem is None and head is not None and head.body() == _stored_body(service)
