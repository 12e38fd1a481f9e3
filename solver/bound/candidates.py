"""The candidate pairs: every pair for small events, otherwise each person's strongest partners
plus a few random ones (so that a full matching exists in sparse graphs) and the announced pairs.
The LP runs on them (its pricing adds what large events miss); the matchings on a lighter graph.
"""

from __future__ import annotations

from collections.abc import Callable

from solver.bound.lp import capacity, meetings_per_person
from solver.indices import Edge, edge
from solver.preferences import allowed_roles, role_key
from solver.setup import Setup

DENSE_PEOPLE = 80  # up to here every pair is a candidate
LARGE_EVENT = 1500  # above this, fewer candidates per person: LP pricing adds what they miss
FILLERS = 3  # random extra partners per person, so that a full matching exists in sparse graphs
MATCHING_PER_PERSON = 4  # strongest partners per person kept for the matchings, besides the LP's pairs


def candidate_edges(setup: Setup, should_stop: Callable[[], bool] = lambda: False) -> dict[Edge, float]:
    """Every pair for small events; otherwise each person's strongest partners plus a few random ones.

    The same pass keeps everyone's heaviest weights for the degree bound (``Weights.tops``). A stop
    (asked between blocks of rows) leaves the people not reached with random partners only."""
    n = setup.n
    if n <= DENSE_PEOPLE:
        return {(i, j): setup.weights(i, j) for i in range(n) for j in range(i + 1, n)}
    rounds = max(1, len(setup.open_rounds))
    per_person = 2 * rounds + 6 if n <= LARGE_EVENT else rounds + 6  # pricing adds what large events miss
    width = max(meetings_per_person(capacity(setup)), default=0)
    edges = setup.weights.strongest(per_person=per_person, width=width, should_stop=should_stop)
    _add_fillers_and_announced(setup, edges)
    _add_role_partners(setup, edges)
    return edges


def matching_edges(setup: Setup, candidates: dict[Edge, float], chosen: dict[Edge, float]) -> dict[Edge, float]:
    """A lighter graph for the matchings: the LP's pairs, each person's strongest few, random fillers."""
    if setup.n <= DENSE_PEOPLE:
        return candidates
    keep = MATCHING_PER_PERSON + len(setup.open_rounds)
    by_person: dict[int, list[tuple[float, Edge]]] = {}
    for e, w in candidates.items():
        by_person.setdefault(e[0], []).append((w, e))
        by_person.setdefault(e[1], []).append((w, e))
    edges = {e: setup.weights(*e) for e in chosen}
    for person, row in by_person.items():
        # An empty profile's partners differ by thousandths (``scoring.empty``): the heaviest would
        # be the same few helpers for every newcomer, so theirs are kept as if they weighed nothing.
        ranked = sorted(row, reverse=True) if not setup.empty_profiles[person] else sorted(row, key=_edge, reverse=True)
        for w, e in ranked[:keep]:
            edges[e] = w
    _add_fillers_and_announced(setup, edges)
    _add_role_partners(setup, edges)
    return edges


def _edge(weighed: tuple[float, Edge]) -> Edge:
    return weighed[1]


def _add_role_partners(setup: Setup, edges: dict[Edge, float]) -> None:
    """Pairs format with role rules: everyone whose role has a rule gets every partner of a role
    they may meet (their strongest partners are mostly pairs the rule excludes, which would leave
    them without a candidate and so paired against the rule)."""
    instance = setup.instance
    if not setup.is_pairs or not instance.role_rules:
        return
    by_role: dict[str, list[int]] = {}
    for k, person in enumerate(instance.people):
        by_role.setdefault(role_key(person.role), []).append(k)
    for i, person in enumerate(instance.people):
        for role in allowed_roles(instance, person) or ():
            for j in by_role.get(role, []):
                if j != i and setup.allowed(i, j):
                    edges.setdefault(edge(i, j), setup.weights(i, j))


def polishing_affordable(setup: Setup) -> bool:
    """Up to ``LARGE_EVENT`` people the pairs stage has time to match rounds again."""
    return setup.n <= LARGE_EVENT


def _add_fillers_and_announced(setup: Setup, edges: dict[Edge, float]) -> None:
    """``FILLERS`` random partners per person (from the setup's seeded generator), then every pair
    of the announced plan, each with its weight unless already there."""
    new: list[Edge] = []
    for i in range(setup.n):
        for _ in range(FILLERS):
            j = setup.rng.randrange(setup.n)
            if j != i and edge(i, j) not in edges:
                new.append(edge(i, j))
    new += [e for pairs in setup.previous.values() for e in pairs if e not in edges]
    for e, w in zip(new, setup.weights.of_pairs(new), strict=True):  # one vectorised call
        edges.setdefault(e, w)
