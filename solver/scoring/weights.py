"""Pair weights for a whole event: dense for small events, the strongest candidates for large ones.

Profiles become concept vectors so that all mutual scores of an event come from three matrix
products (the same numbers as ``mutual_score``), computed a block of rows at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np

from solver.model import Instance, Pair
from solver.preferences import wish_bonuses
from solver.scoring.help import INTEREST_CAP, INTEREST_WEIGHT, terms

DENSE_LIMIT = 1500  # up to this many people the full weight matrix is kept
BLOCK_ROWS = 512
CACHE_LIMIT = 6000  # up to this many people the blocks are kept (288 MB at 6,000)


class ProfileMatrix:
    """Concept vectors of everyone's offers, seeks and interests."""

    def __init__(self, instance: Instance):
        all_terms = [terms(p.profile) for p in instance.people]
        concepts: dict[str, int] = {}
        for t in all_terms:
            for field in (t.offers, t.seeks, t.interests):
                for concept in field:
                    concepts.setdefault(concept, len(concepts))
        n, c = len(all_terms), max(1, len(concepts))
        self.offers = np.zeros((n, c), dtype=np.float64)
        self.seeks = np.zeros((n, c), dtype=np.float64)
        self.interests = np.zeros((n, c), dtype=np.float64)
        for i, t in enumerate(all_terms):
            for concept, mention in t.offers.items():
                self.offers[i, concepts[concept]] = mention.weight
            for concept in t.seeks:
                self.seeks[i, concepts[concept]] = 1.0
            for concept in t.interests:
                self.interests[i, concepts[concept]] = 1.0

    def pair(self, i: int, j: int) -> float:
        """mutual(i, j) for one pair, without building a row."""
        helps = float(self.offers[i] @ self.seeks[j]) + float(self.offers[j] @ self.seeks[i])
        return helps + min(INTEREST_CAP, INTEREST_WEIGHT * float(self.interests[i] @ self.interests[j]))

    def rows(self, start: int, stop: int) -> np.ndarray:
        """mutual(i, j) for i in start..stop-1 and every j."""
        help_out = self.offers[start:stop] @ self.seeks.T
        help_in = self.seeks[start:stop] @ self.offers.T
        shared = self.interests[start:stop] @ self.interests.T
        return help_out + help_in + np.minimum(INTEREST_CAP, INTEREST_WEIGHT * shared)


class Weights:
    """w(i, j) by person index, for profile scores or explicit weights."""

    def __init__(self, instance: Instance):
        self.n = len(instance.people)
        self.index = {p.id: i for i, p in enumerate(instance.people)}
        self.explicit: dict[tuple[int, int], float] | None = None
        self.dense: np.ndarray | None = None
        self.profiles: ProfileMatrix | None = None
        self._cached_blocks: list[tuple[int, np.ndarray]] = []
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

    def _add_bonus(self, start: int, block: np.ndarray) -> None:
        stop = start + block.shape[0]
        for (i, j), extra in self.bonus.items():
            if start <= i < stop:
                block[i - start, j] += extra
            if start <= j < stop:
                block[j - start, i] += extra

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

    def strongest(self, per_person: int) -> dict[tuple[int, int], float]:
        """Every person's ``per_person`` heaviest positive partners (i < j keys)."""
        edges: dict[tuple[int, int], float] = {}
        if self.explicit is not None:
            by_person: dict[int, list[tuple[float, int]]] = {}
            for (i, j), w in self.explicit.items():
                if w > 0:
                    by_person.setdefault(i, []).append((w, j))
                    by_person.setdefault(j, []).append((w, i))
            for i, row in by_person.items():
                for w, j in sorted(row, key=lambda x: (-x[0], x[1]))[:per_person]:
                    edges[(i, j) if i < j else (j, i)] = w
            return edges
        k = min(per_person, self.n - 1)
        for start, block in self.blocks():
            if k <= 0:
                break
            top = np.argpartition(-block, k - 1, axis=1)[:, :k] if k < self.n else np.argsort(-block, axis=1)
            for offset, row in enumerate(top):
                i = start + offset
                for j in row.tolist():
                    w = float(block[offset, j])
                    if w > 0 and j != i:
                        edges[(i, j) if i < j else (j, i)] = w
        return edges


def _indexed(weights: Mapping[Pair, float], index: dict[str, int]) -> dict[tuple[int, int], float]:
    result = {}
    for pair, w in weights.items():
        i, j = sorted(index[p] for p in pair)
        result[(i, j)] = float(w)
    return result
