"""`yibao-desk selfcheck` as IT staff run it after installing (issue 14): the program's own paths (the catalog through
its cache, a journal through the migrations, every table and document), headless, nothing left in the temporary
folder, and the exit code naming the failing step; what this PC configures (default printer, sync target) is
checked or reported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.acceptance.cli import Cli
from yibao_desk.selfcheck import EXIT_BASE, STEPS

ROOT = Path(__file__).resolve().parents[2]
NAMES = [name for name, _fn in STEPS]


def run(env_extra: dict[str, str], tmp_path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    (tmp_path / "tmp").mkdir(exist_ok=True)
    env.update({"YIBAO_DESK_HOME": str(tmp_path / "home"), "TMPDIR": str(tmp_path / "tmp"), **env_extra})
    env.pop("YIBAO_DESK_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "yibao_desk", "selfcheck", *extra],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


def test_selfcheck_passes_headless_and_leaves_nothing_behind(tmp_path: Path) -> None:
    r = run({}, tmp_path, "--json")  # no DISPLAY, no QT_QPA_PLATFORM: it used to abort with exit 134
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["ok"] and report["failed_step"] is None and report["exit_code"] == 0
    assert [s["step"] for s in report["steps"]] == NAMES
    font = next(s for s in report["steps"] if s["step"] == "打印字体")
    assert font["ok"] and font["detail"]
    documents = next(s for s in report["steps"] if s["step"] == "生成全部表格与文书")
    assert "回执与告知书" in documents["detail"]
    chinese = next(s for s in report["steps"] if s["step"] == "界面中文")
    assert chinese["ok"] and not chinese["warning"] and "确定 / 取消" in chinese["detail"]
    assert list((tmp_path / "tmp").iterdir()) == []
    assert not (tmp_path / "home" / "keys").exists()  # the check's own journal signs with its own key, elsewhere


def test_selfcheck_keeps_the_pdfs_when_asked(tmp_path: Path) -> None:
    r = run({}, tmp_path, "--keep", str(tmp_path / "kept"))
    assert r.returncode == 0, r.stderr
    kept = sorted(p.name for p in (tmp_path / "kept").glob("*.pdf"))
    assert {"receipt-a4.pdf", "receipt-80mm.pdf", "supplement-notice.pdf", "rejection-notice.pdf"} <= set(kept)
    assert "yuanjiang-unit-enroll.pdf" in kept and "自检通过" in r.stdout


def test_selfcheck_names_the_failing_step(tmp_path: Path) -> None:
    broken = tmp_path / "resources"
    broken.mkdir()
    r = run({"YIBAO_DESK_RESOURCES": str(broken)}, tmp_path, "--json")
    assert r.returncode == EXIT_BASE + 2
    report = json.loads(r.stdout)
    assert report["failed_step"] == "加载地区配置" and not report["ok"] and report["exit_code"] == EXIT_BASE + 2


def test_a_configured_printer_this_pc_lacks_fails_and_a_sync_target_out_of_reach_is_reported(tmp_path: Path) -> None:
    pc = Cli(tmp_path / "home")
    pc.set_up("W01", "yuanjiang", "一号窗口")
    pc.run("settings", "set", "sync_url", "postgresql://w01@127.0.0.1:9/centre", "--staff", "sup1")
    env = {"YIBAO_DESK_DB": str(pc.db)}
    r = run(env, tmp_path, "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    sync = next(s for s in json.loads(r.stdout)["steps"] if s["step"] == "同步目标")
    assert sync["step"] == "同步目标" and sync["ok"] and sync["warning"]
    assert "127.0.0.1:9" in sync["detail"] and "暂时无法连接" in sync["detail"]

    pc.run("settings", "set", "default_printer", "三楼的打印机", "--staff", "sup1")
    r = run(env, tmp_path)
    assert r.returncode == EXIT_BASE + NAMES.index("打印机") + 1
    assert "三楼的打印机" in r.stdout and "不存在" in r.stdout and "Traceback" not in r.stdout


def test_selfcheck_reports_the_configured_card_reader(tmp_path: Path) -> None:
    """Issue 18: the reader 设置 names is loaded and its port found (no card read); one that cannot be loaded
    fails the step with the reason."""
    from tests.devices.fake_sdk import build

    sdk = build(tmp_path)
    if sdk is None:
        import pytest

        pytest.skip("这台机器没有 C 编译器（cc），无法生成模拟读卡器动态库")
    pc = Cli(tmp_path / "home")
    pc.set_up("W01", "yuanjiang", "一号窗口")
    env = {"YIBAO_DESK_DB": str(pc.db), "FAKE_TERMB_PORT": "1005"}
    reader = next(s for s in json.loads(run(env, tmp_path, "--json").stdout)["steps"] if s["step"] == "读卡器")
    assert reader["ok"] and reader["warning"] and "未配置身份证阅读器" in reader["detail"]
    pc.run("settings", "set", "id_reader", "sdk", "--staff", "sup1")
    pc.run("settings", "set", "id_reader_library", str(sdk), "--staff", "sup1")
    reader = next(s for s in json.loads(run(env, tmp_path, "--json").stdout)["steps"] if s["step"] == "读卡器")
    assert reader["ok"] and not reader["warning"]
    assert reader["detail"] == "身份证阅读器（厂商动态库 libtermb.so，端口 1005）：可用（按 F8 读卡）"
    pc.run("settings", "set", "id_reader_library", str(tmp_path / "没有.so"), "--staff", "sup1")
    r = run(env, tmp_path)
    assert r.returncode == EXIT_BASE + NAMES.index("读卡器") + 1
    assert "未找到读卡器动态库" in r.stdout and "Traceback" not in r.stdout


def test_selfcheck_reports_the_configured_receipt_printer(tmp_path: Path) -> None:
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    pc = Cli(tmp_path / "home")
    pc.set_up("W01", "yuanjiang", "一号窗口")
    env = {"YIBAO_DESK_DB": str(pc.db), "QT_QPA_PLATFORM": "offscreen"}
    pc.run("settings", "set", "receipt_printer", "network", "--staff", "sup1")
    pc.run("settings", "set", "receipt_printer_address", f"127.0.0.1:{port}", "--staff", "sup1")
    step = next(s for s in json.loads(run(env, tmp_path, "--json").stdout)["steps"] if s["step"] == "打印机")
    server.close()
    assert f"小票打印机（网络（9100 端口） 127.0.0.1:{port}）可连接" in step["detail"]
    pc.run("settings", "set", "receipt_printer_address", "没有端口:x", "--staff", "sup1")
    r = run(env, tmp_path)
    assert r.returncode == EXIT_BASE + NAMES.index("打印机") + 1 and "格式不对" in r.stdout
