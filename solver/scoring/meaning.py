"""Help found by meaning: the best-matching pair of entries, one offered and one sought.

Every entry of a field ("k8s, Docker" is two) is embedded on its own (``solver.scoring.semantic``),
so the match that scores is also the one a talking point can quote in both people's words. A
similarity counts only above ``THRESHOLD`` (unrelated texts sit around 0.0-0.25 with wordllama) and
is scaled so that a close paraphrase weighs about as much as one vocabulary concept (1.0). Weights
therefore stay non-negative and on the vocabulary's scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from solver.model import Profile
from solver.scoring.lexicon import as_english
from solver.scoring.semantic import WORD, embedder, expanded, generic_words
from solver.scoring.text import entries

THRESHOLD = 0.3  # chosen on the tune split of help_eval_wild.json only (a flat surface: 0.2-0.35 tie)
SCALE = 2.5  # (cosine - THRESHOLD) * SCALE: a cosine of 0.7 weighs as much as one concept
QUOTE_LIMIT = 60  # characters of an entry quoted in a talking point
CACHE_LIMIT = 200_000  # entry vectors kept per process
MATRIX_BLOCK = 256  # people per block of the entry x entry similarity
# Help by meaning is weighed up to this many people; above it the vocabulary alone, so that a plan
# for 10,000 people still keeps to its time limit (docs/solver.md). Planner, checker and the
# service's figures all follow this one rule.
MEANING_LIMIT = 1500


def weighs_meaning(people: int) -> bool:
    """Whether an event of this many people weighs help by meaning."""
    return people <= MEANING_LIMIT


_vectors: dict[str, np.ndarray] = {}


def model_text(entry: str) -> str:
    """What the model reads of an entry: generic words left out, abbreviations spelled out
    ("ML to spot fraud" -> "machine learning spot fraud"); empty when it says nothing ("someone to
    talk to"). Talking points still quote the entry as written.

    Spelling out every concept an entry names ("k8s" -> "k8s kubernetes") lost on the tune split;
    replacing only abbreviations written as such won (docs/solver.md)."""
    generic = generic_words()
    return " ".join(expanded(w) for w in WORD.findall(as_english(entry)) if w.casefold() not in generic)


def _embed(texts: Sequence[str]) -> None:
    """Make sure every text has its vector in ``_vectors``, embedding those that have none."""
    missing = sorted({t for t in texts if t and t not in _vectors})
    if not missing:
        return
    if len(_vectors) + len(missing) > CACHE_LIMIT:
        _vectors.clear()
        missing = sorted({t for t in texts if t})
    # ``missing`` is distinct and has no empty text: the model's rows are the vectors themselves
    # (``embed_texts`` would sort them again and copy every row into a matrix of its own).
    for text, vector in zip(missing, embedder().encode(missing), strict=True):
        _vectors[text] = vector


@dataclass(frozen=True)
class FieldVectors:
    """A field's meaningful entries (as written) and their unit vectors, one row each."""

    written: tuple[str, ...]
    vectors: np.ndarray


@lru_cache(maxsize=100_000)
def _meaningful_entries(field: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(as written, as the model reads it) for each entry of a field that says something, once per
    distinct field: the weights, the stand-ins' weights and every talking point read the same fields."""
    pairs = ((e, model_text(e)) for e in entries(field))
    return tuple((e, m) for e, m in pairs if m)


def field_vectors(field: Sequence[str]) -> FieldVectors:
    pairs = _meaningful_entries(tuple(field))
    _embed([m for _, m in pairs])
    rows = [_vectors[m] for _, m in pairs]
    matrix = np.stack(rows) if rows else np.zeros((0, embedder().dim), dtype=np.float32)
    return FieldVectors(tuple(e for e, _ in pairs), matrix)


@dataclass(frozen=True)
class Match:
    offered: str
    sought: str
    similarity: float


def best_match(offers: Sequence[str], seeks: Sequence[str]) -> Match | None:
    """The closest offered and sought entries, or None when either field says nothing."""
    a, b = field_vectors(offers), field_vectors(seeks)
    if not a.written or not b.written:
        return None
    similarity = a.vectors @ b.vectors.T
    i, j = np.unravel_index(int(np.argmax(similarity)), similarity.shape)
    return Match(a.written[i], b.written[j], float(similarity[i, j]))


def strength(similarity: float | np.ndarray) -> float | np.ndarray:
    """How much a similarity is worth as help: 0 below the threshold, then linear."""
    return np.maximum(0.0, (similarity - THRESHOLD) * SCALE)


def meaning_help(helper: Profile, seeker: Profile) -> float:
    """help by meaning, helper -> seeker (directional): the strength of the best entry pair."""
    match = best_match(helper.offers, seeker.seeks)
    return 0.0 if match is None else float(strength(match.similarity))


def quote(text: str) -> str:
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1].rstrip() + "…"


class MeaningMatrix:
    """Everyone's entry vectors, so that rows of the meaning-help matrix come from matrix products."""

    def __init__(self, profiles: Sequence[Profile]):
        self.n = len(profiles)
        offers = [_meaningful_entries(tuple(p.offers)) for p in profiles]
        seeks = [_meaningful_entries(tuple(p.seeks)) for p in profiles]
        _embed([m for field in (*offers, *seeks) for _, m in field])  # one batch for the whole event
        self.offers, self.seeks = _stacked(offers), _stacked(seeks)

    def rows(self, start: int, stop: int) -> np.ndarray:
        """[a - start, b] = meaning_help(a, b) for a in start..stop-1 and every b."""
        return _between(self.offers, start, stop, self.seeks)

    def full(self) -> np.ndarray:
        """[a, b] = meaning_help(a, b) for everyone (n x n float32: 100 MB at 5,000 people)."""
        result = np.zeros((self.n, self.n), dtype=np.float32)
        for first in range(0, self.n, MATRIX_BLOCK):
            result[first : first + MATRIX_BLOCK] = self.rows(first, min(self.n, first + MATRIX_BLOCK))
        return result

    def columns(self, start: int, stop: int) -> np.ndarray:
        """[b - start, a] = meaning_help(a, b) for b in start..stop-1 and every a (help received)."""
        return _between(self.seeks, start, stop, self.offers)


@dataclass(frozen=True)
class _Stacked:
    vectors: np.ndarray  # all entries, person by person
    starts: np.ndarray  # first row of each person (n + 1 entries)


def _stacked(fields: list[tuple[tuple[str, str], ...]]) -> _Stacked:
    """Everyone's entry vectors from their (as written, as read) entries, already embedded."""
    counts = np.array([len(f) for f in fields], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(counts)])
    rows = [_vectors[m] for field in fields for _, m in field]
    vectors = np.array(rows) if rows else np.zeros((0, embedder().dim), dtype=np.float32)
    return _Stacked(vectors, starts)


