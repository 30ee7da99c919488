"""The device's Ed25519 key: it signs the journal's checkpoints and the offline bundles. Made once, kept in the user
data folder (0600)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from yibao_desk.settings_paths import data_dir


def key_path(device: str) -> Path:
    return data_dir() / "keys" / f"device-{device}.ed25519.pem"


_loaded: dict[Path, tuple[tuple[int, int, int], Ed25519PrivateKey, str]] = {}  # by file: (identity, key, public)
_lock = threading.Lock()


def _cached(path: Path) -> tuple[Ed25519PrivateKey, str] | None:
    """The key read from `path` before, while the file is the same one (a replaced or deleted key is read again)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    ident = (st.st_ino, st.st_mtime_ns, st.st_size)
    with _lock:
        found = _loaded.get(path)
    if found is not None and found[0] == ident:
        return found[1], found[2]
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    assert isinstance(key, Ed25519PrivateKey)
    public = public_hex(key)
    with _lock:
        _loaded[path] = (ident, key, public)
    return key, public


def public_key_hex(device: str) -> str:
    """The public half of the device key, hex (the key is made when missing)."""
    found = _cached(key_path(device))
    return found[1] if found else public_hex(device_key(device))


def device_key(device: str) -> Ed25519PrivateKey:
    path = key_path(device)
    found = _cached(path)
    if found is not None:
        return found[0]
    key = Ed25519PrivateKey.generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    return key


def public_hex(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def load_public(hex_key: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(hex_key))
