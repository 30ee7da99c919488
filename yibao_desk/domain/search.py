"""Service search: one ranking for the picker and the CLI, by name, code, pinyin initials and full pinyin.

`search_services(region, "ydjy")` finds the 异地就医 services (also through their group's name);
`zq` or `zhiqu` finds 个人账户一次性支取. An exact code ranks first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pypinyin import lazy_pinyin

from yibao_desk.domain.catalog import Region, Service


@dataclass(frozen=True)
class _Keys:
    service: Service
    name: str
    group: str
    code: str
    full: str
    initials: str
    group_full: str
    group_initials: str


def _pinyin(text: str) -> tuple[str, str]:
    syllables = [s.lower() for s in lazy_pinyin(text, errors="ignore") if s.isascii() and s.isalnum()]
    return "".join(syllables), "".join(s[0] for s in syllables)


@lru_cache(maxsize=32)
def _index(region: Region) -> tuple[_Keys, ...]:
    keys = []
    for s in region.services:
        full, initials = _pinyin(s.name)
        gfull, ginitials = _pinyin(s.group.name)
        keys.append(_Keys(s, s.name, s.group.name, s.code.lower(), full, initials, gfull, ginitials))
    return tuple(keys)


def prepare(region: Region) -> None:
    """Build the pinyin index now (e.g. in the background at start-up) so the first keystroke is fast."""
    _index(region)


def _score(k: _Keys, q: str) -> int:
    if q == k.code:
        return 1000
    if k.code.startswith(q):
        return 900
    pos = k.name.find(q)
    if pos >= 0:
        return 800 - min(pos, 50)
    if q.isascii():
        if k.initials.startswith(q):
            return 720
        if k.full.startswith(q):
            return 700
        if q in k.initials:
            return 650
        if q in k.full:
            return 600
        if len(q) >= 2 and (q in k.group_initials or q in k.group_full):
            return 400
    elif q in k.group:
        return 450
    return 0


def search_services(region: Region, query: str, limit: int | None = None) -> list[Service]:
    """Services matching the query, best first; an empty query gives all services in the guide's order."""
    q = "".join(query.split()).lower()
    if not q:
        return list(region.services[:limit] if limit else region.services)
    scored = [(score, i, k.service) for i, k in enumerate(_index(region)) if (score := _score(k, q)) > 0]
    scored.sort(key=lambda t: (-t[0], t[1]))
    found = [s for _score_, _i, s in scored]
    return found[:limit] if limit else found
