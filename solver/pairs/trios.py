"""Pairs format, odd rounds: exactly one trio, chosen among the people who have been in one
least often (so trios rotate): the triangle whose three pair weights, plus the matching of
everyone else, are worth the most; or, when no triangle of fresh pairs serves, a joiner added to
the best pair.
"""

from __future__ import annotations

from collections.abc import Callable

from solver.indices import Edge, edge
from solver.pairs.matching import EdgeScore
from solver.setup import Setup

TRIANGLE_PARTNERS = 5  # each eligible person's strongest eligible partners spanning candidate trios
SHORTLIST = 40  # triangles whose re-pairing is worked out exactly


def fairest_joiner(setup: Setup, people: list[int], trio_counts: list[int], previous: set[Edge]) -> int:
    in_announced_trio = _announced_trio(people, previous)
    return min(people, key=lambda i: (i not in in_announced_trio, trio_counts[i], setup.rng.random()))


def _announced_trio(people: list[int], previous: set[Edge]) -> set[int]:
    here = set(people)
    announced_partners: dict[int, int] = {}
    for i, j in previous:
        if i in here and j in here:
            announced_partners[i] = announced_partners.get(i, 0) + 1
            announced_partners[j] = announced_partners.get(j, 0) + 1
    return {i for i, count in announced_partners.items() if count == 2}


def choose_trio(
    setup: Setup,
    people: list[int],
    candidates: dict[Edge, float],
    score: EdgeScore,
    trio_counts: list[int],
    previous: set[Edge],
    match: Callable[[list[int]], list[Edge]],
) -> tuple[tuple[int, int, int], list[Edge]] | None:
    """The best trio of fresh pairs among those whose turn it is (the fewest trios so far).

    Each candidate triangle is valued by its three pair scores plus what it does to a matching of
    everyone: its members leave their pairs, and their former partners are re-paired among
    themselves (that repaired matching is returned with the trio). Only people whose trio count is among the three lowest may join, so trios rotate.
    """
    third_lowest = sorted(trio_counts[p] for p in people)[2]
    eligible = {p for p in people if trio_counts[p] <= third_lowest} | _announced_trio(people, previous)
    triangles = _candidate_triangles(setup, eligible, candidates, score)
    if not triangles:
        return None
    partner: dict[int, int] = {}
    for a, b in match(people):
        partner[a], partner[b] = b, a
    unmatched = [p for p in people if p not in partner]

    def net(trio: tuple[int, int, int]) -> int:
        """The triangle's score minus the matched pairs it breaks up."""
        broken = {edge(m, partner[m]) for m in trio if m in partner}
        return triangles[trio] - sum(score(*e) for e in broken)

    def value(trio: tuple[int, int, int]) -> float:
        freed = [partner[m] for m in trio if m in partner and partner[m] not in trio]
        freed += [p for p in unmatched if p not in trio]
        regained = _best_pairing(setup, freed, score) if len(freed) <= 6 else None
        return -float("inf") if regained is None else net(trio) + regained[0]

    shortlist = sorted(triangles, key=net, reverse=True)[:SHORTLIST]
    values = {t: value(t) for t in shortlist}
    best = max(values, key=lambda t: (values[t], -sum(trio_counts[m] for m in t)))
    if values[best] == -float("inf"):
        return None
    freed = [partner[m] for m in best if m in partner and partner[m] not in best] + [
        p for p in unmatched if p not in best
    ]
    regained = _best_pairing(setup, freed, score)
    assert regained is not None
    kept = [e for e in {edge(a, b) for a, b in partner.items()} if e[0] not in best and e[1] not in best]
    return best, sorted(kept + regained[1])


def _candidate_triangles(
    setup: Setup, eligible: set[int], candidates: dict[Edge, float], score: EdgeScore
) -> dict[tuple[int, int, int], int]:
    """Triangles of pairwise fresh eligible people, built from each one's strongest partners."""
    near: dict[int, list[tuple[int, int]]] = {}
    for i, j in candidates:
        if i in eligible and j in eligible and setup.fresh(i, j):
            s = score(i, j)
            near.setdefault(i, []).append((s, j))
            near.setdefault(j, []).append((s, i))
    triangles: dict[tuple[int, int, int], int] = {}
    for a, row in near.items():
        strongest = [j for _, j in sorted(row, reverse=True)[:TRIANGLE_PARTNERS]]
        for k, b in enumerate(strongest):
            for c in strongest[k + 1 :]:
                if setup.fresh(b, c):
                    x, y, z = sorted((a, b, c))
                    trio = (x, y, z)
                    triangles[trio] = score(a, b) + score(a, c) + score(b, c)
    return triangles


def _best_pairing(setup: Setup, people: list[int], score: EdgeScore) -> tuple[int, list[Edge]] | None:
    """Best perfect pairing (score, pairs) of a handful of people by fresh pairs; None if there is none."""
    if not people:
        return 0, []
    first, rest = people[0], people[1:]
    best = None
    for k, other in enumerate(rest):
        if setup.fresh(first, other):
            remainder = _best_pairing(setup, rest[:k] + rest[k + 1 :], score)
            if remainder is not None and (best is None or score(first, other) + remainder[0] > best[0]):
                best = (score(first, other) + remainder[0], [edge(first, other), *remainder[1]])
    return best


def add_to_best_pair(
    setup: Setup, joiner: int, groups: list[list[int]], trio_counts: list[int], previous: set[Edge]
) -> None:
    w = setup.weights

    def cost(group: list[int]) -> tuple[int, int, int, int, float]:
        a, b = group
        repeats = (not setup.fresh(joiner, a)) + (not setup.fresh(joiner, b))
        changed = (edge(joiner, a) not in previous) + (edge(joiner, b) not in previous)
        fairness = (max(trio_counts[a], trio_counts[b]), trio_counts[a] + trio_counts[b])
        return (repeats, changed, *fairness, -(w(joiner, a) + w(joiner, b)))

    # A must-not-meet trio is left for the exact repair to undo (or to prove unavoidable).
    allowed = [g for g in groups if all(setup.allowed(joiner, m) for m in g)] or groups
    best = min(allowed, key=cost)
    best.append(joiner)
    for member in best:
        trio_counts[member] += 1
