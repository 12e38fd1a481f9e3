"""What a plan is worth: total fresh weight, each person's value, repeats, and the fairness figures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

Edge = tuple[int, int]


def score_schedule(
    n: int, rounds: Sequence[Sequence[Sequence[int]]], weight: Callable[[int, int], float], met_before: set[Edge]
) -> tuple[float, list[float], int]:
    """(objective, value per person, repeats). A pair's weight counts once, and never if they met before."""
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
    for (a, b), times in meetings.items():
        earlier = (a, b) in met_before
        repeats += times - 1 + earlier
        if not earlier:
            w = weight(a, b)
            objective += w
            values[a] += w
            values[b] += w
    return objective, values, repeats


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def fairness(values: Sequence[float]) -> tuple[float, float]:
    """(minimum, 10th percentile) of the person values."""
    return (min(values) if values else 0.0, percentile(values, 10))


def relative_gap(objective: float, bound: float) -> float:
    if bound <= 1e-12:
        return 0.0
    return max(0.0, (bound - objective) / bound)
