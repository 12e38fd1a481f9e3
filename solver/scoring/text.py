"""Turn what people write into comparable concepts, keeping their own words for the reasons.

Matching ignores case, punctuation and word endings; phrases and abbreviations from the curated
vocabulary (``solver/data/vocabulary.json``) map to one concept; generic words never match.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

BROADER_FACTOR = 0.5
FREE_WORD_WEIGHT = 0.5  # a shared word outside the vocabulary is weaker evidence than a known concept
TOKEN = re.compile(r"[^\W_]+(?:[+#]+|(?:'s)?)", re.UNICODE)
RUN_BREAK = re.compile(r"[,;:.!?/|()&\n]")  # punctuation that ends a run of words


@dataclass(frozen=True)
class Mention:
    """One concept found in a person's text, with the words they used for it."""

    concept: str
    text: str
    weight: float


@dataclass(frozen=True)
class Vocabulary:
    aliases: dict[tuple[str, ...], str]  # stemmed words -> concept label
    longest_alias: int
    broader: dict[str, str]
    weights: dict[str, float]
    generic: frozenset[str]

    def weight(self, concept: str) -> float:
        if concept.startswith("word:"):
            return FREE_WORD_WEIGHT
        return self.weights.get(concept, 1.0)


def stem(word: str) -> str:
    """A deliberately small stemmer: enough for plurals and -ing/-ed forms ("raising" ~ "raise")."""
    word = word.lower().removesuffix("'s")
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("ing") and len(word) >= 6:
        word = word[:-3]
        if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
            word = word[:-1]
    elif word.endswith(("tion", "sion")) and len(word) >= 7:  # "translation" ~ "translating"
        word = word[:-3]
    elif word.endswith("ed") and len(word) >= 5:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def words(text: str) -> list[re.Match[str]]:
    return list(TOKEN.finditer(text))


def _stems(text: str) -> tuple[str, ...]:
    return tuple(stem(m.group()) for m in words(text))


@cache
def vocabulary() -> Vocabulary:
    raw = json.loads(resources.files("solver").joinpath("data/vocabulary.json").read_text("utf-8"))
    return build_vocabulary(raw)


def build_vocabulary(raw: dict) -> Vocabulary:
    aliases: dict[tuple[str, ...], str] = {}
    labels = {entry[0] for entry in raw["concepts"]}
    for label, *others in raw["concepts"]:
        for alias in (label, *others):
            key = _stems(alias)
            if aliases.get(key, label) != label:
                raise ValueError(f"vocabulary: {alias!r} belongs to both {aliases[key]!r} and {label!r}")
            aliases[key] = label
    for name in (*raw.get("broader", {}), *raw.get("broader", {}).values(), *raw.get("weights", {})):
        if name not in labels:
            raise ValueError(f"vocabulary: {name!r} is not a concept label")
    return Vocabulary(
        aliases=aliases,
        longest_alias=max(len(k) for k in aliases),
        broader=dict(raw.get("broader", {})),
        weights=dict(raw.get("weights", {})),
        generic=frozenset(stem(w) for w in raw["generic"]),
    )


def mentions(text: str, vocab: Vocabulary | None = None) -> list[Mention]:
    """The concepts in one free-text entry, each with the run of meaningful words it came from."""
    vocab = vocab or vocabulary()
    found = words(text)
    stems = [stem(m.group()) for m in found]
    joined = [i > 0 and not RUN_BREAK.search(text, found[i - 1].end(), found[i].start()) for i in range(len(found))]
    concept_at: list[tuple[int, int, str]] = []  # (start, end, concept)
    i = 0
    while i < len(stems):
        for length in range(min(vocab.longest_alias, len(stems) - i), 0, -1):
            concept = vocab.aliases.get(tuple(stems[i : i + length]))
            if concept and all(joined[i + 1 : i + length]):
                concept_at.append((i, i + length, concept))
                i += length
                break
        else:
            if stems[i] not in vocab.generic and len(stems[i]) > 1 and not stems[i].isdigit():
                concept_at.append((i, i + 1, "word:" + stems[i]))
            i += 1
    meaningful = [False] * len(stems)
    for start, end, _ in concept_at:
        meaningful[start:end] = [True] * (end - start)
    result: list[Mention] = []
    for start, end, concept in concept_at:
        while start > 0 and meaningful[start - 1] and joined[start]:
            start -= 1
        while end < len(stems) and meaningful[end] and joined[end]:
            end += 1
        surface = text[found[start].start() : found[end - 1].end()]
        result.append(Mention(concept, surface, vocab.weight(concept)))
        if concept in vocab.broader:
            broader = vocab.broader[concept]
            # A specific concept partly answers its broader one ("seed round" for "fundraising").
            result.append(Mention(broader, surface, BROADER_FACTOR * vocab.weight(broader)))
    return result
