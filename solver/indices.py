"""The shapes every planning stage shares: people as indices 0..n-1, pairs of them, schedules."""

from __future__ import annotations

Edge = tuple[int, int]  # a pair of person indices, smaller first
Schedule = dict[int, list[list[int]]]  # open round -> groups or tables (lists of person indices)


def edge(i: int, j: int) -> Edge:
    return (i, j) if i < j else (j, i)


def pairs_in(group: list[int]) -> list[Edge]:
    """Every pair of a group, as edges."""
    return [edge(a, b) for k, a in enumerate(group) for b in group[k + 1 :]]


def copy_schedule(schedule: Schedule) -> Schedule:
    """A deep enough copy: the searches change the seatings they hand out."""
    return {r: [list(g) for g in groups] for r, groups in schedule.items()}
