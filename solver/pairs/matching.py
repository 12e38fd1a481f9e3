"""Pairs format: the matchings of one round, on the people present and fresh candidate pairs.

Maximum-weight matchings (rustworkx) with a seeded tie-breaker; for very large rounds OR-Tools'
linear assignment first, the rest exactly or greedily (``Pace``); greedy when hurried. Pairs the matching could not cover (a sparse
candidate graph, or everyone left has met) are completed by swaps, and only as a last resort by a
repeat.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

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
LEFTOVER_PARTNERS = 12  # ... beyond, on this many random partners each, greedily
GREEDY_PASSES = 30  # vectorised passes of the greedy matching before it goes pair by pair
# How hard a round is matched: "exact" (maximum-weight matching; above EXACT_MATCHING_LIMIT people
# the assignment first, then the exact matching of the rest), "quick" (the assignment, then the
# rest greedily; as "exact" up to EXACT_MATCHING_LIMIT) or "greedy" (heaviest pairs first).
Pace = Literal["exact", "quick", "greedy"]


@dataclass
class ScoredEdges:
    """Fresh candidate pairs (rows of ``ends``, i < j) with their scores, as arrays: large rounds
    are matched on these instead of calling the score once per pair."""

    n: int
    ends: np.ndarray  # (m, 2) int64
    scores: np.ndarray  # (m,) int64

    def among(self, people: list[int]) -> ScoredEdges:
        inside = np.zeros(self.n, dtype=bool)
        inside[people] = True
        keep = inside[self.ends[:, 0]] & inside[self.ends[:, 1]]
        return ScoredEdges(self.n, self.ends[keep], self.scores[keep])


def matcher(
    setup: Setup, candidates: dict[Edge, float], score: EdgeScore, pace: Pace, scored: ScoredEdges | None = None
) -> Callable[[list[int]], list[Edge]]:
    """A matching of any group of the round's people at this ``pace``; on ``scored`` when given
    (it must hold the same pairs and scores as ``candidates`` and ``score``)."""

    def match(people: list[int]) -> list[Edge]:
        among = scored.among(people) if scored is not None else None
        if pace == "greedy":
            return _greedy_matching(setup, people, candidates, score, among)
        if len(people) > EXACT_MATCHING_LIMIT:
            return _assignment_then_rest(setup, people, candidates, score, among, exact=pace == "exact")
        return _max_matching(setup, people, candidates, score, among)

    return match


def _fresh_scored(
    setup: Setup, people: list[int], candidates: dict[Edge, float], score: EdgeScore, scored: ScoredEdges | None
) -> ScoredEdges:
    """The fresh candidate pairs among ``people`` and their scores (from ``scored`` when given)."""
    if scored is not None:
        return scored
    here = set(people)
    eligible = [e for e in candidates if e[0] in here and e[1] in here and setup.fresh(*e)]
    ends = np.array(eligible, dtype=np.int64).reshape(-1, 2)
    scores = np.array([score(i, j) for i, j in eligible], dtype=np.int64)
    return ScoredEdges(setup.n, ends, scores)


def _greedy_matching(
    setup: Setup,
    people: list[int],
    candidates: dict[Edge, float],
    score: EdgeScore,
    scored: ScoredEdges | None = None,
) -> list[Edge]:
    fresh = _fresh_scored(setup, people, candidates, score, scored)
    if not len(fresh.scores):
        return []
    ends, scores = fresh.ends, fresh.scores
    order = np.lexsort((-ends[:, 1], -ends[:, 0], -scores))  # heaviest first, ties by the larger pair
    return _greedy_in_order(ends[order])


def _greedy_in_order(ends: np.ndarray) -> list[Edge]:
    """Each pair in turn when both are still free. First in passes over all pairs at once: a pair
    that comes before every other pair of either person is taken by the pass in turn too, so each
    pass takes all of those (and drops the pairs of whoever they pair); the few pairs left after
    ``GREEDY_PASSES`` go one by one."""
    i, j = ends[:, 0], ends[:, 1]
    free = np.ones(int(ends.max(initial=-1)) + 1, dtype=bool)
    active = np.ones(len(ends), dtype=bool)
    taken = []
    for _ in range(GREEDY_PASSES):
        at = np.flatnonzero(active)
        if not len(at):
            break
        first = np.full(len(free), len(ends))
        np.minimum.at(first, i[at], at)
        np.minimum.at(first, j[at], at)
        chosen = at[(first[i[at]] == at) & (first[j[at]] == at)]
        taken.append(chosen)
        free[i[chosen]] = free[j[chosen]] = False
        active &= free[i] & free[j]
    pairs = [(a, b) for a, b in ends[np.concatenate(taken, dtype=np.int64)].tolist()] if taken else []
    for a, b in ends[active].tolist():
        if free[a] and free[b]:
            free[a] = free[b] = False
            pairs.append((a, b))
    return sorted(pairs)


def _assignment_then_rest(
    setup: Setup,
    people: list[int],
    candidates: dict[Edge, float],
    score: EdgeScore,
    scored: ScoredEdges | None = None,
    exact: bool = True,
) -> list[Edge]:
    """Large rounds: OR-Tools' linear assignment gives everyone a partner in cycles (a 2-factor);
    mutual choices become pairs, longer cycles give their better alternate edges, and the exact
    matching (``exact``; else the greedy one) only handles the remainder plus the weakest pairs,
    which keeps it small.
    """
    fresh = _fresh_scored(setup, people, candidates, score, scored)
    position = np.full(setup.n, -1, dtype=np.int64)
    position[people] = np.arange(len(people))
    a, b = position[fresh.ends[:, 0]], position[fresh.ends[:, 1]]
    alone = np.arange(len(people))  # staying alone is always possible, and worth nothing
    tails = np.concatenate([np.stack([a, b], axis=1).ravel(), alone])
    heads = np.concatenate([np.stack([b, a], axis=1).ravel(), alone])
    costs = np.concatenate([np.repeat(-(fresh.scores + 1), 2), np.zeros(len(people), dtype=np.int64)])
    solver = linear_sum_assignment.SimpleLinearSumAssignment()
    solver.add_arcs_with_cost(tails, heads, costs)
    if solver.solve() != solver.OPTIMAL:
        return _max_matching(setup, people, candidates, score, scored)
    mate = [solver.right_mate(k) for k in range(len(people))]
    pairs = _pairs_from_cycles(mate, lambda a, b: score(people[a], people[b]))
    pairs_ids = sorted((edge(people[a], people[b]) for a, b in pairs), key=lambda e: score(*e))
    reopen = pairs_ids[: len(pairs_ids) // REOPEN_SHARE]
    kept = pairs_ids[len(reopen) :]
    matched = {p for e in kept for p in e}
    rest = [p for p in people if p not in matched]
    rest_scored = fresh.among(rest)
    finish = _max_matching if exact else _greedy_matching
    return sorted(kept + finish(setup, rest, candidates, score, rest_scored))


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


def _max_matching(
    setup: Setup,
    people: list[int],
    candidates: dict[Edge, float],
    score: EdgeScore,
    scored: ScoredEdges | None = None,
) -> list[Edge]:
    graph = rx.PyGraph()
    graph.add_nodes_from(people)
    fresh = _fresh_scored(setup, people, candidates, score, scored)
    at = np.full(setup.n, -1, dtype=np.int64)
    at[people] = np.arange(len(people))
    tails, heads = fresh.ends[:, 0], fresh.ends[:, 1]
    ties = _tie_breakers(tails, heads, setup.instance.seed)
    if len(ties) and int(fresh.scores.max()) >= 2**34:  # shifted, it would overflow 64 bits: Python integers
        shifted = [(s + 1) << TIE_BITS for s in fresh.scores.tolist()]
        weights = [w + t for w, t in zip(shifted, ties.tolist(), strict=True)]
    else:
        weights = (((fresh.scores + 1) << TIE_BITS) + ties).tolist()
    graph.add_edges_from(list(zip(at[tails].tolist(), at[heads].tolist(), weights, strict=True)))
    matched = rx.max_weight_matching(graph, max_cardinality=True, weight_fn=lambda w: w)
    return sorted(edge(people[a], people[b]) for a, b in matched)  # the library returns them in hash order


def _tie_breakers(i: np.ndarray, j: np.ndarray, seed: int) -> np.ndarray:
    """``_tie_breaker`` of many pairs at once (the same numbers, by arithmetic modulo 4096)."""
    return ((i * 1_000_003 + j) % 4096 * (2_654_435_761 % 4096) + (seed * 40_503) % 4096) % 4096


def _tie_breaker(i: int, j: int, seed: int) -> int:
    """A fixed pseudo-random 12-bit number per pair: equal-weight matchings are then chosen by seed."""
    return ((i * 1_000_003 + j) * 2_654_435_761 + seed * 40_503) % 4096


def complete(setup: Setup, people: list[int], pairs: list[Edge], score: EdgeScore) -> list[Edge]:
    """Pair everyone the matching left out: among themselves, by swapping into a pair, or by a repeat."""
    matched = {p for pair in pairs for p in pair}
    left = [p for p in people if p not in matched]
    if not left:
        return pairs
    if len(left) > DENSE_LEFTOVERS:  # hundreds (a hurried round): greedily on random partners first
        among = _greedy_matching(setup, left, _leftover_edges(setup, left), score)
        pairs = pairs + among
        done = {p for pair in among for p in pair}
        left = [p for p in left if p not in done]
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
    has a nearly perfect matching, and a dense one of 500 people took the exact matching a second."""
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
