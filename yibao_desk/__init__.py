"""yibao-desk: the medical-insurance intake window desktop program."""

from __future__ import annotations


def version() -> str:
    """The installed version (looked up only when asked: importlib.metadata is slow to import)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as _version

    try:
        return _version("yibao-desk")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0.0.0+source"
