"""German, Spanish and French entries read as English by the embedding model.

wordllama is a static English model: "busco inversores ángel" lands far from "angel investor".
``as_english`` rewrites an entry word by word with the curated lexicon (``solver/data/lexicon.txt``)
when the entry looks German, Spanish or French, so the model reads "looking for angel investor".
Only the model's input changes; talking points quote what people wrote.

An entry is translated only when it looks foreign, since "sale", "die", "but", "chat", "gift" and
"also" are English words too. Each word may be a *marker* of a language: known to its lexicon, not
an English word (the lexicon's ``[english]`` section, every English word it translates to, English
function words), not a cognate that reads the same in English ("mentor"), not an English plural
("sites"), not a short code in capitals ("ES"); or spelt with letters of that language ("fútbol").
The entry is read in the language with most markers (ties: most known words) when it has more
markers than English function words ("the", "with", "for", ...): "marketing for a sale" and "sale"
stay English, "Buchhaltung für unseren Verein" is German. Endings are stripped to find plurals;
unlisted German compounds are split in two ("Buchhaltungssoftware"). docs/solver.md, Languages.
"""

from __future__ import annotations

from functools import lru_cache

from solver.scoring.lexicon_words import (
    LANGUAGES,
    Lexicon,
    ending_variants,
    folded,
    lexicon,
    lookup,
    normal,
    units,
)

LETTERS = {"de": set("äöüß"), "es": set("ñáíóúé"), "fr": set("èêàçâîôûëïœùé")}
ABBREVIATION = 3  # words in capitals this short say nothing about the language
SHORTEST_PART = 4  # parts of a German compound are at least this long
GERMAN_PART = 5  # a compound marks an entry German only with a German part this long
SHORTEST_COMPOUND = 8  # German words this long or longer that are not listed are tried as two words
COMPOUND_LINKS = ("s", "es", "n", "en")  # "Buchhaltung-s-software"


def _part(key: str, lex: Lexicon) -> str | None:
    """English for one part of a German compound: a listed word (endings stripped) or an English
    word ("software"); parts shorter than ``SHORTEST_PART`` are too often chance matches."""
    if len(key) < SHORTEST_PART:
        return None
    found = lookup(key, "de", lex)
    if found is None:
        return next((k for k in (key, *ending_variants(key, "de")) if k in lex.english), None)
    return found


def _compound(key: str, lex: Lexicon, depth: int = 0) -> str | None:
    """A German compound read as its parts ("datenanalyse" -> "data analysis"). Of all cuts into a
    known head (its linking "s" or "n" dropped) and a known tail, the one whose shorter part is
    longest wins; a head may itself be a compound ("Klimaschutzprojekte")."""
    best: tuple[int, str] | None = None
    for cut in range(SHORTEST_PART, len(key) - SHORTEST_PART + 1):
        head, tail = key[:cut], key[cut:]
        tail_english = _part(tail, lex)
        if tail_english is None and depth == 0 and len(tail) >= SHORTEST_COMPOUND:
            tail_english = _compound(tail, lex, depth + 1)
        if tail_english is None:
            continue
        for linked in (head, *(head[: -len(s)] for s in COMPOUND_LINKS if head.endswith(s))):
            # a head is a word as listed (no endings: "krankenhaus-in-formation" is no reading)
            head_english = lex.words["de"].get(linked) if len(linked) >= SHORTEST_PART else None
            if head_english is None and linked in lex.english and len(linked) >= SHORTEST_PART:
                head_english = linked
            if head_english is None and depth == 0 and len(linked) >= SHORTEST_COMPOUND:
                head_english = _compound(linked, lex, depth + 1)
            if head_english is not None:
                shorter = min(len(linked), len(tail))
                if best is None or shorter > best[0]:
                    best = (shorter, f"{head_english} {tail_english}".strip())
                break
    return None if best is None else best[1]


def _english_singulars(key: str) -> tuple[str, ...]:
    return (key[:-1], key[:-2], key[:-3] + "y") if key.endswith("s") and len(key) >= 5 else ()


def _is_marker(key: str, lang: str, lex: Lexicon, found: str | None) -> bool:
    """Whether a word (not English, its lexicon entry ``found``) says the entry is in this language."""
    variants = ending_variants(key, lang)
    if any(v in lex.english for v in variants):
        return False  # "sites": an English word with an ending
    if found is None:
        return lang == "de" and len(key) >= SHORTEST_COMPOUND and _german_compound(key, lex)
    return normal(found) != key and found not in variants


