"""The frozen bundle against the source tree (issue 14): download and disk size, and start-up, each as a ratio of the
same measurement of the source tree in the same run.

- Sizes: the tarball `installer/build.sh` makes and the unpacked program folder.
- The windowed program, offscreen, from the process start to the login window ready to take a login (the log line
  「显示登录窗口」: journal opened, catalog and calendar loaded), on a PC set up before (one journal per layout),
  frozen `yibao-desk-gui` against `python -m yibao_desk` from the source tree, interleaved run by run.
- Two CLI paths as whole processes: `--version` (argument parsing only) and `regions --json` (the catalog through
  its cache), the same interleaving.

Goal: a bundle that fits one download (tarball < 200 MB) and starts as fast as from source (ratio ≤ 1.2).
Run: `.venv/bin/python bench/bench_frozen.py [UNPACKED_PROGRAM_FOLDER]` (without one it builds the bundle first);
BENCH_RUNS sets the runs per variant (default 9).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("BENCH_RUNS", "9"))
GOAL_RATIO, GOAL_TARBALL_MB = 1.2, 200


def _folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def build(work: Path) -> tuple[Path, float]:
    r = subprocess.run(
        ["bash", str(ROOT / "installer" / "build.sh"), str(work / "dist")], capture_output=True, text=True, check=True
    )
    tarball = Path(r.stdout.strip().splitlines()[-1])
    with tarfile.open(tarball) as tar:
        tar.extractall(work / "unpacked", filter="data")
    (top,) = (work / "unpacked").iterdir()
    return top / "yibao-desk", tarball.stat().st_size / 1e6


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "YIBAO_DESK_DB")}
    env.update({"YIBAO_DESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"})
    return env


def set_up(cli: list[str], home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    env = _env(home)
    subprocess.run(
        [*cli, "setup", "--device", "B01", "--region", "yuanjiang", "--window", "一号窗口"],
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [*cli, "staff", "add", "--id", "sup1", "--name", "张主管", "--role", "supervisor", "--password-stdin"],
        input=b"secret-sup1\n",
        env=env,
        check=True,
        capture_output=True,
    )


def to_login(gui: list[str], home: Path) -> float:
    """Seconds from the process start to the log line of the login window ready; the program is then ended."""
    log = home / "logs" / "yibao-desk.log"
    before = log.read_text(encoding="utf-8").count("显示登录窗口") if log.exists() else 0
    t = time.perf_counter()
    proc = subprocess.Popen(gui, env=_env(home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if log.exists() and log.read_text(encoding="utf-8").count("显示登录窗口") > before:
                return time.perf_counter() - t
            if proc.poll() is not None:
                raise RuntimeError(f"{gui[0]} ended (exit {proc.returncode}) before its login window")
            if time.perf_counter() - t > 120:
                raise RuntimeError(f"{gui[0]}: no login window after 120 s")
            time.sleep(0.005)
    finally:
        proc.kill()
        proc.wait()


def whole(cmd: list[str], home: Path) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=_env(home), check=True, capture_output=True)
    return time.perf_counter() - t


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="yibao-bench-frozen-") as tmp:
        work = Path(tmp)
        if len(sys.argv) > 1:
            program, tarball_mb = Path(sys.argv[1]).resolve(), float("nan")
        else:
            program, tarball_mb = build(work)
        layouts = {
            "frozen": ([str(program / "yibao-desk")], [str(program / "yibao-desk-gui")]),
            "source": ([sys.executable, "-m", "yibao_desk"], [sys.executable, "-m", "yibao_desk"]),
        }
        homes = {name: work / f"home-{name}" for name in layouts}
        for name, (cli, _gui) in layouts.items():
            set_up(cli, homes[name])
            whole([*cli, "regions", "--json"], homes[name])  # the catalog cache written: every run reads it
        samples: dict[str, list[float]] = {}
        for i in range(RUNS + 1):  # the first round warms the page cache and is not counted
            order = list(layouts) if i % 2 == 0 else list(reversed(layouts))
            for name in order:
                cli, gui = layouts[name]
                figures = {
                    "gui_to_login": to_login(gui, homes[name]),
                    "cli_version": whole([*cli, "--version"], homes[name]),
                    "cli_regions": whole([*cli, "regions", "--json"], homes[name]),
                }
                if i:
                    for what, seconds in figures.items():
                        samples.setdefault(f"{name}:{what}", []).append(seconds)
        med = {k: statistics.median(v) for k, v in samples.items()}
        rows = []
        for what in ("gui_to_login", "cli_version", "cli_regions"):
            f, s = med[f"frozen:{what}"], med[f"source:{what}"]
            rows.append((what, f, s, f / s))
        unpacked_mb = _folder_mb(program)
        print(f"{'measured':<34}{'frozen':>12}{'source':>12}{'ratio':>9}")
        for what, f, s, ratio in rows:
            print(f"{what:<34}{f * 1000:>10.0f}ms{s * 1000:>10.0f}ms{ratio:>8.2f}×")
        print(
            f"bundle: tarball {tarball_mb:.0f} MB, unpacked {unpacked_mb:.0f} MB (goal: tarball < {GOAL_TARBALL_MB} MB)"
        )
        ok = rows[0][3] <= GOAL_RATIO and (tarball_mb != tarball_mb or tarball_mb < GOAL_TARBALL_MB)
        print(
            json.dumps(
                {
                    "runs": RUNS,
                    "median_ms": {k: round(v * 1000, 1) for k, v in med.items()},
                    "ratios": {what: round(ratio, 2) for what, _f, _s, ratio in rows},
                    "tarball_mb": round(tarball_mb, 1),
                    "unpacked_mb": round(unpacked_mb, 1),
                    "goal": f"gui_to_login ratio <= {GOAL_RATIO}; tarball < {GOAL_TARBALL_MB} MB",
                    "ok": ok,
                },
                ensure_ascii=False,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
