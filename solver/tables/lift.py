"""Lifting the lowest people: after the tables search, targeted swaps that raise whoever is below
the greedy seating's minimum or p10, paid for with a little total, until the plan reaches both.

The swap search maximises the total with a boost for the lowest tenth, yet the greedy seating (the
baseline, which may have repeats) can still leave its least-served people better off: at 200
people, one person with only ten partners worth anything to them got 3.50 against greedy's 3.75.
Here someone below the floor looks, round by round, at the partners worth most to them whom they
have not met: that partner swaps places with one of their tablemates, or they swap into the
partner's table. How far the plan is from the floor is measured by two *shortfalls*: the sum of
how far people are below the greedy minimum, then how far the people closest below the greedy
p10 are from it, as many of them as must rise for the p10 to reach it (summing everyone below
it made the lift spend 290 of tables-200's total raising the lowest and still miss the p10). A
move is taken when it adds no repeat, spreads the smaller tables no less evenly, lowers the
shortfalls (the first, or the second at an equal first) and keeps the total at the floor; of
those, the one that lowers them most, then the one with the highest total. Below the minimum the
lowest person is tried first, then the next; below the p10 only, the closest to it first.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from solver.indices import Schedule
from solver.metrics import Figures, fairness, lowest_count
from solver.setup import Setup
from solver.tables.meetings import Meetings
from solver.tables.search import search_rounds

PARTNERS_TRIED = 12  # a person's most valuable unmet partners considered per round
PEOPLE_TRIED = 5  # people below the floor tried, lowest first, before giving up on a step

Move = tuple[int, list[int], int, list[int]]  # (a, a's table, b, b's table) as Meetings.swap takes


def lift_lowest(
    setup: Setup,
    seating: Schedule,
    meetings: Meetings,
    floor: Figures,
    offset: np.ndarray,
    should_stop: Callable[[], bool],
) -> bool:
    """Swap in place (``seating`` and ``meetings``) until the plan reaches the ``floor``'s minimum
    and p10 (the greedy seating's figures), or no move helps; ``offset`` is what frozen rounds gave each person. True when
    something moved."""
    counted = np.array([p.rounds is None or bool(p.rounds) for p in setup.instance.people])
    rounds = search_rounds(setup, seating, meetings)
    moved = False
    while rounds and not should_stop():
        values = meetings.fair_values(offset)
        lowest, p10 = fairness(list(values[counted]))
        if lowest >= floor.minimum - 1e-9 and p10 >= floor.p10 - 1e-9:
            break
        below = (
            counted
            & meetings.present
            & (meetings.weighed > 0)  # an empty profile's crumbs never lift it
            & (values < (floor.minimum if lowest < floor.minimum - 1e-9 else floor.p10) - 1e-9)
        )
        # Below the minimum, the lowest first; below the p10 only, the closest to it first: the p10
        # reaches the floor once few enough people are below it, whoever they are.
        sign = 1 if lowest < floor.minimum - 1e-9 else -1
        move = None
        for person in sorted(np.flatnonzero(below), key=lambda p: (sign * values[p], p))[:PEOPLE_TRIED]:
            move = _best_move(int(person), rounds, seating, meetings, counted, floor, offset, should_stop)
            if move is not None:
                break
        if move is None:
            break
        meetings.swap(*move)
        moved = True
    return moved


def _best_move(
    person: int,
    rounds: list[int],
    seating: Schedule,
    meetings: Meetings,
    counted: np.ndarray,
    floor: Figures,
    offset: np.ndarray,
    should_stop: Callable[[], bool],
) -> Move | None:
    """The best lifting move of ``person`` (see the module docstring); a stop request ends the
    search early with the best move found so far (each move weighs everyone's value)."""
    seats = meetings.uneven()
    values = meetings.values() + offset
    before, total_now = _shortfalls(values * meetings.weighed, counted, floor), float(values.sum()) / 2
    unmet = [
        int(q)
        for q in np.argsort(-meetings.true_w[person])
        if meetings.true_w[person, q] > 0 and meetings.count[person, q] == 0
    ]
    best: tuple[tuple[tuple[float, float], float], Move] | None = None
    for r in rounds:
        table_of = {p: table for table in seating[r] for p in table}
        mine = table_of.get(person)
        if mine is None:
            continue
        for q in unmet[:PARTNERS_TRIED]:
            if should_stop():
                return None if best is None else best[1]
            theirs = table_of.get(q)
            if theirs is None or theirs is mine:
                continue
            # A swap changes only meetings among these people, so only their rows are weighed again.
            rows = np.array(mine + theirs)
            repeats_there = _repeat_rows(meetings, rows)
            for move in [(x, mine, q, theirs) for x in mine if x != person] + [
                (person, mine, y, theirs) for y in theirs if y != q
            ]:
                meetings.swap(*move)
                added = (_repeat_rows(meetings, rows) - repeats_there) // 2
                if added <= 0 and meetings.uneven() <= seats:
                    changed = values.copy()
                    changed[rows] = _value_rows(meetings, rows) + offset[rows]
                    after = _shortfalls(changed * meetings.weighed, counted, floor)
                    total = total_now + float(changed[rows].sum() - values[rows].sum()) / 2
                    if after < before and total >= floor.total - 1e-9:
                        rank = (after, -total)
                        if best is None or rank < best[0]:
                            best = (rank, move)
                a, ta, b, tb = move
                meetings.swap(b, ta, a, tb)  # undo
    return None if best is None else best[1]


def _repeat_rows(meetings: Meetings, rows: np.ndarray) -> int:
    """Meetings beyond the first in these people's rows (a pair among them counts twice)."""
    return int(np.maximum(meetings.count[rows] - 1, 0).sum())


def _value_rows(meetings: Meetings, rows: np.ndarray) -> np.ndarray:
    """``Meetings.values`` of these people only."""
    fresh = meetings.count[rows] - meetings.base_count[rows] >= 1
    return (meetings.true_w[rows] * fresh).sum(axis=1)


def _shortfalls(values: np.ndarray, counted: np.ndarray, floor: Figures) -> tuple[float, float]:
    """(how far people are below the floor's minimum, summed; how far the people closest below
    the floor's p10 are from it, summed over as many of them as must rise for the p10 to reach
    it), rounded so that float noise does not count as progress."""
    here = values[counted]
    gaps = floor.p10 - here
    gaps = np.sort(gaps[gaps > 1e-9])
    excess = max(0, len(gaps) - (lowest_count(len(here)) - 1))  # the p10 is the lowest_count-th value
    return (
        round(float(np.maximum(floor.minimum - here, 0).sum()), 9),
        round(float(gaps[:excess].sum()), 9),
    )
