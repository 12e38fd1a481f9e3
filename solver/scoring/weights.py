"""Pair weights for a whole event: dense for small events, the strongest candidates for large ones.

Profiles become concept vectors and entry embeddings so that all mutual scores of an event come
from matrix products (the same numbers as ``mutual_score``: vocabulary plus meaning), computed a
block of rows at a time. The embedding model is loaded once per process (``semantic.embedder``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence

import numpy as np

from solver.model import Instance, Pair, Profile
from solver.preferences import wish_bonuses
from solver.scoring.concepts import by_concept, concept_vectors, row_products
from solver.scoring.help import INTEREST_CAP, INTEREST_WEIGHT, terms
from solver.scoring.meaning import MeaningMatrix, meaning_help, strength, weighs_meaning
from solver.scoring.partners import FLOAT32_SLACK, TopPartners, scan_partners
from solver.scoring.thin import THIN_CAP, THIN_SHARE, is_thin, stand_in, stand_in_terms, thin_help

DENSE_LIMIT = 1500  # up to this many people the full weight matrix is kept
BLOCK_ROWS = 512
CACHE_LIMIT = 6000  # up to this many people the blocks are kept (288 MB at 6,000)


class ProfileMatrix:
    """Concept vectors of everyone's offers, seeks and interests, and (up to ``MEANING_LIMIT``
    people) their entries' embeddings for help found by meaning; for people who seek nothing, the
    same of their stand-in profiles (``thin``) in ``self.thin``."""

    def __init__(self, source: Instance | Sequence[Profile], *, of_stand_ins: Sequence[Profile] = ()):
        """``of_stand_ins``: build the matrix of these profiles' stand-ins (``source`` is those)."""
        profiles = [p.profile for p in source.people] if isinstance(source, Instance) else list(source)
        all_terms = [stand_in_terms(p) for p in of_stand_ins] if of_stand_ins else [terms(p) for p in profiles]
        vectors = concept_vectors(all_terms)
        self.offers, self.seeks, self.interests = vectors.offers, vectors.seeks, vectors.interests
        n = len(all_terms)
        # Exact rows (``rows``) come from these: the pairs that share a concept, concept by concept.
        self._offers_by_concept = by_concept(self.offers)
        self._seeks_by_concept = by_concept(self.seeks)
        self._interests_by_concept = by_concept(self.interests)
        # The fast scan: both help directions in one float32 product, shared interests in another.
        self._gives = np.hstack([self.offers, self.seeks]).astype(np.float32)
        self._takes = np.ascontiguousarray(np.hstack([self.seeks, self.offers]).T, dtype=np.float32)
        self._likes = self.interests.astype(np.float32)
        self._liked = np.ascontiguousarray(self.interests.T, dtype=np.float32)
        self.people = profiles
        self.meaning = MeaningMatrix(self.people) if weighs_meaning(n) else None
        self._help: np.ndarray | None = None
        self._seekers: np.ndarray | None = None  # stand-ins: who seeks anything (seeks nothing)
        # Only events with someone who seeks nothing but likes something pay for the stand-ins.
        thin = not of_stand_ins and any(is_thin(p) for p in profiles)
        self.thin = ProfileMatrix([stand_in(p) for p in profiles], of_stand_ins=profiles) if thin else None

    def pair(self, i: int, j: int) -> float:
        """mutual(i, j) for one pair, without building a row."""
        helps = float(self.offers[i] @ self.seeks[j]) + float(self.offers[j] @ self.seeks[i])
        if self.meaning is not None:
            helps += meaning_help(self.people[i], self.people[j]) + meaning_help(self.people[j], self.people[i])
        if self.thin is not None:
            a, b, meaning = self.people[i], self.people[j], self.meaning is not None
            helps += thin_help(a, b, meaning=meaning) + thin_help(b, a, meaning=meaning)
        return helps + min(INTEREST_CAP, INTEREST_WEIGHT * float(self.interests[i] @ self.interests[j]))

    def pairs(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """mutual(rows[k], cols[k]) for every k, in float64."""
        if self.meaning is not None:  # only small events weigh meaning: one pair at a time is fine
            return np.array([self.pair(int(i), int(j)) for i, j in zip(rows, cols, strict=True)], dtype=np.float64)
        o, s, t = self.offers, self.seeks, self.interests
        helps = np.einsum("ij,ij->i", o[rows], s[cols]) + np.einsum("ij,ij->i", o[cols], s[rows])
        if self.thin is not None:
            to, ts = self.thin.offers, self.thin.seeks
            for giver, taker in ((rows, cols), (cols, rows)):
                helps += np.minimum(THIN_CAP, THIN_SHARE * np.einsum("ij,ij->i", to[giver], ts[taker]))
        return helps + np.minimum(INTEREST_CAP, INTEREST_WEIGHT * np.einsum("ij,ij->i", t[rows], t[cols]))

    def approximate_rows(self, start: int, stop: int) -> np.ndarray:
        """``rows(start, stop)`` in float32 (within ``FLOAT32_SLACK``), about three times faster."""
        out = self._gives[start:stop] @ self._takes
        shared = self._likes[start:stop] @ self._liked
        shared *= INTEREST_WEIGHT
        np.minimum(shared, INTEREST_CAP, out=shared)
        out += shared
        if self.meaning is not None:
            out += self.meaning.rows(start, stop)
            out += self.meaning.columns(start, stop)
        self._add_thin(start, stop, out)
        return out

    def _add_thin(self, start: int, stop: int, out: np.ndarray) -> None:
        """Add both directions of the thin-profile weight to rows start..stop-1 of ``out``: only
        the columns and rows of people who seek nothing are touched (few)."""
        thin = self.thin
        if thin is None:
            return
        if thin._seekers is None:
            thin._seekers = np.flatnonzero([bool(p.seeks) for p in thin.people])  # by text: meaning too
        seekers = thin._seekers
        given = thin.offers[start:stop] @ thin.seeks[seekers].T
        if thin.meaning is not None:
            given += thin.meaning.rows(start, stop)[:, seekers]
        out[:, seekers] += np.minimum(THIN_CAP, THIN_SHARE * given)
        mine = seekers[(seekers >= start) & (seekers < stop)]
        received = thin.seeks[mine] @ thin.offers.T
        if thin.meaning is not None:
            received += thin.meaning.columns(start, stop)[mine - start]
        out[mine - start] += np.minimum(THIN_CAP, THIN_SHARE * received)

    def row_caps(self) -> np.ndarray:
        """Per person, a cap on mutual(i, j) over every j: all they offer, everything they seek at
        the largest weight anyone offers it, the interest term at its cap, and help by meaning at
        its largest both ways."""
        best_offer = self.offers.max(axis=0, initial=0.0)
        shared = np.minimum(INTEREST_CAP, INTEREST_WEIGHT * self.interests.sum(axis=1))
        caps = self.offers.sum(axis=1) + self.seeks @ best_offer + shared
        if self.meaning is not None:
            caps += 2 * float(strength(1.0))
        if self.thin is not None:
            caps += 2 * THIN_CAP
        return caps

    def directional_help(self) -> np.ndarray:
        """[a, b] = help(a -> b) for everyone, vocabulary plus meaning, computed once (float32)."""
        assert self.meaning is not None
        if self._help is None:
            self._help = self.meaning.full()
            # The vocabulary's part (``semantic.vocabulary_help``) from the concept vectors already
            # built, in one product rather than one block per concept over everyone's terms again;
            # in float32 as there, so that adding it rounds as it did.
            vocabulary = self.offers.astype(np.float32) @ self.seeks.T.astype(np.float32)
            np.fill_diagonal(vocabulary, 0.0)
            self._help += vocabulary
        return self._help

    def rows(self, start: int, stop: int) -> np.ndarray:
        """mutual(i, j) for i in start..stop-1 and every j."""
        n, liked = len(self.people), self._interests_by_concept
        shared = np.minimum(INTEREST_CAP, INTEREST_WEIGHT * row_products(liked, liked, start, stop, n))
        self._add_thin(start, stop, shared)
        if self.meaning is None:
            helps = row_products(self._offers_by_concept, self._seeks_by_concept, start, stop, n)
            helps += row_products(self._seeks_by_concept, self._offers_by_concept, start, stop, n)
            helps += shared
            return helps
        helps = self.directional_help()
        shared += helps[start:stop]
        shared += helps[:, start:stop].T
        return shared


class Weights:
    """w(i, j) by person index, for profile scores or explicit weights."""

    def __init__(self, instance: Instance):
        self.n = len(instance.people)
        self.index = {p.id: i for i, p in enumerate(instance.people)}
        self.explicit: dict[tuple[int, int], float] | None = None
        self.dense: np.ndarray | None = None
        self.profiles: ProfileMatrix | None = None
        self._cached_blocks: list[tuple[int, np.ndarray]] = []
        self.tops: TopPartners | None = None  # set by ``strongest``
        # Attendees' wishes raise a pair's weight (solver.preferences), whatever the weights come from.
        self.bonus = _indexed(wish_bonuses(instance), self.index)
        if instance.weights is not None:
            self.explicit = _indexed(instance.weights, self.index)
            for key, extra in self.bonus.items():
                self.explicit[key] = self.explicit.get(key, 0.0) + extra
        else:
            self.profiles = ProfileMatrix(instance)
            if self.n <= DENSE_LIMIT:
                self.dense = self.profiles.rows(0, self.n)
                np.fill_diagonal(self.dense, 0.0)
                self._add_bonus(0, self.dense)

    def __call__(self, i: int, j: int) -> float:
        if self.explicit is not None:
            return self.explicit.get((i, j) if i < j else (j, i), 0.0)
        if self.dense is not None:
            return float(self.dense[i, j])
        assert self.profiles is not None
        return self.profiles.pair(i, j) + self.bonus.get((i, j) if i < j else (j, i), 0.0) if i != j else 0.0

    def _with_bonus(self, start: int, block: np.ndarray) -> np.ndarray:
        self._add_bonus(start, block)
        return block

    def _add_bonus(self, start: int, block: np.ndarray) -> None:
        stop = start + block.shape[0]
        for (i, j), extra in self.bonus.items():
            if start <= i < stop:
                block[i - start, j] += extra
            if start <= j < stop:
                block[j - start, i] += extra

    def of_pairs(self, pairs: list[tuple[int, int]]) -> list[float]:
        """w(i, j) for many pairs at once (vectorised for profile weights above ``DENSE_LIMIT``)."""
        if self.profiles is None or self.dense is not None or not pairs:
            return [self(i, j) for i, j in pairs]
        rows, cols = np.array(pairs, dtype=np.int64).T
        return np.where(rows == cols, 0.0, self._exact_pairs(rows, cols)).tolist()

    def _exact_pairs(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """w(rows[k], cols[k]) from the profiles, wishes included."""
        assert self.profiles is not None
        weights = self.profiles.pairs(rows, cols)
        if self.bonus:
            weights = weights + np.array(
                [
                    self.bonus.get((i, j) if i < j else (j, i), 0.0)
                    for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
                ]
            )
        return weights

    def _row_caps(self) -> np.ndarray:
        """Per person, a cap on every weight of their row: the profiles' cap plus their largest wish."""
        assert self.profiles is not None
        caps = self.profiles.row_caps()
        largest = np.zeros(self.n)
        for (i, j), extra in self.bonus.items():
            largest[i] = max(largest[i], extra)
            largest[j] = max(largest[j], extra)
        return caps + largest

    def blocks(self) -> Iterator[tuple[int, np.ndarray]]:
        """(first row, rows of the weight matrix) over everyone; only for profile weights."""
        if self.dense is not None:
            yield 0, self.dense
            return
        assert self.profiles is not None
        if self._cached_blocks:
            yield from self._cached_blocks
            return
        cache = self.n <= CACHE_LIMIT
        for start in range(0, self.n, BLOCK_ROWS):
            block = self.profiles.rows(start, min(self.n, start + BLOCK_ROWS))
            block[np.arange(block.shape[0]), np.arange(start, start + block.shape[0])] = 0.0
            self._add_bonus(start, block)
            if cache:  # the LP pricing passes over all pairs several times
                self._cached_blocks.append((start, block))
            yield start, block

    def strongest(
        self, per_person: int, width: int = 0, should_stop: Callable[[], bool] = lambda: False
    ) -> dict[tuple[int, int], float]:
        """Every person's ``per_person`` heaviest positive partners (i < j keys), in one pass that
        also keeps everyone's ``width`` heaviest weights in ``self.tops`` (for the degree bound).
        ``should_stop`` is asked between blocks: rows not reached then have no partners here."""
        if self.explicit is not None:
            return self._strongest_explicit(per_person, width)
        assert self.profiles is not None
        profiles = self.profiles
        caps = self._row_caps()
        if self.dense is not None:
            dense = self.dense
            edges, self.tops = scan_partners(self.n, [(0, dense)], lambda r, c: dense[r, c], per_person, width, caps)
            return edges
        blocks = (
            (start, self._with_bonus(start, profiles.approximate_rows(start, min(self.n, start + BLOCK_ROWS))))
            for start in range(0, self.n, BLOCK_ROWS)
        )
        edges, self.tops = scan_partners(
            self.n, blocks, self._exact_pairs, per_person, width, caps, should_stop, FLOAT32_SLACK
        )
        return edges

    def _strongest_explicit(self, per_person: int, width: int) -> dict[tuple[int, int], float]:
        edges: dict[tuple[int, int], float] = {}
        by_person: dict[int, list[tuple[float, int]]] = {}
        for (i, j), w in self.explicit.items() if self.explicit else ():
            if w > 0:
                by_person.setdefault(i, []).append((w, j))
                by_person.setdefault(j, []).append((w, i))
        tops, caps = np.zeros((self.n, width)), np.zeros(self.n)
        for i, row in by_person.items():
            row.sort(key=lambda x: (-x[0], x[1]))
            caps[i] = row[0][0]
            for w, j in row[:per_person]:
                edges[(i, j) if i < j else (j, i)] = w
            heaviest = [w for w, _ in row[:width]]
            tops[i, : len(heaviest)] = heaviest
        self.tops = TopPartners(tops, np.ones(self.n, dtype=bool), caps)
        return edges


def _indexed(weights: Mapping[Pair, float], index: dict[str, int]) -> dict[tuple[int, int], float]:
    result = {}
    for pair, w in weights.items():
        i, j = sorted(index[p] for p in pair)
        result[(i, j)] = float(w)
    return result