def _german_compound(key: str, lex: Lexicon) -> bool:
    """Whether a word is two German words, or a German and an English one, the German one at
    least ``GERMAN_PART`` letters long: "Datenanalyse", "Buchhaltungssoftware", but not
    "marketplaces", "landowner" ("land" is English too) or "hundreds" ("Hund" is too short)."""
    english, german = lex.english, lex.words["de"]

    def kind(part: str) -> str:
        if part in english or any(v in english for v in ending_variants(part, "de")):
            return "english"
        return "german" if lookup(part, "de", lex) is not None else ""

    for cut in range(SHORTEST_PART, len(key) - SHORTEST_PART + 1):
        tail = key[cut:]
        tail_kind = kind(tail)
        if not tail_kind:
            continue
        for head in (key[:cut], *(key[:cut][: -len(s)] for s in COMPOUND_LINKS if key[:cut].endswith(s))):
            head_kind = "english" if head in english else "german" if head in german else ""
            if not head_kind or len(head) < SHORTEST_PART:
                continue
            if (head_kind == "german" and len(head) >= GERMAN_PART) or (
                tail_kind == "german" and len(tail) >= GERMAN_PART
            ):
                return True
    return False


@lru_cache(maxsize=100_000)
def _evidence(unit: str) -> tuple[int, ...]:
    """For one word, once per distinct word: (English function word, marker of de, es, fr, known
    in de, es, fr). A word spelt with letters of a language only ("Ökologie", "fútbol") is a
    marker of it even when the lexicon does not know it."""
    if unit.isupper() and len(unit) <= ABBREVIATION:  # "EN <-> ES", "UX", "PM": codes, not words
        return (0, 0, 0, 0, 0, 0, 0)
    lex, key = lexicon(), normal(unit)
    letters = set() if unit.isascii() else set(unit.casefold())
    spelt = [bool(letters & LETTERS[lang]) for lang in LANGUAGES]
    if key in lex.english and not any(spelt):
        return (int(key in lex.function_words), 0, 0, 0, 0, 0, 0)
    found = [lookup(key, lang, lex) for lang in LANGUAGES]
    english_plural = any(s in lex.english for s in _english_singulars(key))  # "batteries", "salaries"
    markers = [
        spelt[i] or (not english_plural and _is_marker(key, lang, lex, found[i])) for i, lang in enumerate(LANGUAGES)
    ]
    return (0, *map(int, markers), *(int(f is not None) for f in found))


def language(entry: str) -> str | None:
    """The language the entry looks written in ("de", "es" or "fr"); None for English or undecided.
    Of the languages with most markers, the one that knows most of its words wins ("des" is
    German and French; "planification des transports publics" is French)."""
    evidence = [_evidence(u) for u in units(entry)]
    if not any(e[1] or e[2] or e[3] for e in evidence):  # most entries: no marker at all
        return None
    totals = [sum(column) for column in zip(*evidence, strict=True)]
    english, markers, known = totals[0], totals[1:4], totals[4:7]
    best = max(range(len(LANGUAGES)), key=lambda i: (markers[i], known[i]))
    return LANGUAGES[best] if markers[best] > english else None


def _translated(units: list[str], lang: str, lex: Lexicon) -> list[str]:
    keys = folded(tuple(normal(u) for u in units), lang)
    out: list[str] = []
    i = 0
    while i < len(units):
        for length in range(min(lex.phrase_length[lang].get(keys[i], 0), len(units) - i), 1, -1):
            phrase = lex.phrases[lang].get(tuple(keys[i : i + length]))
            if phrase is not None:
                out.append(phrase)
                i += length
                break
        else:
            out.append(_word(units[i], lang))
            i += 1
    return [w for w in out if w]


@lru_cache(maxsize=100_000)
def _word(unit: str, lang: str) -> str:
    """One word in English: from its language first, then the other two (entries mix them)."""
    lex, key = lexicon(), normal(unit)
    for other in (lang, *(x for x in LANGUAGES if x != lang)):
        found = lookup(key, other, lex)
        if found is not None:
            # "KI" -> "AI", so that the model's abbreviations are spelled out as for English entries
            return found.upper() if unit.isupper() and len(unit) > 1 and " " not in found else found
    if lang == "de" and len(key) >= SHORTEST_COMPOUND:
        return _compound(key, lex) or unit
    return unit


@lru_cache(maxsize=100_000)
def as_english(entry: str) -> str:
    """The entry as the model should read it: word by word in English when it looks German,
    Spanish or French ("busco inversores ángel" -> "looking for investors angel"), else unchanged."""
    lang = language(entry)
    if lang is None:
        return entry
    return " ".join(_translated(units(entry), lang, lexicon()))
