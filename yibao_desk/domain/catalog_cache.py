"""A cache of the validated catalog, so that a program start does not parse and validate YAML again.

Keyed by a signature of the program version and every data file (path, size, modification time), plus the code
that validates them where it is present as source; any change makes a new key. The file is written atomically;
a damaged or foreign cache is ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

_CODE_FILES = ("catalog.py", "catalog_schema.py", "conditions.py")


def signature(root: Path) -> str:
    """What every layout has — the program version and the data files — and, where the validating code is there
    as source (a source tree or an editable install), that code too, so that an edit without a new version is
    seen. A frozen bundle or a wheel carries its code in the version."""
    from yibao_desk import version

    h = hashlib.sha256(f"version:{version()}\n".encode())
    here = Path(__file__).parent
    for name in _CODE_FILES:
        try:
            st = (here / name).stat()
        except OSError:  # compiled into a bundle: the version stands for it
            continue
        h.update(f"{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    for path in sorted(root.rglob("*.yaml")):
        st = path.stat()
        h.update(f"{path.relative_to(root)}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    h.update(str(root.resolve()).encode())
    return h.hexdigest()[:32]


def read(cache_dir: Path, key: str) -> Any | None:
    try:
        with (cache_dir / f"catalog-{key}.pickle").open("rb") as f:
            return pickle.load(f)
    except Exception:  # missing, truncated or from another version: rebuild
        return None


def write(cache_dir: Path, key: str, value: Any) -> None:
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for old in cache_dir.glob("catalog-*.pickle"):
            old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache_dir / f"catalog-{key}.pickle")
    except OSError:
        pass  # a read-only or full disk only costs speed
