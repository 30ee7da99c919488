"""What a clerk types into the case search, read as the journal searches it: a case number (or part of one), a full
ID number (a 15-digit old number is read as its 18-digit form, as intake stores it), a name, the last four digits of
the ID number with or without the name, or a masked number as the receipt prints it (430981********0034) — which
cannot be searched whole: it is searched by its last four digits, and the clerk is told so."""

from __future__ import annotations

import re
from dataclasses import dataclass

from yibao_desk.domain.validators import validate_id_number

_MASKED = re.compile(r"^(\d{0,6})\*{4,}(\d{3}[\dX])$")
_NAME_LAST4 = re.compile(r"^(.*?\D)\s*(\d{3}[\dX])$")


@dataclass(frozen=True)
class CaseSearch:
    text: str = ""  # matched against case number, ID number and name (contains)
    id_number: str = ""  # a whole ID number (18 digits)
    last4: str = ""  # the ID number ends with these
    name: str = ""  # with last4: the name contains this
    note: str = ""  # what the clerk is told about how the term was read


def read_search(term: str) -> CaseSearch:
    raw = term.strip().upper()
    compact = re.sub(r"\s+", "", raw)
    if not compact:
        return CaseSearch()
    m = _MASKED.match(compact)
    if m:
        return CaseSearch(
            last4=m.group(2),
            note=f"打码的证件号码无法整号查找：已按后四位 {m.group(2)} 查找；请输入完整证件号码，或“姓名 后四位”",
        )
    if re.fullmatch(r"\d{15}", compact) or re.fullmatch(r"\d{17}[\dX]", compact):
        v = validate_id_number(compact)
        if v.valid and v.normalized:
            note = f"15 位旧证件号码按 18 位 {v.normalized} 查找" if len(compact) == 15 else ""
            return CaseSearch(id_number=v.normalized, note=note)
    m = _NAME_LAST4.match(raw)
    if m and re.search(r"[\u3400-\u9fff]", m.group(1)):  # a name (Chinese) before the four digits
        return CaseSearch(name=m.group(1).strip(), last4=m.group(2))
    return CaseSearch(text=compact)
