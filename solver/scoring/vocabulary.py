"""Turn what people write into comparable concepts, keeping their own words for the reasons.

Matching ignores case, punctuation and word endings; phrases and abbreviations from the curated
vocabulary (``solver/data/vocabulary.json``) map to one concept; generic words never match. An
offer also counts, more weakly, for the needs its concept answers (``answered_by``: "sales"
answers a need for "customers"), so a need that names a goal meets an offer that names a skill.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from solver.model import Profile
from solver.scoring.text import RUN_BREAK, entries, stem, stems, words

BROADER_FACTOR = 0.5
# An offer that answers a need without naming it ("founder-led sales" for "first customers")
# counts this share of the need's weight: below a same-concept match (chosen on the tune split).
ANSWERS_FACTOR = 0.6
FREE_WORD_WEIGHT = 0.5  # a shared word outside the vocabulary is weaker evidence than a known concept


@dataclass(frozen=True, slots=True)  # slots: an event's profiles make tens of thousands of these
class Mention:
    """One concept found in a person's text, with the words they used for it."""

    concept: str
    text: str
    weight: float
    answer: bool = False  # the words answer this concept (a need) rather than name it


@dataclass(frozen=True)
class Vocabulary:
    aliases: dict[tuple[str, ...], str]  # stemmed words -> concept label
    # Per first stemmed word, the lengths of the aliases starting with it, longest first: a text is
    # only looked up at the lengths that can match, not at every length up to the longest alias.
    alias_lengths: dict[str, tuple[int, ...]]
    broader: dict[str, str]
    weights: dict[str, float]
    generic: frozenset[str]
    answers: dict[str, tuple[str, ...]]  # offered concept -> the needs it answers (``answered_by`` inverted)

    def weight(self, concept: str) -> float:
        if concept.startswith("word:"):
            return FREE_WORD_WEIGHT
        return self.weights.get(concept, 1.0)


@cache
def vocabulary() -> Vocabulary:
    raw = json.loads(resources.files("solver").joinpath("data/vocabulary.json").read_text("utf-8"))
    return build_vocabulary(raw)


def build_vocabulary(raw: dict) -> Vocabulary:
    aliases: dict[tuple[str, ...], str] = {}
    labels = {entry[0] for entry in raw["concepts"]}
    translations, more = raw.get("translations", {}), raw.get("more_wordings", {})
    for label, *others in raw["concepts"]:
        for alias in (label, *others, *more.get(label, ()), *translations.get(label, ())):
            key = stems(alias)
            if aliases.get(key, label) != label:
                raise ValueError(f"vocabulary: {alias!r} belongs to both {aliases[key]!r} and {label!r}")
            aliases[key] = label
    answered_by: dict[str, list[str]] = raw.get("answered_by", {})
    broader: dict[str, str] = raw.get("broader", {})
    for name in (
        *raw.get("broader", {}),
        *raw.get("broader", {}).values(),
        *raw.get("weights", {}),
        *translations,
        *more,
        *answered_by,
        *(offer for offers in answered_by.values() for offer in offers),
    ):
        if name not in labels:
            raise ValueError(f"vocabulary: {name!r} is not a concept label")
    answers: dict[str, list[str]] = {}
    for need, offers in answered_by.items():
        for offer in offers:
            if offer == need:
                raise ValueError(f"vocabulary: {need!r} cannot be answered by itself")
            if broader.get(offer) == need or broader.get(need) == offer:
                # A broader link already makes the one count for the other: both would count twice.
                raise ValueError(f"vocabulary: {need!r} and {offer!r} are already linked by 'broader'")
            answers.setdefault(offer, []).append(need)
    return Vocabulary(
        aliases=aliases,
        alias_lengths=_lengths_by_first_word(aliases),
        broader=dict(raw.get("broader", {})),
        weights=dict(raw.get("weights", {})),
        generic=frozenset(stem(w) for w in (*raw["generic"], *raw.get("generic_translations", ()))),
        answers={offer: tuple(needs) for offer, needs in answers.items()},
    )


def _lengths_by_first_word(aliases: dict[tuple[str, ...], str]) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for key in aliases:
        if key:
            lengths.setdefault(key[0], set()).add(len(key))
    return {first: tuple(sorted(found, reverse=True)) for first, found in lengths.items()}


