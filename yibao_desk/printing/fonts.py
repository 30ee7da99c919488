"""Which font prints Chinese: configured font → a system TrueType CJK font (embedded as a subset) → ReportLab's
built-in STSong-Light (not embedded). Rare characters (生僻字, CJK Extension B) fall back to a font that has them,
or are reported; never a crash and never a silent blank."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

BUILTIN = "STSong-Light"


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap for a font subset, with characters beyond U+FFFF written as UTF-16 (a surrogate
    pair), as the PDF reference requires. ReportLab writes them as five hex digits (<20BB7>), which readers take as
    U+20BB and a stray digit: copying or searching 𠮷 in the PDF gave 「₻」."""

    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be").hex().upper()

    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # looked up by name when a subset is written

# (path, subfont index) in order of preference: Song/Ming faces look like the official tables.
_WINDOWS = [(r"C:\Windows\Fonts\simsun.ttc", 0), (r"C:\Windows\Fonts\simhei.ttf", 0), (r"C:\Windows\Fonts\msyh.ttc", 0)]
_LINUX = [
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/ukai.ttc", 0),
]
_RARE_FALLBACKS = [
    (r"C:\Windows\Fonts\simsunb.ttf", 0),
    (r"C:\Windows\Fonts\mingliub.ttc", 0),
    ("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf", 0),
    ("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf", 0),
]


@dataclass
class FontSet:
    """The registered main font and the fallbacks for characters it lacks.

    Fallback fonts (HanaMin, SimSun-ExtB) are large — about 100 MB in memory once parsed — and most documents
    never need them, so they are loaded the first time a character is missing from the main font.
    """

    name: str
    path: str | None
    embedded: bool
    fallback_files: list[tuple[str, int]] = field(default_factory=list)
    covered: frozenset[int] | None = None  # None: the CID font, assumed to cover GB 2312/GBK
    _fallbacks: list[tuple[str, frozenset[int]]] | None = None

    @property
    def fallbacks(self) -> list[tuple[str, frozenset[int]]]:
        if self._fallbacks is None:
            loaded = []
            for path, index in self.fallback_files:
                got = _register(path, index)
                if got is not None and got[0] != self.name:
                    loaded.append(got)
            self._fallbacks = loaded
        return self._fallbacks

    @fallbacks.setter
    def fallbacks(self, value: list[tuple[str, frozenset[int]]]) -> None:
        self._fallbacks = value

    def describe(self) -> str:
        where = f"（{self.path}，嵌入子集）" if self.path else "（ReportLab 内置，未嵌入 PDF）"
        names = [os.path.splitext(os.path.basename(p))[0] for p, _ in self.fallback_files]
        extra = f"；生僻字后备字体：{'、'.join(names)}" if names else ""
        return f"{self.name}{where}{extra}"

    def has(self, ch: str) -> bool:
        return (self.covered is None and ord(ch) < 0x20000) or (self.covered is not None and ord(ch) in self.covered)


def _register(path: str, index: int) -> tuple[str, frozenset[int]] | None:
    if not os.path.isfile(path):
        return None
    try:
        font = TTFont(f"F{abs(hash((path, index))) % 10**8}", path, subfontIndex=index)
    except (TTFError, OSError, ValueError):
        return None  # e.g. a CFF-based .otf/.ttc, which ReportLab cannot embed
    name = font.face.name.decode("latin-1") if isinstance(font.face.name, bytes) else str(font.face.name)
    font.fontName = name
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(font)
    return name, frozenset(font.face.charToGlyph)


def _fontconfig_candidates() -> list[tuple[str, int]]:
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file", "index"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in out.splitlines():
        path, _, rest = line.partition(":")
        if path.lower().endswith((".ttf", ".ttc")):
            index = int(rest.split("=")[-1]) if "index=" in rest else 0
            found.append((path.strip(), index))
    return found


@lru_cache(maxsize=4)
def resolve_fonts(configured: str | None = None) -> FontSet:
    configured = configured or os.environ.get("YIBAO_DESK_FONT") or None
    candidates: list[tuple[str, int]] = []
    if configured:
        candidates.append((configured, 0))
    candidates += _WINDOWS if sys.platform == "win32" else _LINUX
    if sys.platform != "win32":
        candidates += _fontconfig_candidates()
    main: FontSet | None = None
    for path, index in candidates:
        got = _register(path, index)
        if got is not None:
            main = FontSet(got[0], path, True, covered=got[1])
            break
    if main is None:
        pdfmetrics.registerFont(UnicodeCIDFont(BUILTIN))
        main = FontSet(BUILTIN, None, False)
    main.fallback_files = [(path, index) for path, index in _RARE_FALLBACKS if os.path.isfile(path)]
    return main


@dataclass
class Markup:
    text: str  # ReportLab paragraph markup
    missing: list[str]


def pieces(text: str, fonts: FontSet) -> tuple[list[tuple[str, str]], list[str]]:
    """`text` as (characters, font name) pieces: characters the main font lacks go to a fallback font that has
    them, or are written 〔U+…〕 and reported as missing."""
    out: list[tuple[str, str]] = []
    missing: list[str] = []

    def put(chars: str, font: str) -> None:
        if out and out[-1][1] == font:
            out[-1] = (out[-1][0] + chars, font)
        else:
            out.append((chars, font))

    for ch in text:
        if ord(ch) < 0x80 or ch == "\n" or fonts.has(ch):
            put(ch, fonts.name)
            continue
        for name, covered in fonts.fallbacks:
            if ord(ch) in covered:
                put(ch, name)
                break
        else:
            missing.append(ch)
            put(f"〔U+{ord(ch):04X}〕", fonts.name)
    return out, missing


def markup(text: str, fonts: FontSet) -> Markup:
    """Escape `text` for a Paragraph; characters the main font lacks go to a fallback font or are reported."""
    got, missing = pieces(text, fonts)
    out = [
        escape(chars).replace("\n", "<br/>") if font == fonts.name else f'<font name="{font}">{escape(chars)}</font>'
        for chars, font in got
    ]
    return Markup("".join(out), missing)
