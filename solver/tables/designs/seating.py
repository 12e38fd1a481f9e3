"""A designed seating for a golfer-shaped event: the design's rounds (``field``, or the symmetric
search of ``rotational`` where the field gives too few), mapped onto the people and tables.
"""

from __future__ import annotations

from collections.abc import Callable

from solver.indices import Schedule
from solver.setup import Setup
from solver.tables.designs.field import design_rounds
from solver.tables.designs.rotational import rotational_rounds


def design_seating(
    setup: Setup, fallback: Schedule, seconds: float, should_stop: Callable[[], bool] | None = None
) -> Schedule | None:
    """A seating whose first open rounds come from a design (the rest from ``fallback``), when the
    same people sit at the same table sizes in every open round, all of one size s or a few (fewer
    than the tables) of s - 1; otherwise None. The design comes from ``design_rounds``, or where the
    field gives too few rounds from the symmetric search of ``solver.tables.designs.rotational`` (for at most
    ``seconds``). One seat short of s is a design point left empty: the empty points are people of
    the design who never share a table, so each round has exactly that many tables of s - 1."""
    rounds = setup.open_rounds
    if setup.is_pairs or not rounds:
        return None
    people = setup.present[rounds[0]]
    shapes = {(tuple(setup.present[r]), tuple(sorted(s for s in setup.sizes[r] if s))) for r in rounds}
    sizes = [s for s in setup.sizes[rounds[0]] if s]
    tables, size = len(sizes), max(sizes, default=0)
    empty = tables * size - len(people)
    if len(shapes) != 1 or min(sizes, default=0) < size - 1 or empty >= tables:
        return None
    designed = design_rounds(tables, size, len(rounds))
    if designed is None or len(designed) < len(rounds):
        found = rotational_rounds(tables, size, len(rounds), seconds, setup.instance.seed, should_stop)
        designed = found or designed
    if designed is None:
        return None
    left_empty = _never_together(designed, empty)
    if left_empty is None:
        return None
    person_at = dict(zip((p for p in range(tables * size) if p not in left_empty), people, strict=False))
    seating = {r: [list(t) for t in fallback[r]] for r in rounds}
    for r, design in zip(rounds, designed, strict=False):
        seating[r] = [[] for _ in fallback[r]]
        free_slots = {s: [k for k, t in enumerate(fallback[r]) if len(t) == s] for s in (size, size - 1)}
        for table in design:
            members = [person_at[p] for p in table if p not in left_empty]
            seating[r][free_slots[len(members)].pop(0)] = members  # a table of its size this round
    return seating


def _never_together(rounds: list[list[list[int]]], count: int) -> set[int] | None:
    """``count`` design points of which no two share a table in any round, or None. Their
    tablemates sit at the smaller tables, so each next point is the one whose tablemates have
    sat with the points chosen so far least (fewest people at a smaller table twice)."""
    mates: dict[int, set[int]] = {}
    for tables in rounds:
        for table in tables:
            for p in table:
                mates.setdefault(p, set()).update(q for q in table if q != p)
    chosen: set[int] = set()
    short: dict[int, int] = {}
    for _ in range(count):
        options = [p for p in sorted(mates) if p not in chosen and not mates[p] & chosen]
        if not options:
            return None
        best = min(options, key=lambda p: sum(2 * short.get(q, 0) + 1 for q in mates[p]))
        chosen.add(best)
        for q in mates[best]:
            short[q] = short.get(q, 0) + 1
    return chosen
