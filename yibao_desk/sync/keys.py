"""The device key lives with the journal's identity (journal.device_key); bundles use it from here."""

from yibao_desk.journal.device_key import device_key, key_path, load_public, public_hex

__all__ = ["device_key", "key_path", "load_public", "public_hex"]
