"""A printed line of a table — above it, below it, or a text cell: runs of printed text, bold text, values and
boxes that can be ticked, wrapped to its width without breaking a word (docs/form-templates.md, 「行内文字」).

Syntax of a line's text:
  {name}  {name:N}       a value; where it is empty, room to write (N no-break spaces; a date: 「年　月　日」)
  {name|text}            a value; where it is empty, `text` is printed (「年　月　日」 …); `{name|$key}` prints the
                         region's text `key` (number_pattern: 湖南省沅江市(年份)(第XXXX号), from its profile)
  {box:name}             a box ticked when the bool field `name` is true
  {box:name=option}      a box ticked when the choice/multi field `name` is (or holds) `option`
  **…**                  bold (drawn with a stroked outline: Chinese fonts have no bold face)

A line breaks at white space; a stretch of text without white space (「经办日期：」 and its value, a box and its
label) moves to the next line whole, unless it is longer than half a line (prose), which then fills the line and
breaks between characters, never before a closing punctuation mark.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from yibao_desk.printing.fonts import FontSet, pieces

TOKEN = re.compile(r"\*\*|\{box:([a-z][a-z0-9_]*)(?:=([^{}]+))?\}|\{([a-z][a-z0-9_]*)(?::(\d+))?(?:\|([^{}]*))?\}")
DATE_ROOM = "\u00a0" * 6 + "年" + "\u00a0" * 4 + "月" + "\u00a0" * 4 + "日"
LEADING = 1.25  # line height in units of the font size: every text of a table and document (widgets.py too)
BOX = 1.1  # a box's advance, in units of the font size (the square is 0.8)
WHOLE = 0.5  # a word up to half a line moves to the next line whole; a longer one (prose) fills the line first
_SPACE = " \u00a0\u3000\t"
_NO_LINE_START = "，。、；：？！）」』”’》〉】…,.;:?!)"


@dataclass(frozen=True)
class Placeholder:
    name: str
    room: int | None = None
    blank: str | None = None


@dataclass(frozen=True)
class BoxRef:
    name: str
    option: str | None = None


Token = str | Placeholder | BoxRef


def tokens(text: str) -> list[tuple[Token, bool]]:
    """The line's text, placeholders and boxes in order, each with whether it is bold."""
    out: list[tuple[Token, bool]] = []
    bold, pos = False, 0
    for m in TOKEN.finditer(text):
        if m.start() > pos:
            out.append((text[pos : m.start()], bold))
        pos = m.end()
        if m.group(0) == "**":
            bold = not bold
        elif m.group(1):
            out.append((BoxRef(m.group(1), m.group(2)), bold))
        else:
            out.append((Placeholder(m.group(3), int(m.group(4)) if m.group(4) else None, m.group(5)), bold))
    if pos < len(text):
        out.append((text[pos:], bold))
    return out


def plain(text: str) -> str:
    """The line as a blank paper form prints it, as plain text (a box as □)."""
    out = []
    for token, _bold in tokens(text):
        if isinstance(token, str):
            out.append(token)
        elif isinstance(token, BoxRef):
            out.append("□")
        else:
            out.append(token.blank if token.blank is not None else "\u3000" * (token.room or 4))
    return "".join(out)


@dataclass(frozen=True)
class Run:
    """`printed`: the table's own words (not drawn in 套打, whose paper has them); `room`: what stands where a value
    is empty (room to write, a pattern), never broken; `value`: the record's value."""

    text: str = ""
    kind: Literal["printed", "room", "value", "box"] = "printed"
    bold: bool = False
    ticked: bool = False


@dataclass(frozen=True)
class _Item:
    text: str  # one character ("" for a box)
    font: str
    width: float  # at size 1
    run: Run


def draw_box(c: Any, x: float, y: float, size: float, ticked: bool, outline: bool = True) -> None:
    """A box whose bottom-left corner is at (x, y), with a tick drawn as a path (fonts often lack ☑)."""
    box = size * 0.8
    if outline:
        c.setLineWidth(0.6)
        c.rect(x, y, box, box, stroke=1, fill=0)
    if ticked:
        c.setLineWidth(max(0.8, size * 0.1))
        p = c.beginPath()
        p.moveTo(x + box * 0.15, y + box * 0.5)
        p.lineTo(x + box * 0.42, y + box * 0.18)
        p.lineTo(x + box * 0.9, y + box * 0.88)
        c.drawPath(p, stroke=1, fill=0)


