"""Large pairs rounds matched on arrays (``solver.pairs.edges``): the same pairs and scores as the
per-pair path, at every pace."""

import numpy as np
import pytest

from solver.bound.candidates import candidate_edges, matching_edges
from solver.bound.lp import upper_bound
from solver.generate import generate
from solver.indices import edge, pairs_in
from solver.pairs import matching
from solver.pairs.edges import LP_BOOST, TIGHT_BOOST, CandidateArrays
from solver.pairs.matching import SCALE, _tie_breaker, _tie_breakers
from solver.pairs.stage import frozen_trio_counts, match_round
from solver.setup import build_setup


def test_the_vectorised_tie_breakers_are_the_per_pair_ones():
    rng = np.random.default_rng(4)
    i = rng.integers(0, 200_000, 500)
    j = rng.integers(0, 200_000, 500)
    for seed in (0, 7, 123_456_789, -3):
        expected = [_tie_breaker(a, b, seed) for a, b in zip(i.tolist(), j.tolist(), strict=True)]
        assert _tie_breakers(i, j, seed).tolist() == expected


@pytest.mark.parametrize("pace", ["exact", "quick", "greedy"])
def test_a_round_matched_on_arrays_equals_the_round_matched_pair_by_pair(monkeypatch, pace):
    # A small event takes the large-round path: the assignment first above 40 people.
    monkeypatch.setattr(matching, "EXACT_MATCHING_LIMIT", 40)
    instance = generate(121, rounds=3, seed=6)
    setup = build_setup(instance)
    candidates = candidate_edges(setup)
    _, chosen = upper_bound(setup, candidates)
    lp_pairs = {e for e, x in chosen.items() if x > 0.5}
    candidates = matching_edges(setup, candidates, chosen)
    arrays = CandidateArrays(setup, candidates, lp_pairs)
    met = set(setup.met)
    keep_bonus = 10**6
    for k, r in enumerate(setup.open_rounds):
        so_far = setup.with_met(frozenset(met))
        rounds_left = len(setup.open_rounds) - k
        previous = {edge(2 * p, 2 * p + 1) for p in range(5)} if k == 0 else set()
        lp_left = [0] * setup.n
        for i, j in lp_pairs:
            if so_far.fresh(i, j):
                lp_left[i] += 1
                lp_left[j] += 1

        def score(i: int, j: int, previous=previous, lp_left=lp_left, rounds_left=rounds_left) -> int:
            e = edge(i, j)
            factor = 1.0
            if e in lp_pairs:
                factor += LP_BOOST + (TIGHT_BOOST if max(lp_left[i], lp_left[j]) >= rounds_left else 0.0)
            return int(candidates.get(e, 0.0) * SCALE * factor) + (keep_bonus if e in previous else 0)

        scored = arrays.round_edges(setup.present[r], lp_left, rounds_left, previous, keep_bonus)
        assert [score(int(i), int(j)) for i, j in scored.ends] == scored.scores.tolist()
        drawn = setup.rng.getstate()  # both matchings draw the same random numbers
        per_pair = match_round(so_far, r, candidates, score, frozen_trio_counts(setup), pace)
        setup.rng.setstate(drawn)
        on_arrays = match_round(so_far, r, candidates, score, frozen_trio_counts(setup), pace, scored)
        assert on_arrays == per_pair
        assert sorted(p for g in on_arrays for p in g) == sorted(setup.present[r])
        built = [e for g in on_arrays for e in pairs_in(g)]
        met.update(built)
        arrays.mark_met(built)


def one_by_one(ends: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The greedy matching as written in the textbook: each pair in turn when both are free."""
    taken: set[int] = set()
    pairs = []
    for a, b in ends:
        if a not in taken and b not in taken:
            taken.update((a, b))
            pairs.append((a, b))
    return sorted(pairs)


@pytest.mark.parametrize("passes", [0, 1, 3, 30])
def test_the_greedy_matching_in_passes_takes_the_pairs_one_by_one_would(monkeypatch, passes):
    monkeypatch.setattr(matching, "GREEDY_PASSES", passes)
    rng = np.random.default_rng(passes)
    for people, count in ((6, 8), (40, 200), (300, 3000)):
        ends = rng.integers(0, people, (count, 2))
        ends = np.sort(ends[ends[:, 0] != ends[:, 1]], axis=1)
        path = np.array([(k, k + 1) for k in range(people - 1)][::-1])  # each pass takes one pair only
        for graph in (ends, path):
            assert matching._greedy_in_order(graph) == one_by_one([tuple(e) for e in graph.tolist()])
    assert matching._greedy_in_order(np.zeros((0, 2), dtype=np.int64)) == []


def test_scores_too_large_for_shifted_64_bit_integers_match_as_the_per_pair_path():
    from itertools import combinations

    from solver import Instance, Person

    ids = [f"p{i}" for i in range(12)]
    rng = np.random.default_rng(9)
    weights = {frozenset(pair): float(rng.integers(1, 10**9)) for pair in combinations(ids, 2)}
    setup = build_setup(Instance(people=tuple(Person(p, p) for p in ids), rounds=1, weights=weights))
    candidates = {(i, j): setup.weights(i, j) for i in range(12) for j in range(i + 1, 12)}

    def score(i: int, j: int) -> int:
        return int(candidates[edge(i, j)] * SCALE)

    ends = np.array(list(candidates), dtype=np.int64)
    scored = matching.ScoredEdges(12, ends, np.array([score(i, j) for i, j in candidates], dtype=np.int64))
    assert int(scored.scores.max()) >= 2**34  # the Python-integer branch
    people = list(range(12))
    assert matching._max_matching(setup, people, candidates, score, scored) == matching._max_matching(
        setup, people, candidates, score
    )
