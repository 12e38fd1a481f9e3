"""Turn what people write into comparable concepts, keeping their own words for the reasons.

Matching ignores case, punctuation and word endings; phrases and abbreviations from the curated
vocabulary (``solver/data/vocabulary.json``) map to one concept; generic words never match. An
offer also counts, more weakly, for the needs its concept answers (``answered_by``: "sales"
answers a need for "customers"), so a need that names a goal meets an offer that names a skill.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from solver.model import Profile
from solver.scoring.text import RUN_BREAK, stem, stems, words

BROADER_FACTOR = 0.5
# An offer that answers a need without naming it ("founder-led sales" for "first customers")
# counts this share of the need's weight: below a same-concept match (chosen on the tune split).
ANSWERS_FACTOR = 0.6
FREE_WORD_WEIGHT = 0.5  # a shared word outside the vocabulary is weaker evidence than a known concept


@dataclass(frozen=True)
class Mention:
    """One concept found in a person's text, with the words they used for it."""

    concept: str
    text: str
    weight: float
    answer: bool = False  # the words answer this concept (a need) rather than name it


@dataclass(frozen=True)
class Vocabulary:
    aliases: dict[tuple[str, ...], str]  # stemmed words -> concept label
    longest_alias: int
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
        longest_alias=max(len(k) for k in aliases),
        broader=dict(raw.get("broader", {})),
        weights=dict(raw.get("weights", {})),
        generic=frozenset(stem(w) for w in (*raw["generic"], *raw.get("generic_translations", ()))),
        answers={offer: tuple(needs) for offer, needs in answers.items()},
    )


def mentions(text: str, vocab: Vocabulary | None = None, *, offered: bool = False) -> list[Mention]:
    """The concepts in one free-text entry, each with the run of meaningful words it came from;
    ``offered``: also the needs each concept named answers (``Mention.answer``)."""
    vocab = vocab or vocabulary()
    found = words(text)
    stemmed = [stem(m.group()) for m in found]
    joined = [i > 0 and not RUN_BREAK.search(text, found[i - 1].end(), found[i].start()) for i in range(len(found))]
    concept_at: list[tuple[int, int, str]] = []  # (start, end, concept)
    i = 0
    while i < len(stemmed):
        for length in range(min(vocab.longest_alias, len(stemmed) - i), 0, -1):
            concept = vocab.aliases.get(tuple(stemmed[i : i + length]))
            if concept and all(joined[i + 1 : i + length]):
                concept_at.append((i, i + length, concept))
                i += length
                break
        else:
            if stemmed[i] not in vocab.generic and len(stemmed[i]) > 1 and not stemmed[i].isdigit():
                concept_at.append((i, i + 1, "word:" + stemmed[i]))
            i += 1
    meaningful = [False] * len(stemmed)
    for start, end, _ in concept_at:
        meaningful[start:end] = [True] * (end - start)
    result: list[Mention] = []
    for start, end, concept in concept_at:
        while start > 0 and meaningful[start - 1] and joined[start]:
            start -= 1
        while end < len(stemmed) and meaningful[end] and joined[end]:
            end += 1
        surface = text[found[start].start() : found[end - 1].end()]
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


def _by_concept(entries: tuple[str, ...], offered: bool = False) -> dict[str, Mention]:
    """The strongest mention per concept (a concept named beats one only answered)."""
    found: dict[str, Mention] = {}
    for entry in entries:
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
