"""Large pairs rounds: the candidate pairs and their matching scores as arrays (``CandidateArrays``),
so that a round of thousands is scored and filtered without a Python call per pair.

The scores are the pairs stage's (``solver.pairs.stage``): the weight, boosted for pairs the LP
chose (more when a person's LP pairs would not fit in the rounds left), plus a bonus for keeping
an announced pair; ``CandidateArrays.round_edges`` gives the same integers as that stage's
per-pair score.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from solver.indices import Edge
from solver.pairs.matching import SCALE, ScoredEdges
from solver.setup import Setup

LP_BOOST = 0.5  # matching weight bonus for pairs the LP chose
TIGHT_BOOST = 0.5  # ... and more when a person's LP pairs would not fit in the rounds left


class CandidateArrays:
    """The candidate pairs (i < j, in the dict's order), their weights, whether the LP chose them
    and whether they are still fresh (neither forbidden nor met, ``mark_met`` as rounds are built)."""

    def __init__(self, setup: Setup, candidates: dict[Edge, float], lp_pairs: set[Edge]):
        self.n = setup.n
        edges = list(candidates)
        self.ends = np.array(edges, dtype=np.int64).reshape(-1, 2)
        self.weights = np.array([candidates[e] for e in edges], dtype=np.float64)
        self.position = {e: k for k, e in enumerate(edges)}
        self.lp = np.zeros(len(edges), dtype=bool)
        self.lp[[self.position[e] for e in lp_pairs if e in self.position]] = True
        self.fresh = np.ones(len(edges), dtype=bool)
        self.mark_met(setup.forbidden | setup.met)

    def mark_met(self, pairs: Iterable[Edge]) -> None:
        for e in pairs:
            k = self.position.get(e)
            if k is not None:
                self.fresh[k] = False

    def round_edges(
        self, present: Sequence[int], lp_left: Sequence[int], rounds_left: int, previous: set[Edge], keep_bonus: int
    ) -> ScoredEdges:
        """The fresh pairs among ``present`` with the stage's scores."""
        inside = np.zeros(self.n, dtype=bool)
        inside[list(present)] = True
        i, j = self.ends[:, 0], self.ends[:, 1]
        keep = self.fresh & inside[i] & inside[j]
        left = np.asarray(lp_left)
        tight = np.maximum(left[i], left[j]) >= rounds_left
        factor = 1.0 + np.where(self.lp, LP_BOOST + np.where(tight, TIGHT_BOOST, 0.0), 0.0)
        scores = (self.weights * SCALE * factor).astype(np.int64)
        for e in previous:
            k = self.position.get(e)
            if k is not None:
                scores[k] += keep_bonus
        return ScoredEdges(self.n, self.ends[keep], scores[keep])
