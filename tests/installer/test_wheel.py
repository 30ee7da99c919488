"""A wheel is the whole program (issue 14): built from this tree, installed into a fresh venv, run away from the source
tree, it passes the same CLI walk as the source tree. Before the data folders travelled in the package, `regions`
and `forms` failed, `setup` gave an Alembic traceback and `due-date` silently answered 2026-10-07.

The fresh venv gets the dependencies by a path line to this venv's site-packages (no download, and that folder's
own .pth files — the editable install of this tree — are not processed), and the wheel installed with --no-deps."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.installer.walk import walk

ROOT = Path(__file__).resolve().parents[2]


def _wheel(out: Path) -> Path:
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-3000:]
    (wheel,) = out.glob("yibao_desk-*.whl")
    return wheel


def _venv_with(wheel: Path, folder: Path) -> Path:
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, timeout=300)
    python = folder / "bin" / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "yibao-test-deps.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    return folder


@pytest.mark.slow
def test_a_wheel_in_a_fresh_venv_is_the_whole_program(tmp_path: Path) -> None:
    wheel = _wheel(tmp_path / "wheel")
    names = zipfile.ZipFile(wheel).namelist()
    for data in ("resources/forms.yaml", "printing/documents.yaml", "db/local/env.py", "ui/style.qss"):
        assert f"yibao_desk/_data/{data}" in names, data
    venv = _venv_with(wheel, tmp_path / "venv")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import yibao_desk.domain.paths as p; print(p.project_root())"],
        capture_output=True,
        text=True,
        check=True,
        cwd=elsewhere,
    ).stdout.strip()
    assert where == str(next((venv / "lib").glob("python3*/site-packages")) / "yibao_desk" / "_data")
    made = walk([str(venv / "bin" / "yibao-desk")], tmp_path / "walk", elsewhere)
    assert len(made) == 5


@pytest.mark.slow
def test_a_wheel_without_its_data_says_so_at_start(tmp_path: Path) -> None:
    """A broken installation (a data folder removed) is named at start with its own exit code, not a traceback."""
    venv = _venv_with(_wheel(tmp_path / "wheel"), tmp_path / "venv")
    data = next((venv / "lib").glob("python3*/site-packages")) / "yibao_desk" / "_data"
    (data / "resources" / "forms.yaml").unlink()
    env = {"YIBAO_DESK_HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin"}
    r = subprocess.run(
        [str(venv / "bin" / "yibao-desk"), "regions"], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert r.returncode == 3, r.stderr
    assert "Traceback" not in r.stderr
    assert "数据文件不完整" in r.stderr and "resources/forms.yaml" in r.stderr and "重新安装" in r.stderr