def _joined(text: str, found: list[re.Match[str]]) -> list[bool]:
    """Per word, whether it continues the run of the word before (no breaking punctuation between)."""
    if not RUN_BREAK.search(text):  # most entries: one run, no need to look between every two words
        return [i > 0 for i in range(len(found))]
    return [i > 0 and not RUN_BREAK.search(text, found[i - 1].end(), found[i].start()) for i in range(len(found))]


@lru_cache(maxsize=100_000)
def _free_word(stemmed: str) -> str:
    """The concept of a word outside the vocabulary, one string per distinct word."""
    return "word:" + stemmed


def _concepts_at(
    stemmed: list[str], joined: list[bool], vocab: Vocabulary
) -> tuple[list[tuple[int, int, str]], list[bool]]:
    """(first word, word after the last, concept) of each concept or free word, longest alias
    first, and per word whether it is part of one (meaningful)."""
    found: list[tuple[int, int, str]] = []
    meaningful = [False] * len(stemmed)
    i = 0
    while i < len(stemmed):
        for length in vocab.alias_lengths.get(stemmed[i], ()):
            concept = None if i + length > len(stemmed) else vocab.aliases.get(tuple(stemmed[i : i + length]))
            if concept and all(joined[i + 1 : i + length]):
                found.append((i, i + length, concept))
                meaningful[i : i + length] = [True] * length
                i += length
                break
        else:
            if stemmed[i] not in vocab.generic and len(stemmed[i]) > 1 and not stemmed[i].isdigit():
                found.append((i, i + 1, _free_word(stemmed[i])))
                meaningful[i] = True
            i += 1
    return found, meaningful


def mentions(text: str, vocab: Vocabulary | None = None, *, offered: bool = False) -> list[Mention]:
    """The concepts in one free-text entry, each with the run of meaningful words it came from;
    ``offered``: also the needs each concept named answers (``Mention.answer``)."""
    vocab = vocab or vocabulary()
    found = words(text)
    stemmed = [stem(m.group()) for m in found]
    joined = _joined(text, found)
    concept_at, meaningful = _concepts_at(stemmed, joined, vocab)
    result: list[Mention] = []
    run_end, surface = 0, ""
    for start, end, concept in concept_at:
        # Every concept in a run of meaningful words joined without punctuation quotes the whole
        # run; concepts come in order, so a run starts at the first concept past the last run.
        if start >= run_end:
            run_end = end
            while run_end < len(stemmed) and meaningful[run_end] and joined[run_end]:
                run_end += 1
            surface = text[found[start].start() : found[run_end - 1].end()]
        result.append(Mention(concept, surface, vocab.weight(concept)))
        if concept in vocab.broader:
            broader = vocab.broader[concept]
            # A specific concept partly answers its broader one ("seed round" for "fundraising").
            result.append(Mention(broader, surface, BROADER_FACTOR * vocab.weight(broader)))
        for need in vocab.answers.get(concept, ()) if offered else ():
            result.append(Mention(need, surface, ANSWERS_FACTOR * vocab.weight(need), answer=True))
    return result


@dataclass(frozen=True)
class Terms:
    """A profile's concepts per field; each concept keeps the first words the person used for it."""

    interests: dict[str, Mention]
    offers: dict[str, Mention]
    seeks: dict[str, Mention]


def _by_concept(field: tuple[str, ...], offered: bool = False) -> dict[str, Mention]:
    """The strongest mention per concept (a concept named beats one only answered)."""
    found: dict[str, Mention] = {}
    for entry in entries(field):
        for mention in _entry_mentions(entry, offered):
            if mention.concept not in found or mention.weight > found[mention.concept].weight:
                found[mention.concept] = mention
    return found


@lru_cache(maxsize=100_000)
def _entry_mentions(entry: str, offered: bool = False) -> tuple[Mention, ...]:
    """An entry's concepts, once per distinct text: people at one event often write the same words."""
    return tuple(mentions(entry, offered=offered))


@lru_cache(maxsize=100_000)
def terms(profile: Profile) -> Terms:
    """Offers carry the needs they answer too (``Mention.answer``); seeks and interests only what they name."""
    return Terms(_by_concept(profile.interests), _by_concept(profile.offers, True), _by_concept(profile.seeks))
