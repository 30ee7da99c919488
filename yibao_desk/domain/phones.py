"""A region's phone book: 咨询电话 and 监督电话 kept apart (they are different lines, DOMAIN-NOTES), with the county
directory under the kind its guide gives it."""

from __future__ import annotations

from dataclasses import dataclass

from yibao_desk.domain.catalog import Region

KIND_ZH = {"consultation": "咨询电话", "supervision": "监督电话"}


@dataclass(frozen=True)
class PhoneLine:
    kind: str  # consultation | supervision
    name: str  # whose line: the agency, or a county of the directory
    phone: str

    @property
    def kind_zh(self) -> str:
        return KIND_ZH[self.kind]

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "kind_zh": self.kind_zh, "name": self.name, "phone": self.phone}


def phone_book(region: Region) -> list[PhoneLine]:
    ph = region.profile.phones
    agency = region.profile.agency or region.name
    return [
        *(PhoneLine("consultation", agency, p) for p in ph.consultation),
        *(PhoneLine("supervision", agency, p) for p in ph.supervision),
        *(PhoneLine(ph.directory_kind, d.name, d.phone) for d in ph.directory),
    ]
