"""A 二代居民身份证 as a reader gives it (issue 18 §1): the fields printed on the card, its validity dates, the photo;
and the one check the guides' most common mistake asks for (seed 000 「身份证过期等原因导致无效」): is the card valid
today? Pure Python: the readers (devices/) fill it, the intake page and the journal ask it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from yibao_desk.domain.checklist import Problem
from yibao_desk.domain.validators import validate_id_number

LONG_TERM = "长期"


@dataclass(frozen=True)
class IdCard:
    name: str
    sex: str
    nation: str
    birth: dt.date | None
    address: str
    id_number: str
    authority: str
    valid_from: dt.date | None
    valid_to: dt.date | None  # None with `long_term`: 长期
    long_term: bool = False
    photo: bytes | None = None  # the BMP the reader decoded, where it gives one

    def validity_text(self) -> str:
        start = f"{self.valid_from:%Y.%m.%d}" if self.valid_from else "？"
        end = LONG_TERM if self.long_term else (f"{self.valid_to:%Y.%m.%d}" if self.valid_to else "？")
        return f"{start}-{end}"

    def as_applicant(self) -> dict[str, str]:
        """What the applicant panel takes (and the journal records) from the card."""
        out = {"name": self.name, "id_type": "居民身份证", "id_number": self.id_number, "address": self.address}
        if self.valid_to is not None or self.long_term:
            out["id_valid_to"] = LONG_TERM if self.long_term else self.valid_to.isoformat()  # type: ignore[union-attr]
        return out


def parse_card_date(text: str) -> dt.date | None:
    """「20150101」, 「2015.01.01」, 「2015-01-01」 (None: not a date — 长期 is said apart)."""
    digits = re.sub(r"\D", "", text or "")
    if len(digits) != 8:
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


def card_from_fields(fields: Sequence[str], photo: bytes | None = None) -> IdCard:
    """A card from the reader's nine text fields in the card's order: 姓名, 性别, 民族, 出生, 住址, 公民身份号码,
    签发机关, 有效期起始, 有效期截止 (长期 for a card without end)."""
    name, sex, nation, birth, address, id_number, authority, start, end = (f.strip() for f in fields[:9])
    long_term = LONG_TERM in end
    return IdCard(
        name=name,
        sex=sex,
        nation=nation,
        birth=parse_card_date(birth),
        address=address,
        id_number=id_number.upper(),
        authority=authority,
        valid_from=parse_card_date(start),
        valid_to=None if long_term else parse_card_date(end),
        long_term=long_term,
        photo=photo or None,
    )


def card_problem(card: IdCard, today: dt.date) -> str | None:
    """Why the card read cannot be taken as the applicant's valid identity document today, or None."""
    checked = validate_id_number(card.id_number, today)
    if not checked.valid:
        return f"读到的公民身份号码 {card.id_number} 无效（{checked.message}）：请重新读卡"
    return expiry_problem(card.valid_to, card.long_term, today)


def expiry_problem(valid_to: dt.date | None, long_term: bool, today: dt.date) -> str | None:
    if long_term or valid_to is None:
        return None
    if valid_to < today:
        return f"身份证已过期（有效期至 {valid_to:%Y-%m-%d}）：请申请人出示有效证件（如临时身份证）"
    return None


def recorded_expiry_problem(id_valid_to: str, today: dt.date) -> str | None:
    """The same for the validity an intake recorded (`id_valid_to`: an ISO date or 长期; empty: typed by hand)."""
    text = (id_valid_to or "").strip()
    if not text or text == LONG_TERM:
        return None
    day = parse_card_date(text)
    if day is None:
        return f"身份证有效期 {text} 不是日期（应为 YYYY-MM-DD 或 长期）"
    return expiry_problem(day, False, today)


def document_problems(
    applicant: Mapping[str, Any] | None, agent: Mapping[str, Any] | None, today: dt.date
) -> list[Problem]:
    """The verdict's problems about the identity documents read from the cards (an expired card: seed 000's
    「身份证过期等原因导致无效」); a number typed by hand carries no validity and gives none."""
    found = []
    for person, label in ((applicant, "申请人身份证"), (agent, "代办人身份证")):
        if not person:
            continue
        problem = recorded_expiry_problem(str(person.get("id_valid_to", "")), today)
        if problem:
            found.append(
                Problem(None, label, problem, "有效期内的居民身份证（或临时身份证）", ("身份证过期等原因导致无效",))
            )
    return found
