"""yibao-desk: the medical-insurance intake window desktop program."""

from __future__ import annotations

import functools


@functools.cache
def version() -> str:
    """The installed version; in a frozen bundle, the pyproject.toml shipped beside the data."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as _version

    try:
        return _version("yibao-desk")
    except PackageNotFoundError:
        import re

        from yibao_desk.domain.paths import project_root

        try:
            text = (project_root() / "pyproject.toml").read_text(encoding="utf-8")
        except OSError:
            return "0.0.0+unknown"
        found = re.search(r'^version\s*=\s*"([^"]+)"', text, re.MULTILINE)
        return found.group(1) if found else "0.0.0+unknown"
