"""The candidate pass: blocks give the same partners as the full matrix, and the degree bound it
feeds stays a valid upper bound, also when the pass is stopped early."""

import numpy as np
import pytest

from solver import Format
from solver.bound.candidates import candidate_edges
from solver.bound.lp import capacity, degree_bound, meetings_per_person, upper_bound
from solver.generate import generate
from solver.scoring import weights as weights_module
from solver.scoring.partners import block_tops
from solver.setup import build_setup


def test_block_tops_are_each_rows_largest_entries_without_the_diagonal():
    rng = np.random.default_rng(1)
    matrix = rng.random((30, 30))
    for start in (0, 10, 20):
        block = matrix[start : start + 10].copy()
        columns, values = block_tops(block, start, 5)
        assert np.array_equal(block, matrix[start : start + 10])  # left as it was
        for r in range(10):
            row = matrix[start + r].copy()
            row[start + r] = -np.inf
            assert list(columns[r]) == list(np.argsort(-row)[:5])
            assert np.allclose(values[r], np.sort(row)[::-1][:5])


def test_blocks_give_the_same_partners_as_the_full_matrix(monkeypatch):
    instance = generate(200, rounds=4, seed=5)
    dense = build_setup(instance)  # 200 people: the full matrix
    monkeypatch.setattr(weights_module, "DENSE_LIMIT", 50)
    monkeypatch.setattr(weights_module, "BLOCK_ROWS", 37)
    blocked = build_setup(instance)
    assert dense.weights.dense is not None and blocked.weights.dense is None
    full = dense.weights.strongest(per_person=6, width=8)
    parts = blocked.weights.strongest(per_person=6, width=8)
    assert full.keys() == parts.keys()  # generated weights have no ties that float32 would break
    # Help by meaning comes from float32 embeddings, so the two paths agree to float32 precision.
    assert all(parts[e] == pytest.approx(w, rel=1e-6) for e, w in full.items())
    assert dense.weights.tops is not None and blocked.weights.tops is not None
    assert np.allclose(dense.weights.tops.weights, blocked.weights.tops.weights, rtol=2e-5)


@pytest.mark.parametrize("fmt", [Format(), Format("tables", 3, 5)])
def test_row_caps_are_above_every_weight_of_the_row(fmt):
    setup = build_setup(generate(120, rounds=3, seed=6, fmt=fmt))
    assert setup.weights.dense is not None and setup.weights.profiles is not None
    assert (setup.weights.profiles.row_caps() >= setup.weights.dense.max(axis=1) - 1e-12).all()


@pytest.mark.parametrize(("people", "fmt"), [(90, Format()), (91, Format()), (90, Format("tables", 3, 5))])
def test_the_degree_bound_of_a_stopped_pass_is_still_above_the_lp_optimum(people, fmt, monkeypatch):
    monkeypatch.setattr(weights_module, "DENSE_LIMIT", 50)  # blocks of rows, as for large events
    monkeypatch.setattr(weights_module, "BLOCK_ROWS", 30)
    setup = build_setup(generate(people, rounds=3, seed=7, fmt=fmt))
    lp_bound, _ = upper_bound(setup, candidate_edges(setup))
    full = degree_bound(setup, capacity(setup))
    stops = iter([False, True])  # the pass does its first two blocks of rows only

    def stop_after_one_block() -> bool:
        return next(stops, True)

    setup.weights.strongest(per_person=2, width=1, should_stop=stop_after_one_block)
    tops = setup.weights.tops
    assert tops is not None and tops.reached.any() and not tops.reached.all()
    stopped = tops.heaviest_sum(meetings_per_person(capacity(setup))) / 2
    assert stopped >= full - 1e-6 >= lp_bound - 2e-6
