import numpy as np
import pytest

from solver import Format, Instance, Person, plan
from solver.bound.candidates import candidate_edges
from solver.bound.lp import IncrementalLp, capacity, degree_bound, upper_bound
from solver.generate import generate
from solver.setup import build_setup


@pytest.mark.parametrize("fmt", [Format(), Format("tables", 3, 5)])
def test_the_degree_bound_is_above_the_lp_bound_and_every_plan(fmt):
    instance = generate(90, rounds=3, seed=4, fmt=fmt, time_limit_seconds=2)
    setup = build_setup(instance)
    lp_bound, _ = upper_bound(setup, candidate_edges(setup))
    loose = degree_bound(setup, capacity(setup))
    assert loose >= lp_bound - 1e-6
    assert lp_bound >= plan(instance).objective - 1e-6


def test_the_degree_bound_counts_each_persons_heaviest_partners_once_per_end():
    instance = generate(7, rounds=1, seed=1)
    weights = {frozenset(("p0", "p1")): 4.0, frozenset(("p0", "p2")): 3.0, frozenset(("p1", "p2")): 1.0}
    setup = build_setup(type(instance)(**{**instance.__dict__, "weights": weights}))
    # One round of pairs (odd: one trio, so everyone may get a second partner): p0 takes 4 + 3,
    # p1 takes 4 + 1, p2 takes 3 + 1; halved, 8.
    assert degree_bound(setup, capacity(setup)) == pytest.approx(8.0)


def test_a_stop_before_the_lp_gives_the_degree_bound_at_once():
    setup = build_setup(generate(300, rounds=4, seed=2))
    bound, chosen = upper_bound(setup, candidate_edges(setup), should_stop=lambda: True)
    assert bound == pytest.approx(degree_bound(setup, capacity(setup))) and chosen == {}


@pytest.mark.slow
def test_a_stop_request_interrupts_a_running_glop_solve():
    # A random LP that GLOP needs seconds for; the watcher interrupts it after ~0.05 s.
    people = tuple(Person(f"p{i}", f"P{i}") for i in range(5000))
    setup = build_setup(Instance(people=people, rounds=6, weights={}))
    lp = IncrementalLp(capacity(setup))
    rng = np.random.default_rng(0)
    pairs = rng.integers(0, setup.n, size=(25 * setup.n, 2))
    lp.add(
        {
            (int(min(i, j)), int(max(i, j))): float(w)
            for (i, j), w in zip(pairs, rng.random(len(pairs)), strict=True)
            if i != j
        }
    )
    assert lp.solve(should_stop=lambda: True) is None
