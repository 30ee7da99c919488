"""Issue 13's table, one test per row, through the CLI as a subprocess: a restored backup, deleted events, an
emptied file, a deleted case row, a re-chained event, an edited staff row, a failing journal, foreign events at the
centre and commands that act in someone's name. Each asserts what the program now does; docs/reliability.md lists
them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.acceptance.cli import APPLICANT, Cli
from tests.sync.conftest import fresh_central
from yibao_desk.journal.chain import event_hash

SERVICE = "432036011W01"  # 益阳跨域: a service without materials to tick


@pytest.fixture
def pc(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path / "pc")
    cli.set_up("W07", "yiyang-kuayu", "七号窗口")
    return cli


@pytest.fixture
def centre() -> Iterator[str]:
    with fresh_central() as url:
        yield url


def intake(pc: Cli, ok: bool = True) -> Any:
    data = pc.home / "in.json"
    data.write_text(json.dumps({"applicant": APPLICANT, "materials": {}}, ensure_ascii=False), encoding="utf-8")
    r = pc.run("intake", "--service", SERVICE, "--input", str(data), "--staff", "c01", "--json", ok=ok)
    return json.loads(r.stdout) if r.returncode == 0 else r


def register(pc: Cli, centre: str) -> str:
    key = pc.run("sync", "key").stdout.strip().split()[-1]
    reg = pc.run("central", "add-device", "--url", centre, "--device", "W07", "--public-key", key, "--json")
    return str(json.loads(reg.stdout)["url"])


def sql(pc: Cli, *statements: str) -> None:
    with closing(sqlite3.connect(pc.db)) as conn:
        for s in statements:
            conn.execute(s)
        conn.commit()


def verify_fails(pc: Cli, words: str) -> str:
    r = pc.run("journal", "verify", ok=False)
    assert r.returncode == 1, r.stdout
    assert words in r.stdout, r.stdout
    return r.stdout


def refused(r: Any, words: str = "已停止写入") -> None:
    assert r.returncode == 2, r.stdout
    assert words in r.stderr, r.stderr


def centre_cases(centre: str) -> list[str]:
    with psycopg.connect(centre) as conn:
        rows = conn.execute(
            "SELECT case_number FROM yibao.events WHERE device_id = 'W07' AND type = 'case.opened' ORDER BY seq"
        ).fetchall()
    return [r[0] for r in rows]


def test_row1_restored_backup_then_new_cases_all_reach_the_centre_once(pc: Cli, centre: str, tmp_path: Path) -> None:
    url = register(pc, centre)
    first = [intake(pc)["case_number"] for _ in range(2)]
    pc.run("sync", "push", "--to", url)
    backups = tmp_path / "backups"
    pc.run("journal", "backup", "--to", str(backups), "--staff", "sup1")
    later = [intake(pc)["case_number"] for _ in range(2)]
    pc.run("sync", "push", "--to", url)
    (made,) = backups.glob("journal-*.sqlite3")
    r = pc.run("journal", "restore", str(made), "--staff", "sup1", ok=False)
    refused(r, "少 ")  # says how many events it would drop, and needs --accept-loss
    pc.run("journal", "restore", str(made), "--staff", "sup1", "--accept-loss")
    after = intake(pc)["case_number"]
    assert after not in first + later  # never the number of a case the centre already holds
    r = pc.run("sync", "push", "--to", url, ok=False)
    refused(r, "recover")  # red, with the way out
    assert not pc.json("sync", "status")["in_sync"]
    refused(intake(pc, ok=False))  # new writes stop until recovered
    pc.run("journal", "recover", "--from", url, "--staff", "sup1")
    pc.run("journal", "verify")
    pc.run("sync", "push", "--to", url)
    assert pc.json("sync", "status")["in_sync"]
    assert sorted(centre_cases(centre)) == sorted([*first, *later, after])  # each exactly once
    listed = {c["case_number"] for c in pc.json("cases")}
    assert listed == {*first, *later, after}
    assert intake(pc)["case_number"] not in listed  # and the counter goes on


def _drop_triggers(pc: Cli) -> None:
    sql(pc, "DROP TRIGGER events_no_update", "DROP TRIGGER events_no_delete")


def test_row2_deleted_last_events_are_named_and_stop_writes(pc: Cli) -> None:
    numbers = [intake(pc)["case_number"] for _ in range(3)]
    _drop_triggers(pc)
    sql(pc, "DELETE FROM events WHERE seq > (SELECT max(seq) - 2 FROM events)")
    verify_fails(pc, "少 2 个事件")
    refused(intake(pc, ok=False))
    assert pc.json("sync", "status")["pending"] >= 0  # never 「-4 个事件待中心确认」
    assert {c["case_number"] for c in pc.json("cases")} >= set(numbers[:2])


def test_row3_journal_replaced_by_an_empty_file_is_named(pc: Cli) -> None:
    intake(pc)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{pc.db}{suffix}").unlink(missing_ok=True)
    pc.db.write_bytes(b"")
    verify_fails(pc, "日志是空的")
    r = pc.run("setup", "--device", "W07", "--region", "yiyang-kuayu", "--window", "七号窗口", ok=False)
    refused(r)  # never silently a new journal numbering from -0001


def test_row4_a_deleted_case_row_never_gives_its_number_to_another_applicant(pc: Cli) -> None:
    numbers = [intake(pc)["case_number"] for _ in range(2)]
    sql(pc, f"DELETE FROM cases WHERE case_number = '{numbers[0]}'")
    verify_fails(pc, "办件表被改动")
    refused(intake(pc, ok=False))
    pc.run("journal", "rebuild", "--staff", "sup1")
    pc.run("journal", "verify")
    third = intake(pc)["case_number"]
    assert third not in numbers and third.endswith("-0003")
    events = pc.json("case", third, "--staff", "c01")["events"]
    assert all(e["case_number"] == third for e in events) and events[0]["type"] == "case.opened"


def test_row5_an_edited_and_rechained_event_is_named(pc: Cli) -> None:
    intake(pc)
    intake(pc)
    _drop_triggers(pc)
    with closing(sqlite3.connect(pc.db)) as conn:
        cols = [r[1] for r in conn.execute("PRAGMA table_info(events)")]
        rows = [dict(zip(cols, r, strict=True)) for r in conn.execute("SELECT * FROM events ORDER BY seq")]
        victim = next(e for e in rows if e["type"] == "case.opened")
        victim["payload"] = victim["payload"].replace(APPLICANT["name"], "王五")
        prev = None
        for e in rows:
            if e["seq"] >= victim["seq"]:
                if prev is not None:
                    e["prev_hash"] = prev
                e["hash"] = event_hash(e)
                conn.execute(
                    "UPDATE events SET payload = ?, prev_hash = ?, hash = ? WHERE id = ?",
                    (e["payload"], e["prev_hash"], e["hash"], e["id"]),
                )
            prev = e["hash"]
        conn.commit()
    verify_fails(pc, "重新计算了哈希")
    refused(intake(pc, ok=False))


def test_row6_an_edited_staff_row_is_named_and_gives_no_rights(pc: Cli) -> None:
    sql(
        pc,
        "UPDATE staff SET role = 'supervisor', password_hash = (SELECT password_hash FROM staff WHERE id = 'sup1') "
        "WHERE id = 'c01'",
    )
    out = verify_fails(pc, "工作人员 c01")
    assert "角色" in out and "密码" in out
    refused(intake(pc, ok=False))
    r = pc.run("journal", "rebuild", "--staff", "c01", ok=False)  # the forged supervisor cannot mend it either
    assert r.returncode == 2
    pc.run("journal", "rebuild", "--staff", "sup1")
    assert {s["id"]: s["role"] for s in pc.json("staff", "list")}["c01"] == "clerk"
    intake(pc)


def test_row7_a_failing_journal_is_read_only_with_the_reason(pc: Cli) -> None:
    intake(pc)
    _drop_triggers(pc)
    sql(pc, "UPDATE events SET payload = '{}' WHERE type = 'case.opened'")
    verify_fails(pc, "内容与哈希不符")  # under the signed head: only the whole chain shows it
    r = intake(pc, ok=False)
    refused(r)
    assert "journal recover" in r.stderr
    listed = pc.run("cases")  # reading goes on, with a warning
    assert "只读" in listed.stderr


def test_row12_a_foreign_event_at_the_centre_is_red_and_never_skipped(pc: Cli, centre: str) -> None:
    url = register(pc, centre)
    intake(pc)
    pc.run("sync", "push", "--to", url)
    head = pc.json("sync", "status")["highest_seq"]
    with psycopg.connect(url) as conn:  # someone with the device's URL writes at its next sequence
        prev = conn.execute("SELECT hash FROM yibao.events WHERE device_id = 'W07' AND seq = %s", (head,)).fetchone()
        forged = {
            "id": "00000000-0000-4000-8000-000000000001",
            "device_id": "W07",
            "seq": head + 1,
            "case_number": None,
            "staff_id": "c01",
            "type": "note",
            "payload": "{}",
            "utc": "2026-12-01T00:00:00.000000+00:00",
            "local_time": "2026-12-01T08:00:00+08:00",
            "prev_hash": prev[0] if prev else "",
        }
        forged["hash"] = event_hash(forged)
        cols = list(forged)
        conn.execute(
            f"INSERT INTO yibao.events ({', '.join(cols)}) VALUES ({', '.join(['%s'] * len(cols))})",
            tuple(forged[c] for c in cols),
        )
        conn.commit()
    intake(pc)
    r = pc.run("sync", "push", "--to", url, ok=False)
    refused(r, "不一致")
    assert not pc.json("sync", "status")["in_sync"]
    r = pc.run("journal", "recover", "--from", url, "--staff", "sup1", ok=False)
    refused(r, "无法用本机的签名检查点核对")  # the forged event is never taken in


def test_row14_commands_in_someones_name_need_their_password(pc: Cli) -> None:
    number = intake(pc)["case_number"]
    r = pc.run("case", number, "--staff", "c01", "--password-stdin", stdin="wrong-password\n", ok=False)
    assert r.returncode == 2 and "密码错误" in r.stderr
    assert "case_number" not in r.stdout
    r = pc.run("journal", "backup", "--to", str(pc.home / "b"), "--staff", "c01", ok=False)
    assert r.returncode == 2 and "无权" in r.stderr
    r = pc.run("setup", "--device", "W07", "--region", "yuanjiang", "--window", "别处", ok=False)
    assert r.returncode == 2 and "主管" in r.stderr
    for _ in range(5):
        pc.run("case", number, "--staff", "sup1", "--password-stdin", stdin="wrong\n", ok=False)
    r = pc.run("intake", "--service", SERVICE, "--input", str(pc.home / "in.json"), "--staff", "sup1", ok=False)
    assert r.returncode == 2 and "锁定" in r.stderr  # locked on the CLI too, with the right password


def test_a_journal_moved_without_its_device_key_is_signed_again_by_a_supervisor(pc: Cli) -> None:
    intake(pc)
    (key,) = (pc.home / "keys").glob("device-W07.*")
    key.unlink()  # a new user profile: the journal came along, the key did not
    verify_fails(pc, "设备密钥")
    refused(intake(pc, ok=False))
    pc.run("journal", "rebuild", "--staff", "sup1")  # the chain holds and its head is the signed one: re-signed
    pc.run("journal", "verify")
    intake(pc)
