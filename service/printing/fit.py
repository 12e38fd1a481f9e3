"""Make printed text fit its box: estimate how wide text prints, choose a font size, and
shorten long text at a word boundary (never inside a word).

Widths are estimated per character in ems from DejaVu Sans, the widest of the common sans
fonts, so text that fits here fits on paper; the browser tests measure it.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

PT_MM = 25.4 / 72
ELLIPSIS = "…"
# On top of the fonts' own widths: browsers may round each glyph's advance up to a device pixel.
SAFETY = 1.04
BOLD_FACTOR = 1.1  # for characters outside the table
# Scripts written without spaces may wrap between any two characters.
_SPACELESS = r"\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_TOKENS = re.compile(rf"\s+|[{_SPACELESS}]|[^\s{_SPACELESS}]+")
# Browsers may also wrap after a hyphen or an en dash that comes before a letter ("climate-tech").
_AFTER_HYPHEN = re.compile(r"(?<=[^\W\d_][-‐–])(?=[^\W\d_])")
_HYPHENS = frozenset("-‐–")
ZWJ = "\u200d"
_JOINED = re.compile(ZWJ + ".")


def _glyph_widths() -> tuple[dict[str, float], dict[str, float]]:
    """DejaVu Sans (regular, bold): the first font badges ask for, and the widest common sans
    font, so text that fits in it fits in the fallbacks (written by ``make_glyph_widths``)."""
    table = json.loads(files("service.printing").joinpath("glyph_widths.json").read_text(encoding="utf-8"))
    as_chars = lambda weight: {chr(int(code, 16)): w / 1000 for code, w in table[weight].items()}  # noqa: E731
    return as_chars("regular"), as_chars("bold")


REGULAR_WIDTHS, BOLD_WIDTHS = _glyph_widths()


@lru_cache(maxsize=8192)
def char_em(char: str, bold: bool = False) -> float:
    """The width of one character, in ems: the font's own where the table has it, a generous
    guess for other scripts and emoji."""
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf") or "\ufe00" <= char <= "\ufe0f":
        return 0.0  # combining marks, joiners and emoji variation selectors take no room
    known = (BOLD_WIDTHS if bold else REGULAR_WIDTHS).get(char)
    if known is not None:
        return known * SAFETY
    if category == "So" or ord(char) >= 0x1F000:
        width = 1.35  # emoji and symbols
    elif unicodedata.east_asian_width(char) in ("W", "F"):
        width = 1.05
    elif char.isupper():
        width = 0.8
    else:
        width = 0.66
    return width * BOLD_FACTOR if bold else width


@lru_cache(maxsize=8192)
def _bold_em(char: str) -> float:
    return char_em(char, True)


def text_em(text: str, *, bold: bool = False) -> float:
    if ZWJ in text:
        text = _JOINED.sub("", text)  # an emoji sequence ("👩‍💻") is drawn as one emoji
    return sum(map(_bold_em if bold else char_em, text))


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
        for index, part in enumerate(_AFTER_HYPHEN.split(piece) if _HYPHENS.intersection(piece) else (piece,)):
            words.append(Word(part, spaced and bool(words) and index == 0))
        spaced = False
    return words


def join_words(words: Sequence[Word]) -> str:
    return "".join((" " if word.spaced else "") + word.text for word in words)


def lines_needed(words: Sequence[Word], line_em: float, *, bold_prefix: Sequence[Word] = ()) -> int:
    """How many lines the browser needs for ``bold_prefix`` then ``words``, wrapping greedily
    at spaces (and breaking a word that is wider than a whole line, as CSS
    ``overflow-wrap: anywhere`` does)."""
    spaces = {False: char_em(" "), True: char_em(" ", True)}
    lines, used = 1, 0.0
    pieces = [(w, True) for w in bold_prefix] + [(w, False) for w in words]
    for index, (word, bold) in enumerate(pieces):
        width = text_em(word.text, bold=bold)
        gap = spaces[bold] if word.spaced or (index == len(bold_prefix) and index > 0) else 0.0
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


def fit_line(
    text: str, width_mm: float, *, max_pt: float, min_pt: float, bold: bool = False, whole: bool = False
) -> FittedLine:
    """One line of text: the largest size from ``max_pt`` down to ``min_pt`` at which it fits;
    below that, shortened at a word boundary; a first word too wide even at ``min_pt`` (or, when
    ``whole``, all of the text) is set smaller still rather than cut."""
    width_em_at = lambda size: width_mm / (size * PT_MM)  # noqa: E731
    needed = text_em(text, bold=bold)
    if needed <= width_em_at(max_pt):
        return FittedLine(text, max_pt)
    size = math.floor(max_pt * width_em_at(max_pt) / needed * 4) / 4
    if size >= min_pt or whole:
        return FittedLine(text, size)
    words = words_of(text)
    kept = shorten_words(words, lambda ws: text_em(join_words(ws), bold=bold) <= width_em_at(min_pt))
    if kept:
        return FittedLine(join_words(kept), min_pt)
    first = words[0].text + (ELLIPSIS if len(words) > 1 else "") if words else ""
    return FittedLine(first, math.floor(width_mm / (text_em(first, bold=bold) * PT_MM) * 4) / 4)


@dataclass(frozen=True)
class FittedBlock:
    """Text that may wrap: its size and how many lines it takes."""

    text: str
    size_pt: float
    lines: int


def wrapped_lines(words: Sequence[Word], line_em: float, *, bold: bool = False) -> int:
    return lines_needed((), line_em, bold_prefix=words) if bold else lines_needed(words, line_em)


def fit_block(
    text: str, width_mm: float, *, max_pt: float, min_pt: float, max_lines: int, bold: bool = False
) -> FittedBlock:
    """Text in at most ``max_lines`` lines: on one line at the largest size that fits (as
    ``fit_line``), else on the fewest lines at the largest size that fits them; shortened at a
    word boundary only when ``max_lines`` at ``min_pt`` are too few."""
    line = fit_line(text, width_mm, max_pt=max_pt, min_pt=min_pt, bold=bold)
    if line.text == text or max_lines <= 1:
        return FittedBlock(line.text, line.size_pt, 1)
    words = words_of(text)
    line_em_at = lambda size: width_mm / (size * PT_MM)  # noqa: E731
    for lines in range(2, max_lines + 1):
        for size in (max_pt, (max_pt + min_pt) / 2, min_pt):
            if wrapped_lines(words, line_em_at(size), bold=bold) <= lines:
                return FittedBlock(text, size, lines)
    kept = shorten_words(words, lambda ws: wrapped_lines(ws, line_em_at(min_pt), bold=bold) <= max_lines)
    if not kept:
        return FittedBlock(line.text, line.size_pt, 1)
    return FittedBlock(join_words(kept), min_pt, wrapped_lines(kept, line_em_at(min_pt), bold=bold))


def fit_items(label: str, items: Sequence[str], line_em: float, max_lines: int) -> str:
    """A list such as interests, as "a, b, c" after a bold ``label``, in at most ``max_lines``:
    whole items, in order, skipping any that does not fit; when some are left out the list
    ends with an ellipsis. When no whole item fits, the first is shortened at a word boundary.
    Empty when nothing fits."""
    label_words = words_of(label)
    fits = lambda ws: lines_needed(ws, line_em, bold_prefix=label_words) <= max_lines  # noqa: E731
    clean = [" ".join(item.split()) for item in items if item.strip()]
    if clean and fits(words_of(", ".join(clean))):
        return ", ".join(clean)  # all of it: no room needs keeping for an ellipsis
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
