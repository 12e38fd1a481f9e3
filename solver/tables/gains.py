"""The score change of every swap of two people at different tables, computed at once.

One calculation serves both searches: the descent asks for one round (``round_swap_gains``, on
the people seated there), the tabu search for every searched round together
(``all_round_swap_gains``, by person index, an extra table per round holding the absent). With
``join``/``leave`` the value change when a pair meets once more / is split, a swap of a and b is
worth what each gains by leaving their own table and joining the other's, minus the pair itself
(counted in both joins). ``Meetings.swap_gain`` is the same for one swap, term by term.
"""

from __future__ import annotations

import numpy as np

from solver.indices import Schedule
from solver.tables.meetings import Meetings


def round_swap_gains(tables: list[list[int]], meetings: Meetings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One round: (gains[a, b] by position, person index per position, conflicted flag per position).

    Swaps that would spread the smaller tables less evenly are ruled out (-inf)."""
    people = np.array([p for t in tables for p in t])
    table_of = np.array([[k for k, t in enumerate(tables) for _ in t]])
    sizes = np.array([[len(t) for t in tables]])
    gains, conflicted = _gains(meetings, people, table_of, sizes, absent_table=None)
    return gains[0], people, conflicted[0]


def best_swap(tables: list[list[int]], meetings: Meetings) -> tuple[float, int, int]:
    """(gain, a, b) of the best swap in one round."""
    gains, people, _ = round_swap_gains(tables, meetings)
    a, b = divmod(int(np.argmax(gains)), len(people))
    return float(gains[a, b]), int(people[a]), int(people[b])


def all_round_swap_gains(rounds: list[int], seating: Schedule, meetings: Meetings) -> tuple[np.ndarray, np.ndarray]:
    """Every round at once, by person index: gains[k, a, b] for swapping a and b in round
    rounds[k] (-inf when impossible), and conflicted[k, a] (a is in a repeat). Seat changes count
    in the gain but are not ruled out: the tabu search may take worsening moves."""
    n = meetings.count.shape[0]
    tables_per_round = max(len(seating[r]) for r in rounds) + 1  # the last one holds the absent
    absent_table = tables_per_round - 1
    table_of = np.full((len(rounds), n), absent_table)
    for k, r in enumerate(rounds):
        for t, table in enumerate(seating[r]):
            table_of[k, table] = t
    sizes = np.array([[len(t) for t in seating[r]] + [0] * (tables_per_round - len(seating[r])) for r in rounds])
    return _gains(meetings, np.arange(n), table_of, sizes, absent_table)


def _gains(
    meetings: Meetings, people: np.ndarray, table_of: np.ndarray, sizes: np.ndarray, absent_table: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """gains[k, a, b] and conflicted[k, a] for ``people`` (positions a, b) in R rounds, where
    table_of[k, a] is a's table in round k and sizes[k, t] the size of table t. With an
    ``absent_table``, people at it take no part; without, worse-spread seats are ruled out."""
    rounds, m = table_of.shape
    tables_per_round = sizes.shape[1]
    if len(people) == meetings.count.shape[0] and (people == np.arange(m)).all():
        count, w, penalty = meetings.count, meetings.w, meetings.penalty
    else:
        sub = np.ix_(people, people)
        count, w, penalty = meetings.count[sub], meetings.w[sub], meetings.penalty[sub]
    join = np.where(count >= 1, -penalty, w)  # value change when a pair meets once more
    leave = np.where(count == 1, -w, penalty)  # value change when a meeting pair is split
    np.fill_diagonal(join, 0.0)
    np.fill_diagonal(leave, 0.0)
    membership = np.zeros((m, rounds * tables_per_round))
    columns = (np.arange(rounds)[:, None] * tables_per_round + table_of).T  # (m, rounds)
    membership[np.arange(m)[:, None], columns] = 1.0
    join_table = (join @ membership).reshape(m, rounds, tables_per_round).transpose(1, 0, 2)
    leave_table = (leave @ membership).reshape(m, rounds, tables_per_round).transpose(1, 0, 2)
    leave_own = np.take_along_axis(leave_table, table_of[:, :, None], axis=2)[..., 0]
    # [k, a, b]: a joins b's table (b still counted there; the pair is taken off below)
    into_other = np.take_along_axis(join_table, np.broadcast_to(table_of[:, None, :], (rounds, m, m)), axis=2)
    gains = leave_own[:, :, None] + leave_own[:, None, :] + into_other + into_other.transpose(0, 2, 1) - 2 * join[None]
    if meetings.seat_cost:
        size = np.take_along_axis(sizes, table_of, axis=1)  # (rounds, m): size of each person's table
        short = meetings.short[people]
        seats = meetings.seat_gain(size[:, :, None] - size[:, None, :], (short[:, None] - short[None, :])[None])
        if absent_table is None:
            gains = np.where(seats < -1e-9, -np.inf, gains + seats)  # never less evenly spread
        else:
            gains += seats
    same_table = table_of[:, :, None] == table_of[:, None, :]
    absent = table_of == absent_table if absent_table is not None else np.zeros_like(table_of, dtype=bool)
    gains[same_table | absent[:, :, None] | absent[:, None, :]] = -np.inf
    conflicted = ((count[None] >= 2) & same_table & ~absent[:, None, :]).any(axis=2) & ~absent
    return gains, conflicted
