"""Pairs format: the matchings of one round, on the people present and fresh candidate pairs.

Maximum-weight matchings (rustworkx) with a seeded tie-breaker; for very large rounds OR-Tools'
linear assignment first; greedy when hurried. Pairs the matching could not cover (a sparse
candidate graph, or everyone left has met) are completed by swaps, and only as a last resort by a
repeat.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import rustworkx as rx
from ortools.graph.python import linear_sum_assignment

from solver.indices import Edge, edge
from solver.setup import Setup

SCALE = 1000  # float weights become integers for the matching
TIE_BITS = 28  # room below the weight for a seeded tie-breaker: the matching library breaks ties by hash order
EdgeScore = Callable[[int, int], int]
EXACT_MATCHING_LIMIT = 1500  # above this many people a round is matched greedily first
REOPEN_SHARE = 4  # the weakest quarter of greedy pairs is matched again exactly
DENSE_LEFTOVERS = 120  # up to this many people left unmatched are matched on every pair among them
LEFTOVER_PARTNERS = 12  # ... beyond, on this many random partners each


def matcher(
    setup: Setup, candidates: dict[Edge, float], score: EdgeScore, hurry: bool
) -> Callable[[list[int]], list[Edge]]:
    def match(people: list[int]) -> list[Edge]:
        if hurry:
            return _greedy_matching(setup, people, candidates, score)
        if len(people) > EXACT_MATCHING_LIMIT:
            return _assignment_then_exact(setup, people, candidates, score)
        return _max_matching(setup, people, candidates, score)

    return match


def _greedy_matching(setup: Setup, people: list[int], candidates: dict[Edge, float], score: EdgeScore) -> list[Edge]:
    here = set(people)
    eligible = [e for e in candidates if e[0] in here and e[1] in here and setup.fresh(*e)]
    if not eligible:
        return []
    ends = np.array(eligible, dtype=np.int64)
    scores = np.array([score(i, j) for i, j in eligible], dtype=np.int64)
    order = np.lexsort((-ends[:, 1], -ends[:, 0], -scores))  # heaviest first, ties by the larger pair
    taken: set[int] = set()
    pairs = []
    for i, j in ends[order].tolist():
        if i not in taken and j not in taken:
            taken.update((i, j))
            pairs.append((i, j))
    return sorted(pairs)


def _assignment_then_exact(
    setup: Setup, people: list[int], candidates: dict[Edge, float], score: EdgeScore
) -> list[Edge]:
    """Large rounds: OR-Tools' linear assignment gives everyone a partner in cycles (a 2-factor);
    mutual choices become pairs, longer cycles give their better alternate edges, and the exact
    matching only handles the remainder plus the weakest pairs, which keeps it small.
    """
    position = {p: k for k, p in enumerate(people)}
    tails, heads, costs = [], [], []
    for i, j in candidates:
        if i in position and j in position and setup.fresh(i, j):
            value = score(i, j) + 1
            tails += [position[i], position[j]]
            heads += [position[j], position[i]]
            costs += [-value, -value]
    tails += range(len(people))  # staying alone is always possible, and worth nothing
    heads += range(len(people))
    costs += [0] * len(people)
    solver = linear_sum_assignment.SimpleLinearSumAssignment()
    solver.add_arcs_with_cost(np.array(tails), np.array(heads), np.array(costs))
    if solver.solve() != solver.OPTIMAL:
        return _max_matching(setup, people, candidates, score)
    mate = [solver.right_mate(k) for k in range(len(people))]
    pairs = _pairs_from_cycles(mate, lambda a, b: score(people[a], people[b]))
    pairs_ids = sorted((edge(people[a], people[b]) for a, b in pairs), key=lambda e: score(*e))
    reopen = pairs_ids[: len(pairs_ids) // REOPEN_SHARE]
    kept = pairs_ids[len(reopen) :]
    matched = {p for e in kept for p in e}
    rest = [p for p in people if p not in matched]
    return sorted(kept + _max_matching(setup, rest, candidates, score))


def _pairs_from_cycles(mate: list[int], value: Callable[[int, int], int]) -> list[tuple[int, int]]:
    seen = [False] * len(mate)
    pairs = []
    for start in range(len(mate)):
        if seen[start]:
            continue
        cycle = [start]
        seen[start] = True
        while not seen[mate[cycle[-1]]]:
            cycle.append(mate[cycle[-1]])
            seen[cycle[-1]] = True
        if len(cycle) == 2:
            pairs.append((cycle[0], cycle[1]))
        elif len(cycle) > 2:
            options = [
                [
                    (cycle[k], cycle[(k + 1) % len(cycle)])
                    for k in range(offset, len(cycle) - (len(cycle) % 2 and offset == 0), 2)
                ]
                for offset in (0, 1)
            ]
            pairs += max(options, key=lambda chosen: sum(value(a, b) for a, b in chosen))
    return pairs


def _max_matching(setup: Setup, people: list[int], candidates: dict[Edge, float], score: EdgeScore) -> list[Edge]:
    position = {p: k for k, p in enumerate(people)}
    graph = rx.PyGraph()
    graph.add_nodes_from(people)
    edges = []
    seed = setup.instance.seed
    for i, j in candidates:
        if i in position and j in position and setup.fresh(i, j):
            edges.append((position[i], position[j], ((score(i, j) + 1) << TIE_BITS) + _tie_breaker(i, j, seed)))
    graph.add_edges_from(edges)
    matched = rx.max_weight_matching(graph, max_cardinality=True, weight_fn=lambda w: w)
    return sorted(edge(people[a], people[b]) for a, b in matched)  # the library returns them in hash order


def _tie_breaker(i: int, j: int, seed: int) -> int:
    """A fixed pseudo-random 12-bit number per pair: equal-weight matchings are then chosen by seed."""
    return ((i * 1_000_003 + j) * 2_654_435_761 + seed * 40_503) % 4096


def complete(setup: Setup, people: list[int], pairs: list[Edge], score: EdgeScore) -> list[Edge]:
    """Pair everyone the matching left out: among themselves, by swapping into a pair, or by a repeat."""
    matched = {p for pair in pairs for p in pair}
    left = [p for p in people if p not in matched]
    if not left:
        return pairs
    among = _max_matching(setup, left, _leftover_edges(setup, left), score)
    pairs = pairs + among
    done = {p for pair in among for p in pair}
    left = [p for p in left if p not in done]
    while len(left) >= 2:
        u, v = left[0], left[1]
        swap = _swap_in(setup, u, v, pairs)
        if swap is None:
            swap = _repeat_pair(setup, u, left, pairs)
        pairs = swap[0]
        left = [p for p in left if p not in swap[1]]
    return pairs


def _leftover_edges(setup: Setup, left: list[int]) -> dict[Edge, float]:
    """Every pair among the people left over, or, when there are many (a hurried round of thousands
    leaves hundreds), a few seeded random partners each: a random graph of that degree almost always
    has a perfect matching, and a dense one of 500 people took the matching a second."""
    if len(left) <= DENSE_LEFTOVERS:
        return {edge(a, b): 0.0 for k, a in enumerate(left) for b in left[k + 1 :]}
    edges = {}
    for a in left:
        for b in setup.rng.sample(left, LEFTOVER_PARTNERS + 1):
            if b != a:
                edges[edge(a, b)] = 0.0
    return edges


def _swap_in(setup: Setup, u: int, v: int, pairs: list[Edge]) -> tuple[list[Edge], set[int]] | None:
    """Break a pair (a, b) into (u, a) and (v, b) when both are fresh."""
    for k, (a, b) in enumerate(pairs):
        for x, y in ((a, b), (b, a)):
            if setup.fresh(u, x) and setup.fresh(v, y):
                return pairs[:k] + pairs[k + 1 :] + [edge(u, x), edge(v, y)], {u, v}
    return None


def _repeat_pair(setup: Setup, u: int, left: list[int], pairs: list[Edge]) -> tuple[list[Edge], set[int]]:
    """No fresh partner exists for u: meet someone again, but never a must-not-meet pair."""
    for v in left[1:]:
        if setup.allowed(u, v):
            return [*pairs, edge(u, v)], {u, v}
    v = left[1]
    for k, (a, b) in enumerate(pairs):
        for x, y in ((a, b), (b, a)):
            if setup.allowed(u, x) and setup.allowed(v, y):
                return pairs[:k] + pairs[k + 1 :] + [edge(u, x), edge(v, y)], {u, v}
    return [*pairs, edge(u, v)], {u, v}  # forbidden: the exact repair undoes it or proves it unavoidable
