"""Tables format: a greedy seating per round, then swaps between tables across all rounds.

The swap search maximises total fresh weight minus a large penalty per repeat. While repeats
remain it is a tabu search on the people involved in them (the social golfer approach of Dotú
and Van Hentenryck); afterwards it is a hill climb on the weight.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import numpy as np

from solver.setup import Setup

Seating = dict[int, list[list[int]]]  # open round -> tables (lists of person indices)


class Meetings:
    """Weights and meeting counts as dense matrices, with the score change of a swap."""

    def __init__(self, setup: Setup, seating: Seating):
        n = setup.n
        self.w = _weight_matrix(setup)
        self.count = np.zeros((n, n), dtype=np.int32)
        for i, j in setup.met:
            self.count[i, j] = self.count[j, i] = 1
            self.w[i, j] = self.w[j, i] = 0.0  # meeting again is worth nothing
        self.penalty = np.full((n, n), 1.0 + float(self.w.sum()))  # one repeat outweighs any weight
        for i, j in setup.forbidden:
            # A forbidden pair counts as met already, and meeting costs more than any number of repeats.
            self.count[i, j] = self.count[j, i] = 1
            self.w[i, j] = self.w[j, i] = 0.0
            self.penalty[i, j] = self.penalty[j, i] = self.penalty[0, 0] * (n * n + 1)
        for tables in seating.values():
            for table in tables:
                self._add(table, 1)

    def _add(self, table: list[int], step: int) -> None:
        for k, a in enumerate(table):
            for b in table[k + 1 :]:
                self.count[a, b] += step
                self.count[b, a] += step

    def _value(self, a: int, b: int, count: int) -> float:
        return (self.w[a, b] if count >= 1 else 0.0) - self.penalty[a, b] * max(0, count - 1)

    def join_gain(self, a: int, table: list[int], skip: int) -> float:
        """Score change when a joins the table (without ``skip``)."""
        return sum(self._value(a, m, self.count[a, m] + 1) - self._value(a, m, self.count[a, m]) for m in table if m != skip and m != a)

    def leave_gain(self, a: int, table: list[int]) -> float:
        return sum(self._value(a, m, self.count[a, m] - 1) - self._value(a, m, self.count[a, m]) for m in table if m != a)

    def swap_gain(self, a: int, ta: list[int], b: int, tb: list[int]) -> float:
        return self.leave_gain(a, ta) + self.leave_gain(b, tb) + self.join_gain(a, tb, b) + self.join_gain(b, ta, a)

    def swap(self, a: int, ta: list[int], b: int, tb: list[int]) -> None:
        for m in ta:
            if m != a:
                self.count[a, m] -= 1
                self.count[m, a] -= 1
                self.count[b, m] += 1
                self.count[m, b] += 1
        for m in tb:
            if m != b:
                self.count[b, m] -= 1
                self.count[m, b] -= 1
                self.count[a, m] += 1
                self.count[m, a] += 1
        ta[ta.index(a)] = b
        tb[tb.index(b)] = a

    def conflicted(self, table: list[int]) -> list[int]:
        return [a for a in table if any(self.count[a, m] > 1 for m in table if m != a)]


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


def greedy_seating(setup: Setup, meetings: Meetings | None = None) -> Seating:
    """Round by round, fill each table with whoever adds the most fresh weight to it."""
    seating: Seating = {}
    meetings = meetings or Meetings(setup, {})
    value = np.zeros(setup.n)
    for r in setup.open_rounds:
        left = sorted(setup.present[r], key=lambda i: (value[i], setup.rng.random()))
        tables: list[list[int]] = [[] for _ in setup.sizes[r]]
        order = sorted(range(len(tables)), key=lambda t: -setup.sizes[r][t])
        for t in order:
            if setup.sizes[r][t] == 0:
                continue
            table = tables[t]
            table.append(left.pop(0))  # the person with the least value so far picks first
            while len(table) < setup.sizes[r][t]:
                gains = [meetings.join_gain(p, table, -1) for p in left]
                table.append(left.pop(int(np.argmax(gains))))
        for table in tables:
            meetings._add(table, 1)
            for a in table:
                value[a] += sum(meetings.w[a, m] for m in table if m != a)
        seating[r] = tables
    return seating


def improve_seating(
    setup: Setup,
    seating: Seating,
    meetings: Meetings,
    should_stop: Callable[[], bool],
    on_better: Callable[[Seating], None],
    max_idle: int | None = None,
) -> Seating:
    """Swap search; returns the best seating seen. Stops when told or after ``max_idle`` idle steps."""
    rng = random.Random(setup.instance.seed + 1)
    rounds = [r for r in setup.open_rounds if sum(1 for t in seating[r] if t) > 1]
    if not rounds:
        return seating
    if max_idle is None:
        max_idle = max(300, 10 * sum(len(setup.present[r]) for r in rounds))
    tabu: dict[tuple[int, int], int] = {}
    score = best_score = 0.0
    best = {r: [list(t) for t in ts] for r, ts in seating.items()}
    idle = step = 0
    while idle < max_idle and not (step % 16 == 0 and should_stop()):
        step += 1
        r, a, ta = _pick_focus(rng, rounds, seating, meetings)
        moves = []
        for tb in seating[r]:
            if tb is ta or not tb:
                continue
            for b in tb:
                gain = meetings.swap_gain(a, ta, b, tb)
                moves.append((gain, rng.random(), b, tb))
        if not moves:
            idle += 1
            continue
        conflicts = bool(meetings.conflicted(ta))
        allowed = [m for m in moves if tabu.get((r, m[2]), -1) < step or score + m[0] > best_score + 1e-9]
        if not allowed:
            idle += 1
            continue
        gain, _, b, tb = max(allowed)
        if gain <= 1e-9 and not conflicts:
            idle += 1
            continue
        meetings.swap(a, ta, b, tb)
        score += gain
        tabu[(r, a)] = step + rng.randint(3, 10)
        if score > best_score + 1e-9:
            best_score = score
            best = {q: [list(t) for t in ts] for q, ts in seating.items()}
            on_better(best)
            idle = 0
        else:
            idle += 1
    return best


def _pick_focus(rng: random.Random, rounds: list[int], seating: Seating, meetings: Meetings) -> tuple[int, int, list[int]]:
    """A person in a repeat when there is one (sampled), otherwise anyone."""
    for _ in range(8):
        r = rng.choice(rounds)
        table = rng.choice([t for t in seating[r] if t])
        conflicted = meetings.conflicted(table)
        if conflicted:
            return r, rng.choice(conflicted), table
    r = rng.choice(rounds)
    table = rng.choice([t for t in seating[r] if t])
    return r, rng.choice(table), table
