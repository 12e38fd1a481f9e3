"""Pairs format: each open round is a maximum-weight matching of the people present.

An odd count gets exactly one trio, chosen among the people who have been in one least often
(so trios rotate): the triangle whose three pair weights, plus the matching of everyone else, are
worth the most. Pairs the matching could not cover (a sparse candidate graph, or everyone
left has met) are completed by swaps, and only as a last resort by a repeat.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import rustworkx as rx
from ortools.graph.python import linear_sum_assignment

from solver.setup import Edge, Setup, edge

SCALE = 1000  # float weights become integers for the matching
TIE_BITS = 28  # room below the weight for a seeded tie-breaker: the matching library breaks ties by hash order
EdgeScore = Callable[[int, int], int]
EXACT_MATCHING_LIMIT = 1500  # above this many people a round is matched greedily first
REOPEN_SHARE = 4  # the weakest quarter of greedy pairs is matched again exactly
DENSE_LEFTOVERS = 120  # up to this many people left unmatched are matched on every pair among them
LEFTOVER_PARTNERS = 12  # ... beyond, on this many random partners each


def match_round(
    setup: Setup, r: int, candidates: dict[Edge, float], score: EdgeScore, trio_counts: list[int], hurry: bool = False
) -> list[list[int]]:
    """One round's groups (lists of person indices): pairs plus at most one trio.

    ``hurry`` (the caller was asked to stop) takes the heaviest pairs greedily instead of matching.
    """
    people = list(setup.present[r])
    if not people:
        return []
    previous = setup.previous.get(r, set())
    match = _matcher(setup, candidates, score, hurry)
    odd = len(people) % 2 and len(people) >= 3
    chosen = _choose_trio(setup, people, candidates, score, trio_counts, previous, match) if odd else None
    if chosen is not None:
        trio, repaired = chosen
        rest = [p for p in people if p not in trio]
        pairs = repaired if len(people) > REMATCH_AFTER_TRIO_LIMIT else match(rest)
        groups = [list(p) for p in _complete(setup, rest, pairs, score)] + [list(trio)]
        for member in trio:
            trio_counts[member] += 1
        return groups
    joiner = None
    if len(people) % 2:
        joiner = _fairest_joiner(setup, people, trio_counts, previous)
        people.remove(joiner)
    groups = [list(p) for p in _complete(setup, people, match(people), score)]
    if joiner is not None:
        _add_to_best_pair(setup, joiner, groups, trio_counts, previous)
    return groups


def _matcher(
    setup: Setup, candidates: dict[Edge, float], score: EdgeScore, hurry: bool
) -> Callable[[list[int]], list[Edge]]:
    def match(people: list[int]) -> list[Edge]:
        if hurry:
            return _greedy_matching(setup, people, candidates, score)
        if len(people) > EXACT_MATCHING_LIMIT:
            return _assignment_then_exact(setup, people, candidates, score)
        return _max_matching(setup, people, candidates, score)

    return match


def _fairest_joiner(setup: Setup, people: list[int], trio_counts: list[int], previous: set[Edge]) -> int:
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


def _choose_trio(
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


TRIANGLE_PARTNERS = 5  # each eligible person's strongest eligible partners spanning candidate trios
SHORTLIST = 40  # triangles whose re-pairing is worked out exactly
REMATCH_AFTER_TRIO_LIMIT = 400  # larger rounds keep the repaired matching instead of matching again


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
                    trio = tuple(sorted((a, b, c)))
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


def _greedy_matching(setup: Setup, people: list[int], candidates: dict[Edge, float], score: EdgeScore) -> list[Edge]:
    here = set(people)
    scored = sorted((score(*e), e) for e in candidates if e[0] in here and e[1] in here and setup.fresh(*e))
    taken: set[int] = set()
    pairs = []
    for _, (i, j) in reversed(scored):
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


def _complete(setup: Setup, people: list[int], pairs: list[Edge], score: EdgeScore) -> list[Edge]:
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


def _add_to_best_pair(
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
