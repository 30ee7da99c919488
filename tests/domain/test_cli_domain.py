from __future__ import annotations

import json
import subprocess
import sys

import pytest

from yibao_desk.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_regions_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "regions", "--json")
    assert code == 0
    assert {r["id"] for r in json.loads(out)} == {"yuanjiang", "daye", "puyang", "shangluo", "yiyang-kuayu"}


def test_services_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "services", "--region", "yuanjiang", "--search", "zq", "--json")
    rows = json.loads(out)
    assert code == 0 and rows[0]["code"] == "002036002003"
    assert set(rows[0]) >= {"code", "name", "group", "time_limit", "forms"}
    assert set(rows[0]["time_limit"]) >= {"kind", "working_days"}


def test_materials_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "materials", "--region", "yiyang-kuayu", "--service", "432036011W01", "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data) >= {"service", "scenarios", "materials"}
    assert set(data["scenarios"][0]) >= {"id", "question", "options"}
    keys = {
        "id",
        "name",
        "requirement",
        "original",
        "copies",
        "stamp",
        "alternatives",
        "condition",
        "may_gap",
        "common_mistakes",
        "paper",
    }
    assert all(set(m) >= keys for m in data["materials"])


def test_check_from_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({"answers": {"maternity": "否"}, "materials": {}})))
    code, out, _ = run(
        capsys,
        "check",
        "--region",
        "yiyang-kuayu",
        "--service",
        "432036011W01",
        "--input",
        "-",
        "--accepted-on",
        "2026-11-20",
        "--json",
    )
    data = json.loads(out)
    assert code == 0
    assert data["verdict"] == "supplement"
    assert set(data) >= {"verdict", "problems", "gaps", "due_date", "warnings"}
    assert set(data["problems"][0]) >= {"material_id", "material", "reason"}


@pytest.mark.parametrize(
    "payload",
    [
        '{"answers": {"nope": "是"}}',
        '{"materials": {"x": {"received": true}}}',
        "not json",
        "[1, 2]",
        '{"materials": {"patient-id": {"copies": -1}}}',
    ],
)
def test_check_bad_input_exits_2(
    payload: str,
    tmp_path,
    capsys: pytest.CaptureFixture[str],  # type: ignore[no-untyped-def]
) -> None:
    f = tmp_path / "in.json"
    f.write_text(payload, encoding="utf-8")
    code, out, err = run(capsys, "check", "--region", "yiyang-kuayu", "--service", "432036011W01", "--input", str(f))
    assert code == 2 and out == "" and err.startswith("错误：")


def test_unknown_service_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "materials", "--region", "yuanjiang", "--service", "999")
    assert code == 2 and "没有事项编码" in err


def test_validate_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "id", "430981198002290034", "--json")
    assert code == 0 and json.loads(out)["valid"] is True and json.loads(out)["sex"] == "男"
    code, out, _ = run(capsys, "validate", "id", "430981198002290035", "--json")
    assert code == 1 and json.loads(out)["valid"] is False


def test_due_date_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "due-date", "--from", "2026-09-30", "--working-days", "1", "--json")
    assert code == 0 and json.loads(out) == {"due_date": "2026-10-08", "warnings": []}
    code, _, err = run(capsys, "due-date", "--from", "2026-13-01", "--working-days", "1")
    assert code == 2 and "YYYY-MM-DD" in err


def test_console_script_usage_error_is_chinese() -> None:
    r = subprocess.run([sys.executable, "-m", "yibao_desk", "validate"], capture_output=True, text=True)
    assert r.returncode == 2 and "用法错误" in r.stderr


def test_cli_knows_every_validator_without_importing_them() -> None:
    from yibao_desk.commands.catalog_cmds import VALIDATOR_KINDS
    from yibao_desk.domain.validators import VALIDATORS

    assert tuple(sorted(VALIDATORS)) == VALIDATOR_KINDS
