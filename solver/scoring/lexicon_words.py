"""The lexicon file (``solver/data/lexicon.txt``) and words as it keys them: case folded, accents
removed, French elisions and hyphenated words apart, endings stripped (``solver.scoring.lexicon``
reads entries with it)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

LANGUAGES = ("de", "es", "fr")
WORD = re.compile(r"[^\W_][\w'+#.-]*", re.UNICODE)  # the same words as semantic.WORD
ELISION = re.compile(r"^(?:l|d|j|qu|n|s|m|c|t|lorsqu|jusqu|puisqu)'(?=\w)", re.IGNORECASE)
# (ending, replacement) tried, longest ending first, when a word is not in the lexicon as written
ENDINGS = {
    "de": (("innen", ""), ("in", ""), ("en", ""), ("em", ""), ("er", ""), ("es", ""), ("n", ""), ("e", ""), ("s", "")),
    "es": (("iones", "ion"), ("ces", "z"), ("es", ""), ("s", ""), ("as", "o"), ("a", "o")),
    "fr": (
        ("euses", "eur"),
        ("euse", "eur"),
        ("trices", "teur"),
        ("trice", "teur"),
        ("elles", "el"),
        ("elle", "el"),
        ("ives", "if"),
        ("ive", "if"),
        ("aux", "al"),
        ("es", ""),
        ("s", ""),
        ("x", ""),
        ("e", ""),
    ),
}
SHORTEST_STEM = 4  # what is left of a word without its ending; shorter stems are mostly chance


@lru_cache(maxsize=200_000)
def normal(word: str) -> str:
    """A word as the lexicon keys it: case folded (ß -> ss), accents removed (é -> e, ü -> u)."""
    if word.isascii():
        return word.lower().strip(".")
    decomposed = unicodedata.normalize("NFD", word.casefold().strip("."))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _umlaut_spelling(word: str) -> str:
    """How Germans type umlauts without them: "für" -> "fuer"."""
    return word.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, dict[str, str]]  # language -> normal form -> English ("" says nothing)
    phrases: dict[str, dict[tuple[str, ...], str]]  # language -> normal words -> English
    phrase_length: dict[str, dict[str, int]]  # language -> first word of a phrase -> longest such phrase
    english: frozenset[str]  # words that say nothing about an entry's language, or say English
    function_words: frozenset[str]  # English words only English entries use: "the", "with", ...


def parse(text: str) -> Lexicon:
    """The lexicon file: ``[de]``, ``[es]``, ``[fr]`` sections of ``form, form = English`` lines,
    ``[english]`` and ``[function]`` sections of English words; ``#`` starts a comment."""
    words: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    phrases: dict[str, dict[tuple[str, ...], str]] = {lang: {} for lang in LANGUAGES}
    english: set[str] = set()
    function: set[str] = set()
    section = ""
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        if section in ("english", "function"):
            found = {normal(w) for w in line.split()}
            (english if section == "english" else function).update(found)
            continue
        if section not in LANGUAGES or "=" not in line:
            raise ValueError(f"lexicon line {number}: expected 'form, form = English' in [de], [es] or [fr]: {raw!r}")
        forms, meaning = line.split("=", 1)
        meaning = " ".join(meaning.split())
        english.update(normal(w) for w in meaning.split())
        for form in filter(None, (f.strip() for f in forms.split(","))):
            key = tuple(normal(u) for u in units(form))
            if len(key) > 1:
                phrases[section].setdefault(folded(key, section), meaning)
                continue
            words[section].setdefault(key[0], meaning)
            if section == "de":
                words[section].setdefault(_umlaut_spelling(form), meaning)
    return Lexicon(
        words=words,
        phrases=phrases,
        phrase_length={lang: _phrase_lengths(phrases[lang]) for lang in LANGUAGES},
        english=frozenset(english | function),
        function_words=frozenset(function),
    )


def _phrase_lengths(phrases: dict[tuple[str, ...], str]) -> dict[str, int]:
    lengths: dict[str, int] = {}
    for key in phrases:
        lengths[key[0]] = max(lengths.get(key[0], 0), len(key))
    return lengths


@cache
def lexicon() -> Lexicon:
    return parse(resources.files("solver").joinpath("data/lexicon.txt").read_text("utf-8"))


def folded(keys: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """A phrase's words without a Spanish or French plural ending, so that "voitures électriques"
    is found as "voiture électrique"."""
    if lang == "de":
        return keys
    return tuple(k[:-1] if len(k) > 3 and k[-1] in "sx" else k for k in keys)


def units(entry: str) -> list[str]:
    """An entry's words, French elisions apart ("l'aide" -> "l'", "aide"), hyphenated words apart."""
    units: list[str] = []
    for word in WORD.findall(entry.replace("’", "'")):
        if "'" not in word and "-" not in word:
            units.append(word)
            continue
        elided = ELISION.match(word)
        if elided:
            units.append(elided.group())
            word = word[elided.end() :]
        parts = word.split("-")
        units.extend(parts if len(parts) > 1 and all(p.isalpha() for p in parts) else [word])
    return units


# per language, the endings by length, longest first: {length: {ending: replacement}}
_ENDINGS_BY_LENGTH = {
    lang: {n: {e: r for e, r in endings if len(e) == n} for n in sorted({len(e) for e, _ in endings}, reverse=True)}
    for lang, endings in ENDINGS.items()
}


@lru_cache(maxsize=200_000)
def ending_variants(key: str, lang: str) -> tuple[str, ...]:
    """The word without each of its language's endings it has, the longest ending first."""
    variants = []
    for length, endings in _ENDINGS_BY_LENGTH[lang].items():
        replacement = endings.get(key[-length:])
        if replacement is not None and len(key) - length >= SHORTEST_STEM:
            variants.append(key[:-length] + replacement)
    return tuple(variants)


def lookup(key: str, lang: str, lex: Lexicon) -> str | None:
    """English for one normal word of a language, its ending stripped if need be; None if unknown."""
    table = lex.words[lang]
    if key in table:
        return table[key]
    for variant in ending_variants(key, lang):
        if variant in table:
            return table[variant]
    return None
