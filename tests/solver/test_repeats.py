"""Fewest repeats: the planner against exhaustive search on tiny events, and golfer-style designs."""

from itertools import combinations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver import Format, Instance, InstanceError, Person, check_plan, plan
from solver.generate import golfer
from tests.solver.exhaustive import best_objective, fewest_repeats


@st.composite
def tiny_instances(draw):
    n = draw(st.integers(2, 6))
    rounds = draw(st.integers(1, 3))
    ids = [f"p{i}" for i in range(n)]
    pairs = st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] != p[1]).map(frozenset)
    fmt = Format() if draw(st.booleans()) else Format("tables", 2, 3)
    return Instance(
        people=tuple(Person(pid, pid) for pid in ids),
        rounds=rounds,
        format=fmt,
        must_not_meet=frozenset(draw(st.lists(pairs, max_size=2))),
        met_before=frozenset(draw(st.lists(pairs, max_size=3))),
        weights={},
        seed=draw(st.integers(0, 2)),
        time_limit_seconds=5.0,
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances())
def test_planner_repeats_as_few_as_exhaustive_search(instance):
    best = fewest_repeats(instance)
    if best is None:
        try:
            plan(instance)
        except InstanceError:
            return
        raise AssertionError("must-not-meet cannot be kept, but plan() returned a plan")
    result = plan(instance)
    assert check_plan(instance, result) == []
    assert result.repeats == best


def test_small_social_golfer_design_has_no_repeats():
    # 9 people in 3 tables of 3 for 4 rounds: the affine plane of order 3, where everyone meets everyone once.
    instance = golfer(3, 3, 4, time_limit_seconds=20)
    result = plan(instance)
    assert check_plan(instance, result) == []
    assert result.repeats == 0


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances(), st.data())
def test_upper_bound_is_never_below_the_true_optimum(instance, data):
    ids = [p.id for p in instance.people]
    all_pairs = [frozenset(pair) for pair in combinations(ids, 2)]
    weights = {pair: data.draw(st.sampled_from([0.0, 0.5, 1.0, 2.5, 4.0])) for pair in all_pairs}
    instance = Instance(**{**instance.__dict__, "weights": weights})
    if fewest_repeats(instance) is None:
        return
    result = plan(instance)
    assert result.upper_bound >= best_objective(instance) - 1e-6 >= result.objective - 1e-6


def test_bound_from_candidate_pairs_prices_every_pair(monkeypatch):
    """Large events run the LP on candidate pairs only; the dual check must still cover all pairs."""
    import solver.scoring.weights
    from solver.bound.lp import upper_bound
    from solver.generate import generate
    from solver.setup import build_setup

    instance = generate(90, rounds=3, seed=2)
    dense = build_setup(instance)
    everything = {(i, j): dense.weights(i, j) for i in range(dense.n) for j in range(i + 1, dense.n)}
    exact, _ = upper_bound(dense, everything)
    monkeypatch.setattr(solver.scoring.weights, "DENSE_LIMIT", 10)  # weights in blocks, as for large events
    monkeypatch.setattr(solver.scoring.weights, "BLOCK_ROWS", 16)
    sparse = build_setup(instance)
    few = {e: w for e, w in everything.items() if w >= 2.0}  # a deliberately poor candidate set
    bound, _ = upper_bound(sparse, few)
    assert bound >= exact - 1e-6
    assert bound <= exact * 1.05  # pricing added what was missing
