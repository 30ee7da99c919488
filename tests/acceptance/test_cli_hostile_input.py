"""Hostile input through the command line as a subprocess: never a traceback, exit 2 with "错误：…" in Chinese, and
nothing journaled, written or printed from it.

Limits (yibao_desk.commands.common, yibao_desk.journal.applicant, yibao_desk.domain.serialize): JSON input at most
1 MB, nested at most 32 deep, strict UTF-8, no lone surrogates, no NaN/Infinity; dates 2000-01-01 to 2100-12-31;
working days 0 to 3650; names 50 characters, addresses 200, no control characters; copies 0 to 99."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from tests.acceptance.cli import AGENT, APPLICANT, UNIT, Cli

SERVICE = "002036004001"  # 沅江 异地安置退休人员备案: one scenario (entrusted), no copies asked
MATERIALS = ("insurance-credential", "remote-care-form", "resettlement-proof")


@pytest.fixture(scope="module")
def pc(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    cli = Cli(tmp_path_factory.mktemp("hostile") / "pc")
    cli.set_up("W01", "yuanjiang", "医保服务专区一号窗口")
    return cli


def run_bytes(
    pc: Cli, *args: str | bytes, stdin: bytes = b"", env: dict[str, str] | None = None
) -> tuple[int, str, str]:
    """The CLI with raw bytes on stdin (and, where given, raw bytes in argv); (exit code, stdout, stderr)."""
    environment = {**pc.env(), **(env or {})}
    if "--staff" in args:  # a script's password (README「命令行与脚本」)
        environment["YIBAO_DESK_PASSWORD"] = f"secret-{args[args.index('--staff') + 1]!s}"
    r = subprocess.run([*pc.program, *args], input=stdin, capture_output=True, env=environment, timeout=300)
    out, err = r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, f"{args} printed a traceback:\n{err}"
    return r.returncode, out, err


def refused(pc: Cli, *args: str | bytes, stdin: bytes = b"", says: str = "", env: dict[str, str] | None = None) -> str:
    code, out, err = run_bytes(pc, *args, stdin=stdin, env=env)
    assert code == 2, f"{args} exited {code}:\n{err}"
    assert err.startswith("错误：") or "\n错误：" in err, err
    assert says in err, f"expected {says!r} in:\n{err}"
    assert len(err) < 2000, f"the message is too long ({len(err)} characters)"
    assert "\ufffd" not in out + err, "garbage printed"
    return err


def good_input(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "applicant": dict(APPLICANT),
        "answers": {"entrusted": "否"},
        "materials": {m: {"received": True, "original_checked": True, "copies": 0} for m in MATERIALS},
    }
    data.update(changes)
    return data


def _b(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def journaled(pc: Cli) -> tuple[int, int]:
    """(events, cases) in the journal."""
    with closing(sqlite3.connect(f"file:{pc.db}?mode=ro", uri=True)) as db:
        events = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        return events, db.execute("SELECT COUNT(*) FROM cases").fetchone()[0]


def intake(pc: Cli, stdin: bytes, says: str) -> str:
    before = journaled(pc)
    err = refused(pc, "intake", "--service", SERVICE, "--input", "-", "--staff", "c01", stdin=stdin, says=says)
    assert journaled(pc) == before, "a refused intake was journaled"
    return err


DEEP = b"[" * 200_000 + b"]" * 200_000


# 1. JSON input: one reader for every command


def test_a_json_array_nested_200000_deep_is_refused_by_intake(pc: Cli) -> None:
    intake(pc, DEEP, says="层")


def test_nesting_just_past_the_limit_is_refused_and_at_the_limit_is_read(pc: Cli) -> None:
    intake(pc, b'{"applicant": ' + b"[" * 32 + b"]" * 32 + b"}", says="32")
    # 32 deep is JSON the reader accepts: the refusal then comes from the intake's own check
    err = intake(pc, b'{"applicant": ' + b"[" * 31 + b"]" * 31 + b"}", says="申请人信息（applicant）应为对象")
    assert "32" not in err


def test_brackets_inside_strings_do_not_count_as_nesting(pc: Cli) -> None:
    data = good_input()
    data["materials"][MATERIALS[0]]["mistake"] = '[{"' * 60
    code, out, err = run_bytes(
        pc, "check", "--region", "yuanjiang", "--service", SERVICE, "--input", "-", "--json", stdin=_b(data)
    )
    assert code == 0, err
    assert json.loads(out)["verdict"] == "supplement"


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--region", "yuanjiang", "--service", SERVICE, "--input", "-"),
        ("print", "remote-care", "--region", "yuanjiang", "--data", "-", "-o", "{out}"),
    ],
    ids=["check", "print"],
)
def test_every_command_that_reads_json_refuses_deep_nesting(pc: Cli, tmp_path: Path, args: tuple[str, ...]) -> None:
    out = tmp_path / "x.pdf"
    argv = [a.replace("{out}", str(out)) for a in args]
    refused(pc, *argv, stdin=DEEP, says="层")
    refused(pc, *argv, stdin=b'{"a": ' * 100 + b"1" + b"}" * 100, says="层")
    assert not out.exists()


def test_a_deep_file_is_refused_as_stdin_is(pc: Cli, tmp_path: Path) -> None:
    f = tmp_path / "deep.json"
    f.write_bytes(DEEP)
    refused(pc, "check", "--region", "yuanjiang", "--service", SERVICE, "--input", str(f), says="层")


def test_input_over_one_megabyte_is_refused(pc: Cli, tmp_path: Path) -> None:
    big = _b(good_input(padding="x" * 1_100_000))
    intake(pc, big, says="1 MB")
    f = tmp_path / "big.json"
    f.write_bytes(big)
    refused(pc, "check", "--region", "yuanjiang", "--service", SERVICE, "--input", str(f), says="1 MB")


def test_non_utf8_bytes_are_refused(pc: Cli, tmp_path: Path) -> None:
    gbk = json.dumps(good_input(), ensure_ascii=False).encode("gbk")
    intake(pc, gbk, says="UTF-8")
    f = tmp_path / "gbk.json"
    f.write_bytes(gbk)
    refused(pc, "check", "--region", "yuanjiang", "--service", SERVICE, "--input", str(f), says="UTF-8")


def test_a_byte_order_mark_is_allowed(pc: Cli) -> None:
    code, out, err = run_bytes(
        pc, "check", "--region", "yuanjiang", "--service", SERVICE, "--input", "-", "--json",
        stdin=b"\xef\xbb\xbf" + _b(good_input()),
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)["verdict"] == "accept"


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\udcff", "x\\ud83dy"])
def test_lone_surrogates_are_refused_and_not_journaled(pc: Cli, escape: str) -> None:
    text = json.dumps(good_input()).replace("\\u674e", escape, 1)  # 李 of 李建国
    assert escape in text
    intake(pc, text.encode("ascii"), says="代理码位")


def test_a_lone_surrogate_in_a_key_is_refused(pc: Cli) -> None:
    refused(
        pc, "check", "--region", "yuanjiang", "--service", SERVICE, "--input", "-",
        stdin=b'{"answers": {"\\ud800": "x"}}', says="代理码位",
    )  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [b'{"answers": NaN}', b'{"materials": {"x": {"copies": Infinity}}}', b'{"a": 1e400}', b'{"a": -Infinity}'],
)
def test_nan_and_infinity_are_refused(pc: Cli, text: bytes) -> None:
    refused(pc, "check", "--region", "yuanjiang", "--service", SERVICE, "--input", "-", stdin=text, says="数")


def test_an_integer_of_5000_digits_is_refused(pc: Cli) -> None:
    refused(
        pc, "check", "--region", "yuanjiang", "--service", SERVICE, "--input", "-",
        stdin=b'{"materials": {"x": {"copies": ' + b"9" * 5000 + b"}}}", says="JSON",
    )  # fmt: skip


def test_an_input_that_is_not_a_file_is_refused(pc: Cli, tmp_path: Path) -> None:
    refused(pc, "check", "--region", "yuanjiang", "--service", SERVICE, "--input", str(tmp_path), says=str(tmp_path))
    refused(
        pc, "check", "--region", "yuanjiang", "--service", SERVICE, "--input", str(tmp_path / "no.json"), says="不存在"
    )


# 2. due-date


@pytest.mark.parametrize("days", ["100000000", "-1", "3651", "-100000000", str(10**40)])
def test_due_date_refuses_working_days_out_of_range(pc: Cli, days: str) -> None:
    refused(pc, "due-date", "--from", "2024-01-02", "--working-days", days, says="3650")


def test_due_date_at_the_limit_is_computed(pc: Cli) -> None:
    code, out, err = run_bytes(pc, "due-date", "--from", "2100-12-31", "--working-days", "3650")
    assert code == 0, err
    assert out.strip() > "2110-01-01"


@pytest.mark.parametrize("day", ["9999-12-30", "0001-01-01", "1999-12-31", "2101-01-01"])
def test_due_date_refuses_dates_out_of_range(pc: Cli, day: str) -> None:
    refused(pc, "due-date", "--from", day, "--working-days", "5", says="2000-01-01")


def test_check_refuses_an_acceptance_date_out_of_range(pc: Cli) -> None:
    refused(
        pc, "check", "--region", "yuanjiang", "--service", SERVICE, "--input", "-", "--accepted-on", "9999-12-31",
        stdin=_b(good_input()), says="2100-12-31",
    )  # fmt: skip


# 3. ledger


def test_ledger_refuses_dates_out_of_range(pc: Cli, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    refused(pc, "ledger", "--from", "0001-01-01", "--to", "9999-12-31", "-o", str(out), says="2000-01-01")
    refused(pc, "ledger", "--from", "2024-01-01", "--to", "9999-12-31", "-o", str(out), says="2100-12-31")
    assert not out.exists()


def test_ledger_into_a_folder_that_does_not_exist_says_so(pc: Cli, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "folder" / "x.xlsx"
    refused(pc, "ledger", "--from", "2024-01-01", "-o", str(out), says="文件夹不存在")
    assert not (tmp_path / "missing").exists()


def test_ledger_onto_a_folder_or_under_a_file_says_so(pc: Cli, tmp_path: Path) -> None:
    (tmp_path / "d.xlsx").mkdir()
    refused(pc, "ledger", "--from", "2024-01-01", "-o", str(tmp_path / "d.xlsx"), says="无法写入")
    (tmp_path / "f").write_text("")
    refused(pc, "ledger", "--from", "2024-01-01", "-o", str(tmp_path / "f" / "x.xlsx"), says="不是文件夹")


# 4. print --data


def test_print_refuses_non_utf8_data(pc: Cli, tmp_path: Path) -> None:
    out = tmp_path / "p.pdf"
    record = {"name": "李建国", "id_number": APPLICANT["id_number"], "registration_type": "x", "person_category": "x"}
    refused(
        pc, "print", "remote-care", "--region", "yuanjiang", "--data", "-", "-o", str(out),
        stdin=json.dumps(record, ensure_ascii=False).encode("gbk"), says="UTF-8",
    )  # fmt: skip
    refused(
        pc, "print", "remote-care", "--region", "yuanjiang", "--data", "-", "-o", str(out),
        stdin=b'{"name": "\xff\xfe"}', says="UTF-8",
    )  # fmt: skip
    assert not out.exists()


@pytest.mark.parametrize(
    ("option", "value"),
    [("--scale", "inf"), ("--scale", "nan"), ("--scale", "0"), ("--scale", "-1"), ("--dx", "1e308"), ("--dy", "nan")],
)
def test_print_refuses_a_calibration_off_the_sheet(pc: Cli, tmp_path: Path, option: str, value: str) -> None:
    out = tmp_path / "p.pdf"
    refused(pc, "print", "remote-care", "--region", "yuanjiang", "--blank", "--overlay", "-o", str(out), option, value,
            says=f"{option}（套打")  # fmt: skip
    assert not out.exists()


@pytest.mark.parametrize("text", ["李\x1b[31m建国", "李\x00", "李\u202e国建", "李" * 501])
def test_print_refuses_form_text_that_would_print_as_garbage(pc: Cli, tmp_path: Path, text: str) -> None:
    out = tmp_path / "p.pdf"
    refused(pc, "print", "remote-care", "--region", "yuanjiang", "--data", "-", "-o", str(out),
            stdin=_b({"name": text}), says="（name）")  # fmt: skip
    assert not out.exists()


# 5. field limits


def _person(**changes: Any) -> dict[str, Any]:
    return {**APPLICANT, **changes}


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"applicant": _person(name="李" * 51)}, "applicant.name", "申请人姓名（applicant.name）不能超过 50 个字"),
        ({"applicant": _person(address="湖" * 201)}, "applicant.address", "不能超过 200 个字"),
        ({"applicant": _person(name="李\x00建国")}, "applicant.name", "控制字符"),
        ({"applicant": _person(name="李\n建国")}, "applicant.name", "控制字符"),
        ({"applicant": _person(name="李\x7f建国")}, "applicant.name", "控制字符"),
        ({"applicant": _person(name="李\x1b[31m建国")}, "applicant.name", "控制字符"),
        ({"applicant": _person(name="李\u202e国建")}, "applicant.name", "控制字符"),
        ({"applicant": _person(address="沅江\r\n桔城")}, "applicant.address", "申请人地址"),
        ({"applicant": _person(id_type="护照", id_number="E" * 31)}, "applicant.id_number", "证件号码"),
        ({"applicant": _person(phone="1" * 31)}, "applicant.phone", "联系电话"),
        ({"applicant": _person(relation="女" * 21)}, "applicant.relation", "关系"),
        ({"applicant": _person(name="李" * 1_000_000)}, "", "1 MB"),
        ({"answers": {"entrusted": "是"}, "agent": {**AGENT, "name": "红" * 51}}, "agent.name", "代办人姓名"),
        ({"unit": {**UNIT, "name": "司" * 51}}, "unit.name", "单位名称"),
        ({"unit": {**UNIT, "address": "路" * 201}}, "unit.address", "单位地址"),
        ({"unit": {**UNIT, "contact": "王\t会计"}}, "unit.contact", "单位联系人"),
    ],
)
def test_applicant_agent_and_unit_fields_are_bounded(pc: Cli, changes: dict[str, Any], field: str, says: str) -> None:
    err = intake(pc, _b(good_input(**changes)), says=says)
    assert field in err


def _material(**state: Any) -> dict[str, Any]:
    return {**{m: {"received": True, "original_checked": True} for m in MATERIALS}, MATERIALS[0]: state}


@pytest.mark.parametrize(
    "state",
    [
        {"received": True, "copies": 10**30},
        {"received": True, "copies": 100},
        {"received": True, "copies": -1},
        {"received": True, "copies": 1.5},
        {"received": True, "copies": True},
        {"received": True, "copies": "2"},
        {"received": True, "mistake": "错" * 201},
        {"received": True, "mistake": "错\x00误"},
    ],
)
def test_material_states_are_bounded(pc: Cli, state: dict[str, Any]) -> None:
    err = intake(pc, _b(good_input(materials=_material(**state))), says=MATERIALS[0])
    assert str(10**30) not in err


@pytest.mark.parametrize(
    "answers",
    [{"entrusted": "否" * 101}, {"entrusted": "否\x00"}, {"e" * 101: "否"}, {f"q{i}": "否" for i in range(101)}],
)
def test_answers_are_bounded(pc: Cli, answers: dict[str, str]) -> None:
    err = intake(pc, _b(good_input(answers=answers)), says="answers")
    assert "否" * 101 not in err


def test_a_material_id_that_is_too_long_is_not_echoed(pc: Cli) -> None:
    err = intake(pc, _b(good_input(materials={"m" * 5000: {"received": True}})), says="材料")
    assert "m" * 200 not in err


def test_names_at_the_limits_are_accepted(pc: Cli) -> None:
    data = good_input(applicant=_person(name="李" * 50, address="湖" * 200))
    r = pc.json("intake", "--service", SERVICE, "--input", "-", "--staff", "c01", stdin=json.dumps(data))
    assert r["verdict"] == "accept"
    with closing(sqlite3.connect(f"file:{pc.db}?mode=ro", uri=True)) as db:
        (name,) = db.execute("SELECT applicant_name FROM cases WHERE case_number = ?", (r["case_number"],)).fetchone()
    assert name == "李" * 50


# 6. what is printed: argv that is not text, a terminal that cannot show the output


def test_argv_that_is_not_utf8_is_refused_without_echoing_it(pc: Cli) -> None:
    err = refused(pc, "services", "--region", "yuanjiang", "--search", b"a\xff\xfe", says="UTF-8")
    assert "第 5 个参数" in err
    refused(pc, "staff", "add", "--id", b"x\xff", "--name", "n", "--role", "clerk", "--by", "sup1", says="UTF-8")


def test_a_terminal_that_cannot_show_chinese_gets_a_message(pc: Cli) -> None:
    code, _out, err = run_bytes(pc, "regions", env={"PYTHONIOENCODING": "ascii"})
    assert code == 2, err
    assert "\\u9519\\u8bef" in err or "错误" in err, err  # 错误, escaped by the ascii terminal


def test_a_lone_surrogate_in_argv_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    from yibao_desk.cli import main

    assert main(["services", "--region", "yuanjiang", "--search", "a\ud800"]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("错误：") and "UTF-8" in captured.err
    assert captured.out == ""
