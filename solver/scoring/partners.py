"""Everyone's heaviest partners in one pass over all pairs, a block of rows at a time, with a stop
check between blocks.

The pass gives the candidate pairs (``solver.bound.candidates``) and, from the same numbers, the
cheap *degree bound* (``solver.bound.lp.degree_bound``): so neither needs a second pass over the
n² pairs. Rows the pass did not reach before a stop get a per-person cap on any of their weights
(``ProfileMatrix.row_caps``) instead, so the bound stays valid.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

# The fast scan ranks partners in float32; a weight may be off by a few units in the 7th digit, so
# the bound built from its values is raised by this share to stay above the exact one.
FLOAT32_SLACK = 1e-5


@dataclass
class TopPartners:
    """Per person, the weights of their ``width`` heaviest partners (largest first, zeros when they
    have fewer), whether the pass reached their row, and a cap on any weight of their row."""

    weights: np.ndarray  # (n, width), float64
    reached: np.ndarray  # (n,), bool
    caps: np.ndarray  # (n,), float64: no weight of row i is above caps[i]

    @property
    def width(self) -> int:
        return int(self.weights.shape[1])

    def heaviest_sum(self, meets: Iterable[int]) -> float:
        """Sum over people of their ``meets[i]`` heaviest weights, or more (never less): beyond the
        width each further partner counts as the last kept weight, an unreached row as its cap."""
        total = 0.0
        width = self.width
        for i, m in enumerate(meets):
            if m <= 0:
                continue
            if not self.reached[i]:
                total += m * float(self.caps[i])
                continue
            row = self.weights[i]
            kept = min(m, width)
            total += float(row[:kept].sum())
            if m > width and width:
                total += (m - width) * float(row[width - 1])
        return total


def block_tops(block: np.ndarray, first_row: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(columns, values) of each row's ``k`` largest entries, largest first, never the row's own
    diagonal (row r of the block is person ``first_row + r``)."""
    rows, n = block.shape
    k = min(k, n - 1)
    if k <= 0:
        return np.zeros((rows, 0), dtype=np.int64), np.zeros((rows, 0), dtype=block.dtype)
    own = np.arange(first_row, first_row + rows)
    saved = block[np.arange(rows), own].copy()
    block[np.arange(rows), own] = -np.inf  # nobody is their own partner
    part = np.argpartition(-block, k - 1, axis=1)[:, :k] if k < n else np.argsort(-block, axis=1)
    values = np.take_along_axis(block, part, axis=1)
    order = np.argsort(-values, axis=1, kind="stable")
    columns = np.take_along_axis(part, order, axis=1)
    values = np.take_along_axis(values, order, axis=1)
    block[np.arange(rows), own] = saved
    return columns, values


def scan_partners(
    n: int,
    blocks: Iterable[tuple[int, np.ndarray]],
    exact: Callable[[np.ndarray, np.ndarray], np.ndarray],
    per_person: int,
    width: int,
    caps: np.ndarray,
    should_stop: Callable[[], bool] = lambda: False,
    slack: float = 0.0,
) -> tuple[dict[tuple[int, int], float], TopPartners]:
    """Each person's ``per_person`` heaviest positive partners (i < j keys, exact weights from
    ``exact(rows, columns)``), and everyone's ``width`` heaviest weights for the degree bound.

    ``should_stop`` is asked before every block but the first; rows not reached keep no partners.
    ``slack``: the share by which the block values may be below the exact weights."""
    edges: dict[tuple[int, int], float] = {}
    k = max(per_person, width)
    tops = TopPartners(np.zeros((n, max(0, min(k, n - 1)))), np.zeros(n, dtype=bool), caps)
    for number, (start, block) in enumerate(blocks):
        if number and should_stop():
            break
        columns, values = block_tops(block, start, k)
        stop = start + block.shape[0]
        tops.weights[start:stop, : values.shape[1]] = np.maximum(values, 0.0) * (1.0 + slack)
        tops.reached[start:stop] = True
        chosen = columns[:, :per_person]
        rows = np.broadcast_to(np.arange(start, stop)[:, None], chosen.shape)
        positive = values[:, :per_person] > 0
        rows, cols = rows[positive], chosen[positive]
        weights = exact(rows, cols)
        low, high = np.minimum(rows, cols), np.maximum(rows, cols)
        for i, j, w in zip(low.tolist(), high.tolist(), weights.tolist(), strict=True):
            if w > 0:
                edges[(i, j)] = w
    return edges, tops
