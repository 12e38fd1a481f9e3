"""Lifting the lowest person: after the tables search, targeted swaps that raise whoever has the
lowest value, paid for with a little total, until the minimum reaches the greedy seating's.

The swap search maximises the total with a boost for the lowest tenth, yet the greedy seating (the
baseline, which may have repeats) can still leave its least-served person better off: at 200
people, one person with only ten partners worth anything to them got 3.50 against greedy's 3.75.
Here the lowest person looks, round by round, at the partners worth most to them whom they have
not met: that partner swaps places with one of their tablemates, or they swap into the partner's
table. A move is taken when it adds no repeat, spreads the smaller tables no less evenly, raises
the lowest value (or leaves fewer people at it), and keeps the total and the p10 at the floor; of
those, the one with the highest new minimum, then the highest total.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from solver.metrics import fairness
from solver.setup import Setup
from solver.meetings import Meetings, Seating
from solver.tables import search_rounds

PARTNERS_TRIED = 12  # the lowest person's most valuable unmet partners considered per round


def lift_lowest(
    setup: Setup,
    seating: Seating,
    meetings: Meetings,
    floor: tuple[float, float, float],
    offset: np.ndarray,
    should_stop: Callable[[], bool],
) -> bool:
    """Swap in place (``seating`` and ``meetings``) until the minimum reaches ``floor`` (total,
    minimum, p10) or no move helps; ``offset`` is what frozen rounds gave each person. True when
    something moved."""
    counted = np.array([p.rounds is None or bool(p.rounds) for p in setup.instance.people])
    rounds = search_rounds(setup, seating, meetings)
    moved = False
    while rounds and not should_stop():
        values = meetings.values() + offset
        lowest = float(values[counted].min())
        person = int(np.flatnonzero(counted & (values <= lowest + 1e-9))[0])
        if lowest >= floor[1] - 1e-9 or not meetings.present[person]:
            break
        move = _best_move(person, rounds, seating, meetings, counted, floor, offset)
        if move is None:
            break
        meetings.swap(*move)
        moved = True
    return moved


Move = tuple[int, list[int], int, list[int]]  # (a, a's table, b, b's table) as Meetings.swap takes


def _best_move(
    person: int, rounds: list[int], seating: Seating, meetings: Meetings, counted: np.ndarray, floor: tuple[float, float, float], offset: np.ndarray
) -> Move | None:
    repeats, seats = meetings.repeats(), _uneven(meetings)
    before = _standing(meetings.values() + offset, counted)
    best: tuple[tuple[float, float], Move] | None = None
    for r in rounds:
        table_of = {p: table for table in seating[r] for p in table}
        mine = table_of.get(person)
        if mine is None:
            continue
        unmet = [q for q in np.argsort(-meetings.true_w[person]) if meetings.true_w[person, q] > 0 and meetings.count[person, q] == 0]
        for q in unmet[:PARTNERS_TRIED]:
            theirs = table_of.get(int(q))
            if theirs is None:
                continue
            moves = [(x, mine, int(q), theirs) for x in mine if x != person] + [(person, mine, y, theirs) for y in theirs if y != q]
            for move in moves:
                meetings.swap(*move)
                if meetings.repeats() <= repeats and _uneven(meetings) <= seats:
                    values = meetings.values() + offset
                    after = _standing(values, counted)
                    total = float(values.sum()) / 2
                    _, p10 = fairness(list(values[counted]))
                    if after > before and total >= floor[0] - 1e-9 and p10 >= floor[2] - 1e-9:
                        rank = (after, total)
                        if best is None or rank > best[0]:
                            best = (rank, move)
                a, ta, b, tb = move
                meetings.swap(b, ta, a, tb)  # undo
    return None if best is None else best[1]


def _uneven(meetings: Meetings) -> float:
    return float((meetings.short**2).sum())


def _standing(values: np.ndarray, counted: np.ndarray) -> tuple[float, int]:
    """(lowest value, minus how many people have it): larger is fairer."""
    lowest = float(values[counted].min())
    return (round(lowest, 9), -int((values[counted] <= lowest + 1e-9).sum()))
