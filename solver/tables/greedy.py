"""Tables format, the baseline: round by round, each table filled with whoever adds the most
fresh weight to it; an announced next round is held (``solver.tables.held``).

Each seat is chosen over everyone still unseated at once (a running vector of join gains), so a
round of thousands takes a fraction of a second; after a stop request the rest of the run is
seated in order, unweighed, avoiding repeats nearby (``LOOKAHEAD``) and then by swaps: the
baseline is always complete."""

from __future__ import annotations

import random
from collections.abc import Callable

import numpy as np

from solver.indices import Schedule
from solver.setup import Setup
from solver.tables.held import held_round
from solver.tables.meetings import Meetings
from solver.tables.sizes import seats_short

STOP_CHECK_TABLES = 16  # tables filled between two stop checks
LOOKAHEAD = 64  # people looked at for each seat once hurried


def greedy_seating(
    setup: Setup, meetings: Meetings | None = None, should_stop: Callable[[], bool] = lambda: False
) -> Schedule:
    """Round by round, fill each table with whoever adds the most fresh weight to it; an announced
    next round is held (``solver.tables.held``).

    Ties are broken by its own generator seeded with the instance's seed, so the planner's greedy
    seating is exactly the baseline that benchmarks (and fairness floors) compare with. Once
    ``should_stop`` says so, tables are filled in the order people are ranked, unweighed
    (``_fill_unweighed``)."""
    rng = random.Random(setup.instance.seed)
    seating: Schedule = {}
    meetings = meetings or Meetings(setup, {})
    held = held_round(setup, meetings)
    value = np.zeros(setup.n)
    for r in setup.open_rounds:
        left = sorted(setup.present[r], key=lambda i: (value[i], rng.random()))
        if r in held:
            tables = held[r]
        else:
            tables = _fill_tables(setup.sizes[r], left, seats_short(setup.n, seating), meetings, should_stop)
        for table in tables:
            meetings._add(table, 1)
            for a in table:
                value[a] += sum(
                    meetings.w[a, m] for m in table if m != a and meetings.weighed[a] and meetings.weighed[m]
                )
        seating[r] = tables
    meetings.reset(seating)  # its seats short too
    return seating


def _fill_tables(
    sizes: list[int], left: list[int], short: np.ndarray, meetings: Meetings, should_stop: Callable[[], bool]
) -> list[list[int]]:
    """One round, largest tables first: the first of ``left`` opens a table, then whoever adds the
    most fresh weight joins it (``left`` is ordered by the value people have so far). The seats at
    smaller tables are kept for the people who have sat at one least (``short``)."""
    largest = max(sizes, default=0)
    small_seats = sum(s for s in sizes if s < largest)
    # Fewest seats short so far first; among equals, whoever has more value so far.
    ranked = sorted(range(len(left)), key=lambda k: (short[left[k]], -k))
    small = {left[k] for k in ranked[:small_seats]}
    pools = {
        True: np.array([p for p in left if p in small], dtype=np.int64),
        False: np.array([p for p in left if p not in small], dtype=np.int64),
    }
    tables: list[list[int]] = [[] for _ in sizes]
    hurried = False
    for number, t in enumerate(sorted(range(len(tables)), key=lambda t: -sizes[t])):
        if sizes[t] == 0:
            continue
        hurried = hurried or (number % STOP_CHECK_TABLES == 0 and should_stop())
        small_table = sizes[t] < largest
        pool = pools[small_table]
        table, pool = [int(pool[0])], pool[1:]
        if hurried:
            tables[t], pools[small_table] = _fill_unweighed(meetings, table, sizes[t], pool)
            continue
        gains = _join_gains(meetings, table[0], pool)
        while len(table) < sizes[t]:
            k = int(np.argmax(gains))  # the first of the best, in the order of ``left``
            table.append(int(pool[k]))
            pool, gains = np.delete(pool, k), np.delete(gains, k)
            gains += _join_gains(meetings, table[-1], pool)
        tables[t], pools[small_table] = table, pool
    if hurried:
        _swap_out_repeats(meetings, tables)
    return tables


def _swap_out_repeats(meetings: Meetings, tables: list[list[int]]) -> None:
    """Hurried tables are filled from whoever is left, so the last ones may seat people who met
    before: each such person swaps with someone at another table where neither meets anyone again
    (the first such swap found, at a table of the same size if there is one: a repeat weighs more
    than an uneven seat; a few dozen swaps at thousands of people)."""
    count = meetings.count

    def fits(person: int, table: list[int], leaving: int) -> bool:
        return not any(count[person, m] for m in table if m != leaving)

    for table in tables:
        for a in list(table):
            if fits(a, table, a):
                continue
            others = sorted((t for t in tables if t is not table), key=lambda t: len(t) != len(table))
            swap = next(
                ((other, b) for other in others for b in other if fits(a, other, b) and fits(b, table, a)),
                None,
            )
            if swap is not None:
                other, b = swap
                table[table.index(a)], other[other.index(b)] = b, a


def _fill_unweighed(meetings: Meetings, table: list[int], size: int, pool: np.ndarray) -> tuple[list[int], np.ndarray]:
    """Hurried: the table filled from the front of ``pool``, each seat going to the first of the
    next ``LOOKAHEAD`` who has met nobody at the table yet (else simply the first)."""
    while len(table) < size:
        ahead = pool[:LOOKAHEAD]
        fresh = ~(meetings.count[np.ix_(np.array(table), ahead)] >= 1).any(axis=0)
        k = int(np.argmax(fresh))  # 0 when nobody ahead is fresh
        table.append(int(pool[k]))
        pool = np.delete(pool, k)
    return table, pool


def _join_gains(meetings: Meetings, member: int, pool: np.ndarray) -> np.ndarray:
    """What sitting with ``member`` changes for each of ``pool`` (``Meetings.join_gain``, one term):
    the pair's weight when they have not met, a repeat's penalty when they have. Empty profiles
    are seated as if they weighed nothing (``Meetings.weighed``)."""
    met = meetings.count[member, pool] >= 1
    weight = meetings.w[member, pool] * meetings.weighed[pool] if meetings.weighed[member] else np.zeros(len(pool))
    return np.where(met, -meetings.penalty[member, pool], weight)
