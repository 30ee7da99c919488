"""Run a probe module as the program runs, in its own process under an offscreen platform with the screens given
(QT_QPA_PLATFORM=offscreen:configfile=…), and read the JSON line it prints last."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def screen(name: str, x: int, width: int, height: int, dpr: float = 1.0) -> dict[str, Any]:
    return {"name": name, "x": x, "y": 0, "width": width, "height": height, "logicalDpi": 96, "logicalBaseDpi": 96,
            "dpr": dpr}  # fmt: skip


def run_probe(
    tmp_path: Path, screens: list[dict[str, Any]], module: str, *args: str, env: dict[str, str] | None = None
) -> dict[str, Any]:
    config = tmp_path / f"screens-{'-'.join(str(s['name']) for s in screens)}-{screens[0]['width']}.json"
    config.write_text(json.dumps({"screens": screens}), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env=os.environ | {"QT_QPA_PLATFORM": f"offscreen:configfile={config}"} | (env or {}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
