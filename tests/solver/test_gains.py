"""Swap gains against values worked out by hand, and against an independent rescoring.

One round of six people at two tables of three, [0, 1, 2] and [3, 4, 5], with weights
w(0,1) = 1, w(3,4) = 0.5, w(1,3) = 2, w(0,5) = 5 (all others 0). Swapping 0 and 3 gives up
0-1 and 3-4 (1.5) for 1-3 and 0-5 (7): a gain of 5.5. Swapping 1 and 5 gives up 0-1 (1) for
0-5 and 1-3 (7): 6, the best swap.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from solver import Format, Instance, Person
from solver.metrics import score_schedule
from solver.setup import build_setup
from solver.tables.gains import all_round_swap_gains, best_swap, round_swap_gains
from solver.tables.meetings import Meetings

WEIGHTS = {("p0", "p1"): 1.0, ("p3", "p4"): 0.5, ("p1", "p3"): 2.0, ("p0", "p5"): 5.0}


def six_at_two_tables(met_before: frozenset[frozenset[str]] = frozenset()):
    instance = Instance(
        people=tuple(Person(f"p{i}", f"P{i}") for i in range(6)),
        rounds=1,
        format=Format("tables", 3, 3),
        weights={frozenset(pair): w for pair, w in WEIGHTS.items()},
        met_before=met_before,
    )
    setup = build_setup(instance)
    seating = {0: [[0, 1, 2], [3, 4, 5]]}
    return setup, seating, Meetings(setup, seating)


def rescored_gain(setup, seating, a: int, b: int) -> float:
    """The plan value after swapping a and b minus before, by the metrics module (no repeats here)."""

    def value(tables: list[list[int]]) -> float:
        return score_schedule(setup.n, [tables], setup.weights, set())[0]

    before = value(seating[0])
    swapped = [[b if p == a else a if p == b else p for p in t] for t in seating[0]]
    return value(swapped) - before


def test_swap_gains_are_the_values_worked_out_by_hand():
    _setup, seating, meetings = six_at_two_tables()
    gains, people, _ = round_swap_gains(seating[0], meetings)
    at = {int(p): k for k, p in enumerate(people)}
    assert gains[at[0], at[3]] == pytest.approx(5.5)
    assert gains[at[1], at[5]] == pytest.approx(6.0)
    assert gains[at[2], at[4]] == pytest.approx(-0.5)  # gives up 3-4 for nothing
    assert meetings.swap_gain(0, seating[0][0], 3, seating[0][1]) == pytest.approx(5.5)
    assert best_swap(seating[0], meetings) == pytest.approx((6.0, 1, 5))


def test_every_swap_gain_equals_the_rescored_plan_value():
    setup, seating, meetings = six_at_two_tables()
    gains, people, _ = round_swap_gains(seating[0], meetings)
    at = {int(p): k for k, p in enumerate(people)}
    every, _ = all_round_swap_gains([0], seating, meetings)
    for a, b in itertools.product(seating[0][0], seating[0][1]):
        expected = rescored_gain(setup, seating, a, b)
        assert gains[at[a], at[b]] == pytest.approx(expected)
        assert every[0, a, b] == pytest.approx(expected)
        assert meetings.swap_gain(a, seating[0][0], b, seating[0][1]) == pytest.approx(expected)
    assert len({round(float(g), 6) for g in gains[np.isfinite(gains)]}) > 3  # real, different values


def test_a_swap_into_an_earlier_meeting_costs_a_repeat():
    _setup, seating, meetings = six_at_two_tables(met_before=frozenset({frozenset(("p0", "p5"))}))
    # 0-5 met before: meeting again is worth nothing and costs the repeat penalty, 1 + the sum of
    # the weight matrix (both triangles: 2 * (1 + 0.5 + 2) = 7) = 8. The swap keeps 1-3 (2) and
    # loses 0-1 and 3-4 (1.5).
    assert meetings.penalty[0, 5] == pytest.approx(8.0)
    gains, people, conflicted = round_swap_gains(seating[0], meetings)
    at = {int(p): k for k, p in enumerate(people)}
    assert gains[at[0], at[3]] == pytest.approx(2.0 - 1.5 - 8.0)
    assert not conflicted.any()  # nobody meets anyone twice yet
    meetings.swap(0, seating[0][0], 3, seating[0][1])
    assert meetings.repeats() == 1
    assert seating[0] == [[3, 1, 2], [0, 4, 5]]
