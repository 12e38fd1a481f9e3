"""Meeting counts and weights of a tables seating as dense matrices, and what a swap changes.

The score the table searches maximise: each pair that meets is worth its weight once, each meeting
beyond the first costs a penalty larger than all weights together, and a must-not-meet meeting
more than any number of repeats. Below the repeats, seats at smaller tables are spread fairly:
``short[p]`` counts the seats p is short of the round's largest table, over the open rounds, and
the score loses ``seat_cost`` * sum(short²), which is lowest when nobody sits at a small table
again before the others have. ``seat_cost`` is set so that no swap's seat change outweighs half a
repeat, which on real events still puts it well above any swap's weight gain.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from solver.indices import Schedule
from solver.metrics import P10, percentile
from solver.setup import Setup
from solver.tables.sizes import seats_short

MAX_LIFT = 2.0  # cap on the boost that people below the fairness floor accumulate


class Meetings:
    """Weights and meeting counts as dense matrices, with the score change of a swap."""

    def __init__(self, setup: Setup, seating: Schedule):
        n = setup.n
        self.w = _weight_matrix(setup)
        self.count = np.zeros((n, n), dtype=np.int32)
        for i, j in setup.met:
            self.count[i, j] = self.count[j, i] = 1
            self.w[i, j] = self.w[j, i] = 0.0  # meeting again is worth nothing
        repeat_cost = 1.0 + float(self.w.sum())  # one repeat outweighs any weight
        self.penalty = np.full((n, n), repeat_cost)
        for i, j in setup.forbidden:
            # A forbidden pair counts as met already, and meeting costs more than any number of repeats.
            self.count[i, j] = self.count[j, i] = 1
            self.w[i, j] = self.w[j, i] = 0.0
            self.penalty[i, j] = self.penalty[j, i] = repeat_cost * (n * n + 1)
        self.base_count = self.count.copy()
        self.true_w = self.w.copy()
        self.lift = np.zeros(n)  # accumulated fairness boost of people below the floor
        self.present = np.zeros(n, dtype=bool)
        for r in setup.open_rounds:
            self.present[setup.present[r]] = True
        # 0 for empty profiles (``Setup.empty_profiles``): fairness sees their values at 0 and the
        # greedy baseline seats them as if they weighed nothing, so their crumbs steer nothing.
        self.weighed = (~setup.empty_profiles).astype(np.float64)
        self.seat_cost = _seat_cost(setup, repeat_cost)
        self.reset(seating)

    def fair_values(self, offset: np.ndarray | None = None) -> np.ndarray:
        """``values`` plus ``offset`` as the fairness figures see them: an empty profile's at 0."""
        return (self.values() + (0.0 if offset is None else offset)) * self.weighed

    def values(self) -> np.ndarray:
        """Each person's value in the current seating (true weights, open rounds)."""
        return (self.true_w * (self.count - self.base_count >= 1)).sum(axis=1)

    def boost_lowest(self, boost: float, floor: float | None = None, offset: np.ndarray | None = None) -> None:
        """Search weights that favour the people with the lowest values now (fairness): everyone
        up to the 10th percentile (``solver.metrics.percentile``).

        With a ``floor`` (a value everyone should reach; ``offset`` adds what frozen rounds gave
        each person), whoever is still below it keeps gaining boost each time, until they are not."""
        values = self.fair_values(offset)
        cut = percentile(list(values[self.present]), P10)
        boosted = self.present & (self.weighed > 0)
        low = (boosted & (values <= cut)).astype(float)
        if floor is not None:
            below = boosted & (values < floor - 1e-9)
            self.lift = np.where(below, np.minimum(self.lift + boost, MAX_LIFT), 0.0)
            low = np.maximum(low, self.lift)
        self.w = self.true_w * (1.0 + boost * (low[:, None] + low[None, :]))

    def reset(self, seating: Schedule) -> None:
        """Meeting counts and seats short for this seating (on top of earlier meetings)."""
        self.count = self.base_count.copy()
        for tables in seating.values():
            for table in tables:
                self._add(table, 1)
        self.short = seats_short(self.count.shape[0], seating)

    def uneven(self) -> float:
        """sum(short²): how unevenly the smaller tables are spread."""
        return float((self.short**2).sum())

    def _add(self, table: list[int], step: int) -> None:
        for k, a in enumerate(table):
            for b in table[k + 1 :]:
                self.count[a, b] += step
                self.count[b, a] += step

    def _value(self, a: int, b: int, count: int) -> float:
        return (self.w[a, b] if count >= 1 else 0.0) - self.penalty[a, b] * max(0, count - 1)

    def join_gain(self, a: int, table: list[int], skip: int) -> float:
        """Score change when a joins the table (without ``skip``)."""
        return sum(
            self._value(a, m, self.count[a, m] + 1) - self._value(a, m, self.count[a, m])
            for m in table
            if m != skip and m != a
        )

    def leave_gain(self, a: int, table: list[int]) -> float:
        return sum(
            self._value(a, m, self.count[a, m] - 1) - self._value(a, m, self.count[a, m]) for m in table if m != a
        )

    def swap_gain(self, a: int, ta: list[int], b: int, tb: list[int]) -> float:
        seats = float(self.seat_gain(len(ta) - len(tb), self.short[a] - self.short[b]))
        return (
            self.leave_gain(a, ta)
            + self.leave_gain(b, tb)
            + self.join_gain(a, tb, b)
            + self.join_gain(b, ta, a)
            + seats
        )

    def seat_gain(self, bigger: np.ndarray | int, short_difference: np.ndarray | float) -> np.ndarray | float:
        """Score change of the seats when a moves to a table ``bigger`` seats smaller than their own
        and b the other way (``short_difference`` = short[a] - short[b]); works on arrays too."""
        return -self.seat_cost * (2 * bigger * short_difference + 2 * bigger * bigger)

    def swap(self, a: int, ta: list[int], b: int, tb: list[int]) -> None:
        self._replace(a, b, ta)
        self._replace(b, a, tb)
        self.short[a] += len(ta) - len(tb)
        self.short[b] -= len(ta) - len(tb)

    def _replace(self, leaving: int, joining: int, table: list[int]) -> None:
        """``joining`` takes the seat of ``leaving`` at the table, meetings and all."""
        for m in table:
            if m != leaving:
                self.count[leaving, m] -= 1
                self.count[m, leaving] -= 1
                self.count[joining, m] += 1
                self.count[m, joining] += 1
        table[table.index(leaving)] = joining

    @contextmanager
    def repeats_only(self) -> Iterator[None]:
        """Search weights of zero for a while: only repeats (and must-not-meet pairs) count."""
        weights, self.w = self.w, np.zeros_like(self.w)
        try:
            yield
        finally:
            self.w = weights

    def search_score(self) -> float:
        """The swap search's score of the current seating (search weights, repeats and uneven
        seats penalised)."""
        met = self.count >= 1
        value = np.where(met, self.w, 0.0) - self.penalty * np.maximum(self.count - 1, 0)
        return float(value.sum()) / 2 - self.seat_cost * self.uneven()

    def repeats(self) -> int:
        """Extra meetings beyond the first, over all pairs (a forbidden meeting counts too)."""
        return int(np.maximum(self.count - 1, 0).sum()) // 2

    def repeats_earlier(self, table: list[int]) -> bool:
        """Someone at the table met a tablemate before the open rounds (or must not meet them)."""
        return any(self.base_count[a, m] for k, a in enumerate(table) for m in table[k + 1 :])

    def conflicted(self, table: list[int]) -> list[int]:
        return [a for a in table if any(self.count[a, m] > 1 for m in table if m != a)]


def _seat_cost(setup: Setup, repeat_cost: float) -> float:
    """Cost per unit of sum(short²): a swap changes it by 2d(short[a] - short[b]) + 2d² for tables d
    seats apart, at most 2 d_max² (rounds + 1); that may cost half a repeat."""
    sizes = [s for r in setup.open_rounds for s in setup.sizes.get(r, []) if s]
    apart = max(sizes, default=0) - min(sizes, default=0)
    if apart == 0:
        return 0.0
    return repeat_cost / (4 * apart * apart * (len(setup.open_rounds) + 1))


def _weight_matrix(setup: Setup) -> np.ndarray:
    weights = setup.weights
    if weights.dense is not None:
        return weights.dense.copy()
    w = np.zeros((setup.n, setup.n))
    if weights.explicit is not None:
        for (i, j), value in weights.explicit.items():
            w[i, j] = w[j, i] = value
        return w
    for start, block in weights.blocks():
        w[start : start + block.shape[0]] = block
    return w
