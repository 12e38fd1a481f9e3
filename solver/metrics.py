"""What a plan is worth: total fresh weight, each person's value, repeats, and the fairness figures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import NamedTuple

from solver.indices import Edge

P10 = 10  # the fairness percentile: the lowest tenth of people


def score_schedule(
    n: int,
    rounds: Sequence[Sequence[Sequence[int]]],
    weight: Callable[[int, int], float],
    met_before: set[Edge],
    weights_of: Callable[[list[Edge]], Sequence[float]] | None = None,
) -> tuple[float, list[float], int]:
    """(objective, value per person, repeats). A pair's weight counts once, and never if they met before.

    ``weights_of`` (optional) gives the weights of many pairs at once, the same numbers as ``weight``."""
    meetings: Counter[Edge] = Counter()
    for groups in rounds:
        for group in groups:
            members = sorted(group)
            for k, a in enumerate(members):
                for b in members[k + 1 :]:
                    meetings[(a, b)] += 1
    values = [0.0] * n
    objective = 0.0
    repeats = 0
    fresh = []
    for (a, b), times in meetings.items():
        earlier = (a, b) in met_before
        repeats += times - 1 + earlier
        if not earlier:
            fresh.append((a, b))
    weights = weights_of(fresh) if weights_of is not None else [weight(a, b) for a, b in fresh]
    for (a, b), w in zip(fresh, weights, strict=True):
        objective += w
        values[a] += w
        values[b] += w
    return objective, values, repeats


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); 0 for no values."""
    if not values:
        return 0.0
    return sorted(values)[_rank(len(values), q) - 1]


def lowest_share(values: Sequence[float], q: float = P10) -> list[float]:
    """The values up to the nearest-rank q-th percentile, lowest first: the people it counts."""
    return sorted(values)[: _rank(len(values), q)] if values else []


def lowest_count(count: int, q: float = P10) -> int:
    """How many of ``count`` values ``lowest_share`` counts; the q-th percentile is the last of them."""
    return _rank(count, q) if count else 0


def _rank(count: int, q: float) -> int:
    """Nearest rank: the ceil(count * q / 100)-th smallest value, at least the first."""
    return int(max(1, -(-count * q // 100)))


def fairness(values: Sequence[float]) -> tuple[float, float]:
    """(minimum, 10th percentile) of the person values."""
    return (min(values) if values else 0.0, percentile(values, P10))


class Figures(NamedTuple):
    """The headline figures of a plan: total weight, and the minimum and p10 of the person values."""

    total: float
    minimum: float
    p10: float

    @classmethod
    def of(cls, total: float, values: Sequence[float]) -> Figures:
        return cls(total, *fairness(values))

    def below(self, floor: Figures, tolerance: float = 1e-9) -> bool:
        """Lower than ``floor`` in any of the three figures."""
        return (
            self.total < floor.total - tolerance
            or self.minimum < floor.minimum - tolerance
            or self.p10 < floor.p10 - tolerance
        )


def relative_gap(objective: float, bound: float) -> float:
    if bound <= 1e-12:
        return 0.0
    return max(0.0, (bound - objective) / bound)
