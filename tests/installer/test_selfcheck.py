from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(env_extra: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "YIBAO_DESK_HOME": str(tmp_path / "home"), **env_extra}
    return subprocess.run(
        [sys.executable, "-m", "yibao_desk", "selfcheck", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )


def test_selfcheck_passes(tmp_path: Path) -> None:
    r = run({}, tmp_path)
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["ok"] and report["failed_step"] is None
    font = next(s for s in report["steps"] if s["step"] == "打印字体")
    assert font["ok"] and font["detail"]


def test_selfcheck_names_the_failing_step(tmp_path: Path) -> None:
    broken = tmp_path / "resources"
    broken.mkdir()
    r = run({"YIBAO_DESK_RESOURCES": str(broken)}, tmp_path)
    assert r.returncode == 1
    report = json.loads(r.stdout)
    assert report["failed_step"] == "加载地区配置" and not report["ok"]
