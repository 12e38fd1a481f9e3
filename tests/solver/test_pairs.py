"""Pairs rounds with an odd count: the trio is chosen for its weight, and plans stay near the optimum."""

import random
from itertools import combinations

from solver import Instance, Person, check_plan, plan
from tests.solver.exhaustive import best_objective


def test_the_trio_is_the_heaviest_triangle_among_people_whose_turn_it_is():
    ids = [f"p{i}" for i in range(7)]
    weights = {frozenset(pair): 1.0 for pair in combinations(ids, 2)}
    for pair in combinations(("p2", "p4", "p6"), 2):
        weights[frozenset(pair)] = 5.0
    instance = Instance(people=tuple(Person(p, p) for p in ids), rounds=1, weights=weights)
    result = plan(instance)
    assert check_plan(instance, result) == []
    assert [sorted(g.members) for g in result.rounds[0] if len(g.members) == 3] == [["p2", "p4", "p6"]]


def test_odd_plans_are_close_to_the_exhaustive_optimum():
    ratios = []
    for seed in range(20):
        rng = random.Random(seed)
        n, rounds = rng.choice([(5, 2), (5, 3), (7, 2)])
        ids = [f"p{i}" for i in range(n)]
        weights = {frozenset(pair): rng.choice([0.0, 0.0, 0.5, 1.0, 2.5, 4.0, 9.0]) for pair in combinations(ids, 2)}
        instance = Instance(people=tuple(Person(p, p) for p in ids), rounds=rounds, weights=weights, seed=seed % 3)
        best = best_objective(instance)
        result = plan(instance)
        assert check_plan(instance, result) == []
        assert result.upper_bound >= best - 1e-6
        ratios.append(result.objective / best if best else 1.0)
    assert min(ratios) >= 0.9  # measured: worst 0.94, mean 0.99 (trios rotate, which costs a little)
    assert sum(ratios) / len(ratios) >= 0.97
