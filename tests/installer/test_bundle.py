"""The Linux bundle builds, and the frozen program passes its own self-check offscreen (slow: ~2 minutes)."""

from __future__ import annotations

import json
import os
import subprocess
import tarfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_build_bundle_and_run_frozen_selfcheck(tmp_path: Path) -> None:
    r = subprocess.run(
        ["bash", str(ROOT / "installer" / "build.sh"), str(tmp_path / "dist")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1200,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    tarball = Path(r.stdout.strip().splitlines()[-1])
    assert tarball.exists() and tarball.name.startswith("yibao-desk-")
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path / "unpacked", filter="data")
    top = next((tmp_path / "unpacked").iterdir())
    assert (top / "yibao-desk.desktop").exists() and (top / "install.sh").exists()
    program = top / "yibao-desk" / "yibao-desk"
    assert (top / "yibao-desk" / "yibao-desk-gui").exists()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "YIBAO_DESK_HOME": str(tmp_path / "home")}
    env.pop("YIBAO_DESK_DB", None)
    version = subprocess.run([str(program), "--version"], capture_output=True, text=True, env=env, timeout=120)
    expected = next(
        line.split('"')[1] for line in (ROOT / "pyproject.toml").read_text().splitlines() if line.startswith("version")
    )
    assert version.stdout.strip() == f"yibao-desk {expected}"
    t = time.perf_counter()
    check = subprocess.run([str(program), "selfcheck", "--json"], capture_output=True, text=True, env=env, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    report = json.loads(check.stdout)
    assert report["ok"] and [s["step"] for s in report["steps"]] == [
        "加载地区配置",
        "生成全部表格",
        "办件日志",
        "打印字体",
        "打印机",
    ]
    assert time.perf_counter() - t < 300
