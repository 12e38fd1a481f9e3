"""The announced next round of a tables re-plan, kept as far as the people present allow.

Attendees have already seen their next table, so a re-plan changes only what it must there: every
announced table keeps its label and whoever of its members is still present; people who left free
their seats. Newcomers, anyone whose table is no longer used or has fewer seats now, and anyone
who would repeat an earlier meeting or sit with someone they must not meet, take the free seats
where they add the most; where every free seat would repeat a meeting, they swap with the one
person whose seat suits them and who can take the free seat instead. Which tables get the larger
sizes follows where people already sit (``Setup`` does that).
"""

from __future__ import annotations

from solver.indices import Schedule
from solver.setup import Setup
from solver.tables.meetings import Meetings


def held_round(setup: Setup, meetings: Meetings) -> Schedule:
    """{r: tables} for the held round (see ``Setup.held_round_number``), else {}."""
    r = setup.held_round_number()
    if r is None:
        return {}
    sizes = setup.sizes[r]
    tables = setup.announced_tables(r)
    unseated = sorted(set(setup.present[r]) - {p for t in tables for p in t})
    for table, size in zip(tables, sizes, strict=False):
        while len(table) > size:  # fewer seats now: the one who loses least moves
            unseated.append(_remove(table, min(table, key=lambda p: (_worth(meetings, p, table), p))))
        while meetings.repeats_earlier(table):  # the one with most clashes moves
            unseated.append(_remove(table, max(table, key=lambda p: (_clashes(meetings, p, table), -p))))
    for person in sorted(unseated):
        _seat(person, tables, sizes, meetings)
    return {r: tables}


def _seat(person: int, tables: list[list[int]], sizes: list[int], meetings: Meetings) -> None:
    """The free seat where ``person`` adds most; if every free seat repeats a meeting, the best swap
    with someone who can take that free seat without one."""
    free = [k for k, table in enumerate(tables) if len(table) < sizes[k]]
    best = max(free, key=lambda k: (meetings.join_gain(person, tables[k], -1), -k))
    if meetings.join_gain(person, tables[best], -1) < 0:  # weights are >= 0: negative means a clash

        def gain(k: int, other: int) -> float:
            return meetings.join_gain(person, tables[k], other) + meetings.join_gain(other, tables[best], -1)

        swaps = [
            (k, other)
            for k, table in enumerate(tables)
            if k != best
            for other in table
            if meetings.join_gain(person, table, other) >= 0 and meetings.join_gain(other, tables[best], -1) >= 0
        ]
        if swaps:
            k, other = max(swaps, key=lambda swap: (gain(*swap), -swap[0], swap[1]))
            tables[k][tables[k].index(other)] = person
            person = other
    tables[best].append(person)


def _remove(table: list[int], person: int) -> int:
    table.remove(person)
    return person


def _worth(meetings: Meetings, person: int, table: list[int]) -> float:
    return sum(meetings.w[person, m] for m in table if m != person)


def _clashes(meetings: Meetings, person: int, table: list[int]) -> int:
    return sum(1 for m in table if m != person and meetings.base_count[person, m])