class RichLine(Flowable):
    """One line of runs, wrapped to the width it is given ("\\n" in a printed run forces a break). With `fit`
    (width, height), as in a cell, the size shrinks until the lines fit; `overflow` then says they did not."""

    def __init__(
        self,
        runs: Sequence[Run],
        fonts: FontSet,
        size: float,
        align: str = "left",
        overlay: bool = False,
        fit: tuple[float, float] | None = None,
        min_size: float = 5.0,
    ) -> None:
        super().__init__()
        self.fonts, self.size, self.align, self.overlay = fonts, size, align, overlay
        self.missing: list[str] = []
        self.paras = self._items(runs)
        self.overflow = False
        self._rows: list[list[_Item]] = []
        self._for_width = -1.0
        self.fixed_width: float | None = None
        if fit is not None:
            w, h = fit
            self.fixed_width = w
            while self._layout(w) and len(self._rows) * self.size * LEADING > h + 0.01 and self.size > min_size:
                self.size = max(min_size, self.size - 0.5)
                self._for_width = -1.0
            self._layout(w)
            self.overflow = len(self._rows) * self.size * LEADING > h + 0.01

    def _items(self, runs: Sequence[Run]) -> list[list[_Item]]:
        """Characters with their font and unit width, one list per forced line."""
        paras: list[list[_Item]] = [[]]
        widths: dict[tuple[str, str], float] = {}
        for run in runs:
            if run.kind == "box":
                paras[-1].append(_Item("", "", BOX, run))
                continue
            got, missing = pieces(run.text, self.fonts)
            self.missing += missing
            for chunk, font in got:
                for ch in chunk:
                    if ch == "\n":
                        paras.append([])
                        continue
                    key = (ch, font)
                    if key not in widths:
                        widths[key] = stringWidth(ch, font, 1)
                    paras[-1].append(_Item(ch, font, widths[key], run))
        return paras

    def _layout(self, width: float) -> bool:
        if width == self._for_width:
            return True
        limit = width / self.size + 1e-6
        rows: list[list[_Item]] = []
        for para in self.paras:
            row: list[_Item] = []
            used = 0.0
            for word in _words(para):
                body = sum(i.width for i in word if not _is_space(i))
                if used + body <= limit or (not row and body <= limit):
                    row += word
                    used += sum(i.width for i in word)
                    continue
                if body <= limit * WHOLE:
                    rows.append(row)
                    row, used = list(word), sum(i.width for i in word)
                    continue
                for item in word:  # prose: between characters
                    if row and used + item.width > limit and item.text not in _NO_LINE_START:
                        carry = [row.pop()] if row[-1].run.kind == "box" else []
                        rows.append(row)
                        row, used = carry, sum(i.width for i in carry)
                    row.append(item)
                    used += item.width
            rows.append(row)
        self._rows, self._for_width = rows, width
        return True

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        width = self.fixed_width if self.fixed_width is not None else avail_w
        self._layout(width)
        return width, len(self._rows) * self.size * LEADING

    def draw(self) -> None:
        c: Any = self.canv
        s = self.size
        width = self._for_width
        y = len(self._rows) * s * LEADING
        for row in self._rows:
            y -= s * LEADING
            base = y + s * 0.25
            end = len(row)
            while end and _is_space(row[end - 1]):
                end -= 1
            row = row[:end]
            used = sum(i.width for i in row) * s
            x = {"left": 0.0, "center": (width - used) / 2, "right": width - used}.get(self.align, 0.0)
            k = 0
            while k < len(row):
                item = row[k]
                if item.run.kind == "box":
                    draw_box(c, x, base - s * 0.08, s, item.run.ticked, outline=not self.overlay)
                    x += item.width * s
                    k += 1
                    continue
                j = k  # a stretch drawn as one string: same font and run, no white space inside
                while j < len(row) and row[j].run is item.run and row[j].font == item.font and not _is_space(row[j]):
                    j += 1
                if j == k:
                    x += item.width * s
                    k += 1
                    continue
                text = "".join(i.text for i in row[k:j])
                if text.strip() and (item.run.kind == "value" or not self.overlay):
                    c.setFont(item.font, s)
                    if item.run.bold:
                        c.setLineWidth(s * 0.04)
                        c.drawString(x, base, text, mode=2)
                    else:
                        c.drawString(x, base, text)
                x += sum(i.width for i in row[k:j]) * s
                k = j


def _words(para: list[_Item]) -> list[list[_Item]]:
    """Stretches without white space, each with the white space after it (a value's own spaces do not break)."""
    words: list[list[_Item]] = []
    word: list[_Item] = []
    spacing = False
    for item in para:
        is_space = _is_space(item)
        if spacing and not is_space:
            words.append(word)
            word = []
        word.append(item)
        spacing = is_space
    if word:
        words.append(word)
    return words


def _is_space(item: _Item) -> bool:
    """White space of the table's words: where a line may break (not a value's or a room's own spaces)."""
    return item.run.kind == "printed" and item.text != "" and item.text in _SPACE
