"""Table sizes: who sits at a smaller table how often, and which table gets which size."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np


def seats_short(n: int, seating: Mapping[int, list[list[int]]]) -> np.ndarray:
    """For each of n people, the seats they were short of each round's largest table, summed."""
    short = np.zeros(n)
    for tables in seating.values():
        largest = max((len(t) for t in tables), default=0)
        for table in tables:
            short[table] += largest - len(table)
    return short


def uneven(n: int, seating: Mapping[int, list[list[int]]]) -> int:
    """How unevenly the smaller tables are spread: sum over people of their seats short, squared."""
    return int((seats_short(n, seating) ** 2).sum())


def sizes_following_announcement(sizes: list[int], kept: list[int], capacities: list[int]) -> list[int]:
    """``sizes`` moved between tables of equal capacity so that the larger sizes go where more of
    the announced members (``kept`` per table) are still present: fewest people change tables."""
    result = list(sizes)
    for capacity in set(capacities):
        slots = [k for k in range(len(sizes)) if capacities[k] == capacity]
        by_kept = sorted(slots, key=lambda k: (-kept[k], k))
        for k, size in zip(by_kept, sorted((sizes[k] for k in slots), reverse=True), strict=False):
            result[k] = size
    return result
