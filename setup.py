"""The wheel carries the data folders inside the package (yibao_desk/_data/), where yibao_desk.domain.paths finds
them; a source tree and an editable install read them from the repository root. Everything else is pyproject.toml."""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
DATA_FOLDERS = ("resources", "printing", "db", "ui")  # the same list as yibao_desk.domain.paths.DATA_FOLDERS


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the repository's folders
        target = Path(self.build_lib) / "yibao_desk" / "_data"
        shutil.rmtree(target, ignore_errors=True)  # a file removed from the tree leaves no stale copy behind
        for name in DATA_FOLDERS:
            shutil.copytree(
                ROOT / name,
                target / name,
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
            )


setup(cmdclass={"build_py": BuildPyWithData})
