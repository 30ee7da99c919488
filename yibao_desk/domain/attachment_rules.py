"""电子化处理 (seed 000 §八（四）1): which files may be attached to a material — the kind read from the file's first
bytes, the size limit — and which materials are identity documents whose earlier scan may be reused. The limits are
data (resources/attachments.yaml)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from yibao_desk.domain.paths import resources_dir

# the first bytes of each kind of file (TIFF: little- and big-endian)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
    (b"BM", "image/bmp"),
    (b"%PDF-", "application/pdf"),
)
SUFFIX = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/tiff": ".tif",
    "image/bmp": ".bmp",
    "application/pdf": ".pdf",
}
SNIFF_BYTES = 8


class AttachmentRefused(ValueError):
    """A file that may not be attached, with the reason in words for the clerk."""


@dataclass(frozen=True)
class AttachmentRules:
    max_bytes: int
    types: Mapping[str, str]  # mime → what the clerk reads
    identity_keywords: tuple[str, ...]
    other_person_words: tuple[str, ...] = ()
    not_the_applicant: Mapping[str, str] = field(default_factory=dict)  # scenario id → answer

    def applicant_is_named(self, answers: Mapping[str, str]) -> bool:
        """Whether a case's identity materials are the applicant's own card (not a spouse's, not the deceased's)."""
        return not any(answers.get(k) == v for k, v in self.not_the_applicant.items())

    def kind(self, head: bytes) -> str | None:
        """The accepted kind of a file from its first bytes (None: not one we take)."""
        for magic, mime in _MAGIC:
            if head.startswith(magic) and mime in self.types:
                return mime
        return None

    def check(self, name: str, size: int, head: bytes) -> str:
        """The file's kind, or `AttachmentRefused` saying why it cannot be attached."""
        if size == 0:
            raise AttachmentRefused(f"{name} 是空文件（扫描可能尚未完成），未附加")
        if size > self.max_bytes:
            raise AttachmentRefused(
                f"{name} 有 {size / 1048576:.1f} MB，超过附件上限 {self.max_bytes // 1048576} MB；"
                "请降低扫描分辨率或改存为 JPEG 后再附加"
            )
        mime = self.kind(head)
        if mime is None:
            allowed = "、".join(self.types.values())
            raise AttachmentRefused(f"{name} 不是可附加的文件类型（只接受 {allowed}），未附加")
        return mime

    def is_identity(self, material_name: str) -> bool:
        """Whether the material is the applicant's own identity document (whose earlier scan may be reused)."""
        return any(k in material_name for k in self.identity_keywords) and not any(
            w in material_name for w in self.other_person_words
        )


@lru_cache(maxsize=1)
def attachment_rules() -> AttachmentRules:
    data: Any = yaml.safe_load((resources_dir() / "attachments.yaml").read_text(encoding="utf-8"))
    unknown = set(data["types"]) - set(SUFFIX)
    if unknown:
        raise ValueError(f"attachments.yaml 列出了程序不认识的文件类型：{'、'.join(sorted(unknown))}")
    return AttachmentRules(
        max_bytes=int(float(data["max_mb"]) * 1048576),
        types=dict(data["types"]),
        identity_keywords=tuple(str(k) for k in data["identity_keywords"]),
        other_person_words=tuple(str(k) for k in data.get("other_person_words", [])),
        not_the_applicant={str(k): str(v) for k, v in (data.get("not_the_applicant") or {}).items()},
    )
