"""Where the program's data folders live — resources/, printing/, db/, ui/ — found the same way in every layout:

- a frozen bundle (PyInstaller): beside the code in the bundle (`sys._MEIPASS`);
- a wheel or any non-editable install: inside the package, `yibao_desk/_data/` (setup.py's build step copies the
  folders there);
- a source tree or an editable install: the repository root above the package.

A layout without them is a broken installation, named as such (`DataMissing`), never a silent fallback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_FOLDERS = ("resources", "printing", "db", "ui")
# The files every start needs; a missing one is named at start (`require_data`), not where it is first read.
REQUIRED = (
    "resources/forms.yaml",
    "resources/regions",
    "resources/holidays",
    "resources/settings.yaml",
    "resources/scenarios.yaml",
    "resources/handover.yaml",
    "resources/national-list.yaml",
    "printing/documents.yaml",
    "printing/forms",
    "db/local/env.py",
    "db/local/versions",
    "db/central/env.py",
    "ui/style.qss",
)


class DataMissing(Exception):
    """The installation lacks a data file the program needs; the message says which and what to do."""


def _candidates() -> list[Path]:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return [Path(frozen)]
    package = Path(__file__).resolve().parents[1]
    return [package / "_data", package.parent]


def project_root() -> Path:
    """The folder holding resources/, printing/, db/ and ui/ in this layout."""
    for root in _candidates():
        if (root / "resources").is_dir() and (root / "db").is_dir():
            return root
    return _candidates()[0]  # `require_data` names what is missing there


def require_data() -> Path:
    """The data root, after checking that every file the program reads at work is there."""
    root = project_root()
    missing = [name for name in REQUIRED if not (root / name).exists()]
    if missing:
        shown = "、".join(missing[:5]) + (f" 等 {len(missing)} 项" if len(missing) > 5 else "")
        raise DataMissing(
            f"程序的数据文件不完整：{root} 下缺少 {shown}。这个安装已损坏或不完整，请重新安装 yibao-desk"
            "（从源代码运行时请在仓库目录中使用 scripts/run.sh）"
        )
    return root


def resources_dir() -> Path:
    override = os.environ.get("YIBAO_DESK_RESOURCES")
    return Path(override) if override else project_root() / "resources"


def cache_dir() -> Path:
    """Rebuildable caches (the validated catalog). YIBAO_DESK_HOME moves it with the rest of the user data."""
    home = os.environ.get("YIBAO_DESK_HOME")
    if home:
        return Path(home) / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("yibao-desk", appauthor=False))
