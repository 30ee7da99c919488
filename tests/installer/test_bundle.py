"""The frozen bundle as a counter PC gets it (issue 14): built by installer/build.sh, unpacked, installed with
install.sh into a prefix, then used from there — the selfcheck headless, the same CLI walk as the source tree and
the wheel, and the windowed program on an X display (Xvfb) up to its first-run dialog, with a screenshot and no
error in its log. Before, the frozen GUI showed only an error box (the catalog cache read catalog.py, which a
bundle does not contain) and the frozen `regions`, `services`, `forms` and `setup` exited with a traceback.

One build serves every test of the module (slow: about two minutes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.installer.walk import walk
from yibao_desk import version
from yibao_desk.selfcheck import STEPS

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle built, unpacked and installed into a prefix: the prefix."""
    work = tmp_path_factory.mktemp("bundle")
    r = subprocess.run(
        ["bash", str(ROOT / "installer" / "build.sh"), str(work / "dist")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1800,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    tarball = Path(r.stdout.strip().splitlines()[-1])
    assert tarball.name == f"yibao-desk-{version()}-linux-{os.uname().machine}.tar.gz"
    with tarfile.open(tarball) as tar:
        tar.extractall(work / "unpacked", filter="data")
    (top,) = (work / "unpacked").iterdir()
    prefix = work / "prefix"
    r = subprocess.run(
        ["bash", str(top / "install.sh"), "--prefix", str(prefix)], capture_output=True, text=True, timeout=300
    )
    assert r.returncode == 0, r.stderr
    return prefix


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.pop("YIBAO_DESK_DB", None)
    env["YIBAO_DESK_HOME"] = str(home)
    return env


def test_install_sh_puts_the_program_the_command_and_the_menu_entry_under_the_prefix(installed: Path) -> None:
    program = installed / "opt" / "yibao-desk"
    assert (program / "yibao-desk").is_file() and (program / "yibao-desk-gui").is_file()
    assert (installed / "bin" / "yibao-desk").resolve() == (program / "yibao-desk").resolve()
    entry = (installed / "share" / "applications" / "yibao-desk.desktop").read_text(encoding="utf-8")
    assert f"Exec={program}/yibao-desk-gui" in entry and "/opt/yibao-desk/" not in entry.replace(str(program), "")
    icon = next(line.split("=", 1)[1] for line in entry.splitlines() if line.startswith("Icon="))
    assert Path(icon).is_file()


def test_the_frozen_selfcheck_passes_headless(installed: Path, tmp_path: Path) -> None:
    command = installed / "bin" / "yibao-desk"
    r = subprocess.run([str(command), "--version"], capture_output=True, text=True, env=_env(tmp_path), timeout=120)
    assert r.stdout.strip() == f"yibao-desk {version()}"
    r = subprocess.run(
        [str(command), "selfcheck", "--json"], capture_output=True, text=True, env=_env(tmp_path), timeout=300
    )
    assert r.returncode == 0, r.stdout + r.stderr
    report = json.loads(r.stdout)
    assert report["ok"] and [s["step"] for s in report["steps"]] == [name for name, _fn in STEPS]
    assert "_internal" in report["steps"][0]["detail"]  # the bundle's own data, not this source tree's
    assert report["steps"][-1]["detail"] == "Qt 中文翻译已找到（标准按钮：确定 / 取消）"  # collected into the bundle


def test_the_frozen_program_passes_the_cli_walk(installed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    made = walk([str(installed / "bin" / "yibao-desk")], tmp_path / "walk", elsewhere)
    assert len(made) == 5


def test_a_bundle_without_its_data_fails_selfcheck(installed: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    subprocess.run(["cp", "-a", str(installed / "opt" / "yibao-desk"), str(broken)], check=True)
    (broken / "_internal" / "printing" / "documents.yaml").unlink()
    r = subprocess.run(
        [str(broken / "yibao-desk"), "selfcheck", "--json"], capture_output=True, text=True, env=_env(tmp_path)
    )
    assert r.returncode == 11, r.stdout + r.stderr
    assert json.loads(r.stdout)["failed_step"] == "数据文件"
    r = subprocess.run([str(broken / "yibao-desk"), "regions"], capture_output=True, text=True, env=_env(tmp_path))
    assert r.returncode == 3 and "printing/documents.yaml" in r.stderr and "Traceback" not in r.stderr


@pytest.fixture
def display() -> Iterator[str]:
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert xvfb.stdout is not None
    number = xvfb.stdout.readline().strip()
    assert number.isdigit(), "Xvfb did not start"
    try:
        yield f":{number}"
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)


GRAB = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
image = app.primaryScreen().grabWindow(0).toImage()
image.save(sys.argv[1])
colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
print(len(colours))
"""


def test_the_frozen_program_opens_its_first_run_dialog(installed: Path, tmp_path: Path, display: str) -> None:
    env = {**_env(tmp_path / "home"), "DISPLAY": display}
    log = tmp_path / "home" / "logs" / "yibao-desk.log"
    gui = subprocess.Popen(
        [str(installed / "opt" / "yibao-desk" / "yibao-desk-gui")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and gui.poll() is None:
            if log.exists() and "显示首次设置窗口" in log.read_text(encoding="utf-8"):
                break
            time.sleep(0.5)
        assert gui.poll() is None, f"the program ended (exit {gui.returncode})"
        text = log.read_text(encoding="utf-8") if log.exists() else ""
        assert "显示首次设置窗口" in text, text
        time.sleep(2)  # painted
        shot = ROOT / "out" / "frozen-first-run.png"
        shot.parent.mkdir(exist_ok=True)
        grab = subprocess.run(
            [sys.executable, "-c", GRAB, str(shot)],
            capture_output=True,
            text=True,
            env={**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"},
            timeout=60,
        )
        assert grab.returncode == 0, grab.stderr
        assert int(grab.stdout.strip()) > 20, "the screen is blank"
        text = log.read_text(encoding="utf-8")
        assert " ERROR " not in text and "Traceback" not in text, text
    finally:
        gui.terminate()
        try:
            _out, err = gui.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            gui.kill()
            _out, err = gui.communicate()
    assert "Traceback" not in err, err
