"""Make printed text fit its box: estimate how wide text prints, choose a font size, and
shorten long text at a word boundary (never inside a word).

Widths are estimated per character in ems, on the generous side of the widest common sans
fonts (DejaVu Sans), so text that fits here fits on paper; the browser tests measure it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

PT_MM = 25.4 / 72
ELLIPSIS = "…"
BOLD_FACTOR = 1.1
NARROW_CHARS = frozenset("iljtfrI.,;:!'|()[]{}/-` \u00a0")
WIDE_CHARS = frozenset("mwMW@%…")
# Scripts written without spaces may wrap between any two characters.
_SPACELESS = r"\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_TOKENS = re.compile(rf"\s+|[{_SPACELESS}]|[^\s{_SPACELESS}]+")


@lru_cache(maxsize=8192)
def char_em(char: str) -> float:
    """The width of one character, in ems of a regular-weight sans font."""
    if char in NARROW_CHARS:
        return 0.4
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf") or "\ufe00" <= char <= "\ufe0f":
        return 0.0  # combining marks, joiners and emoji variation selectors take no room
    if category == "So" or ord(char) >= 0x1F000:
        return 1.35  # emoji and symbols
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.05
    if char in WIDE_CHARS:
        return 1.05
    if char.isupper():
        return 0.8
    return 0.66


def text_em(text: str, *, bold: bool = False) -> float:
    width = sum(map(char_em, text))
    return width * BOLD_FACTOR if bold else width


@dataclass(frozen=True)
class Word:
    """A piece of text the browser will not break inside, and whether a space comes before it."""

    text: str
    spaced: bool


def words_of(text: str) -> list[Word]:
    words: list[Word] = []
    spaced = False
    for match in _TOKENS.finditer(text):
        piece = match.group()
        if piece.isspace():
            spaced = True
            continue
        words.append(Word(piece, spaced and bool(words)))
        spaced = False
    return words


def join_words(words: Sequence[Word]) -> str:
    return "".join((" " if word.spaced else "") + word.text for word in words)


def lines_needed(words: Sequence[Word], line_em: float, *, bold_prefix: Sequence[Word] = ()) -> int:
    """How many lines the browser needs for ``bold_prefix`` then ``words``, wrapping greedily
    at spaces (and breaking a word that is wider than a whole line, as CSS
    ``overflow-wrap: anywhere`` does)."""
    space = char_em(" ")
    lines, used = 1, 0.0
    pieces = [(w, True) for w in bold_prefix] + [(w, False) for w in words]
    for index, (word, bold) in enumerate(pieces):
        width = text_em(word.text, bold=bold)
        gap = space if word.spaced or (index == len(bold_prefix) and index > 0) else 0.0
        if used > 0 and used + gap + width <= line_em:
            used += gap + width
            continue
        if used > 0:
            lines += 1
        if width <= line_em:
            used = width
        else:
            extra = math.ceil(width / line_em) - 1
            lines += extra
            used = width - extra * line_em
    return lines


def shorten_words(words: Sequence[Word], fits: Callable[[list[Word]], bool]) -> list[Word]:
    """The longest run of leading words (plus an ellipsis when some were left out) that ``fits``."""
    if fits(list(words)):
        return list(words)
    for keep in range(len(words) - 1, 0, -1):
        kept = list(words[:keep])
        last = kept[-1]
        trimmed = last.text.rstrip(",;:·-–—")
        if not trimmed:
            continue
        candidate = [*kept[:-1], Word(trimmed + ELLIPSIS, last.spaced)]
        if fits(candidate):
            return candidate
    return []


@dataclass(frozen=True)
class FittedLine:
    text: str
    size_pt: float


def fit_line(text: str, width_mm: float, *, max_pt: float, min_pt: float, bold: bool = False) -> FittedLine:
    """One line of text: the largest size from ``max_pt`` down to ``min_pt`` at which it fits;
    below that, shortened at a word boundary; a first word too wide even at ``min_pt`` is set
    smaller still rather than cut."""
    width_em_at = lambda size: width_mm / (size * PT_MM)  # noqa: E731
    needed = text_em(text, bold=bold)
    if needed <= width_em_at(max_pt):
        return FittedLine(text, max_pt)
    size = math.floor(max_pt * width_em_at(max_pt) / needed * 4) / 4
    if size >= min_pt:
        return FittedLine(text, size)
    words = words_of(text)
    kept = shorten_words(words, lambda ws: text_em(join_words(ws), bold=bold) <= width_em_at(min_pt))
    if kept:
        return FittedLine(join_words(kept), min_pt)
    first = words[0].text + (ELLIPSIS if len(words) > 1 else "") if words else ""
    return FittedLine(first, math.floor(width_mm / (text_em(first, bold=bold) * PT_MM) * 4) / 4)


def fit_items(label: str, items: Sequence[str], line_em: float, max_lines: int) -> str:
    """A list such as interests, as "a, b, c" after a bold ``label``, in at most ``max_lines``:
    whole items, in order, skipping any that does not fit; when some are left out the list
    ends with an ellipsis. When no whole item fits, the first is shortened at a word boundary.
    Empty when nothing fits."""
    label_words = words_of(label)
    fits = lambda ws: lines_needed(ws, line_em, bold_prefix=label_words) <= max_lines  # noqa: E731
    clean = [" ".join(item.split()) for item in items if item.strip()]
    kept: list[str] = []
    for item in clean:
        # Room is kept for the ellipsis until the very end: then nothing was left out, or it is needed.
        if fits(words_of(", ".join([*kept, item, ELLIPSIS]))):
            kept.append(item)
    if kept:
        return ", ".join(kept) if len(kept) == len(clean) else ", ".join([*kept, ELLIPSIS])
    if not clean:
        return ""
    return join_words(shorten_words(words_of(clean[0]), fits))