def _between(mine: _Stacked, start: int, stop: int, theirs: _Stacked) -> np.ndarray:
    """[p - start, q] = strength of the best pair of p's entries (mine) and q's entries (theirs)."""
    result = np.zeros((stop - start, len(theirs.starts) - 1), dtype=np.float32)
    lo, hi = mine.starts[start], mine.starts[stop]
    if lo == hi or len(theirs.vectors) == 0:
        return result
    similarity = theirs.vectors @ mine.vectors[lo:hi].T  # their entries x my entries
    # Best over their entries (contiguous rows), then over mine; people without entries keep 0.
    by_them = _best_rows(similarity, theirs.starts)
    best = _best_rows(np.ascontiguousarray(by_them.T), mine.starts[start : stop + 1] - lo)
    theirs_with = np.flatnonzero(np.diff(theirs.starts))
    mine_with = np.flatnonzero(np.diff(mine.starts[start : stop + 1]))
    result[np.ix_(mine_with, theirs_with)] = strength(best)
    return result


def _best_rows(rows: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The element-wise maximum of each group of consecutive rows (group k: rows starts[k] up to
    starts[k + 1]), one row per group that has any, in order.

    What ``np.maximum.reduceat`` at the groups' first rows gives, several times faster here: most
    people write one to three entries, so everyone's first entry is taken at once and each next
    one folded in for the people who have it (the work stays one step per row)."""
    counts = np.diff(starts)
    having = np.flatnonzero(counts)
    first, counts = starts[having], counts[having]
    best = rows[first]
    for extra in range(1, int(counts.max(initial=1))):
        more = np.flatnonzero(counts > extra)
        best[more] = np.maximum(best[more], rows[first[more] + extra])
    return best
