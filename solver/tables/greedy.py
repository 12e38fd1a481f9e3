"""Tables format, the baseline: round by round, each table filled with whoever adds the most
fresh weight to it; an announced next round is held (``solver.tables.held``)."""

from __future__ import annotations

import random

import numpy as np

from solver.indices import Schedule
from solver.setup import Setup
from solver.tables.held import held_round
from solver.tables.meetings import Meetings
from solver.tables.sizes import seats_short


def greedy_seating(setup: Setup, meetings: Meetings | None = None) -> Schedule:
    """Round by round, fill each table with whoever adds the most fresh weight to it; an announced
    next round is held (``solver.tables.held``).

    Ties are broken by its own generator seeded with the instance's seed, so the planner's greedy
    seating is exactly the baseline that benchmarks (and fairness floors) compare with."""
    rng = random.Random(setup.instance.seed)
    seating: Schedule = {}
    meetings = meetings or Meetings(setup, {})
    held = held_round(setup, meetings)
    value = np.zeros(setup.n)
    for r in setup.open_rounds:
        left = sorted(setup.present[r], key=lambda i: (value[i], rng.random()))
        tables = held[r] if r in held else _fill_tables(setup.sizes[r], left, seats_short(setup.n, seating), meetings)
        for table in tables:
            meetings._add(table, 1)
            for a in table:
                value[a] += sum(meetings.w[a, m] for m in table if m != a)
        seating[r] = tables
    meetings.reset(seating)  # its seats short too
    return seating


def _fill_tables(sizes: list[int], left: list[int], short: np.ndarray, meetings: Meetings) -> list[list[int]]:
    """One round, largest tables first: the first of ``left`` opens a table, then whoever adds the
    most fresh weight joins it (``left`` is ordered by the value people have so far). The seats at
    smaller tables are kept for the people who have sat at one least (``short``)."""
    largest = max(sizes, default=0)
    small_seats = sum(s for s in sizes if s < largest)
    # Fewest seats short so far first; among equals, whoever has more value so far.
    ranked = sorted(range(len(left)), key=lambda k: (short[left[k]], -k))
    small = {left[k] for k in ranked[:small_seats]}
    pools = {True: [p for p in left if p in small], False: [p for p in left if p not in small]}
    tables: list[list[int]] = [[] for _ in sizes]
    for t in sorted(range(len(tables)), key=lambda t: -sizes[t]):
        if sizes[t] == 0:
            continue
        pool = pools[sizes[t] < largest]
        table = tables[t]
        table.append(pool.pop(0))
        while len(table) < sizes[t]:
            gains = [meetings.join_gain(p, table, -1) for p in pool]
            table.append(pool.pop(int(np.argmax(gains))))
    return tables
