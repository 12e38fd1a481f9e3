from collections import Counter
from itertools import combinations

import pytest

from solver.tables.designs.rotational import Symmetry, base_model, develop, rotational_rounds, symmetries


def assert_repeat_free(rounds, tables, size, count):
    assert len(rounds) == count
    for seats in rounds:
        assert len(seats) == tables and all(len(t) == size for t in seats)
        assert sorted(p for t in seats for p in t) == list(range(tables * size))
    meetings = Counter(frozenset(pair) for seats in rounds for t in seats for pair in combinations(t, 2))
    assert max(meetings.values()) == 1


@pytest.mark.parametrize("cycles", [(4, 4, 4, 4, 2), (8, 8, 1, 1), (6, 3, 2, 1)])
def test_pair_orbits_split_every_pair_into_closed_orbits(cycles):
    symmetry = Symmetry(cycles, 1)
    n = sum(cycles)
    orbits = symmetry.pair_orbits
    assert sorted(p for orbit in orbits for p in orbit) == [(a, b) for a in range(n) for b in range(a + 1, n)]
    sigma = symmetry.permutation
    assert sorted(sigma) == list(range(n))
    for orbit in orbits:
        assert symmetry.order % len(orbit) == 0
        assert {tuple(sorted((sigma[a], sigma[b]))) for a, b in orbit} == set(orbit)


def test_counting_rules_out_shapes_where_people_lack_partners():
    found = symmetries(6, 3, 8)
    assert Symmetry((4, 4, 4, 4, 2), 2) in found
    # In (8, 4, 4, 1, 1) a person on a 4-cycle can meet only 10 others in full orbits; they need 16.
    assert Symmetry((8, 4, 4, 1, 1), 1) not in found
    assert all(s.order * s.bases == 8 for s in found)


@pytest.mark.parametrize(
    ("tables", "size", "rounds"), [(6, 3, 8), (5, 3, 7), (4, 3, 4), (7, 3, 9), (5, 4, 5), (6, 3, 5)]
)
def test_rotational_rounds_seat_everyone_and_never_repeat(tables, size, rounds):
    found = rotational_rounds(tables, size, rounds, seconds=60)
    assert found is not None
    assert_repeat_free(found, tables, size, rounds)


def test_no_rounds_where_none_exist():
    # 12 people at 4 tables of 3 cannot have 5 rounds without a repeat (no nearly Kirkman triple
    # system of order 12 exists); every candidate symmetry is proved impossible.
    assert rotational_rounds(4, 3, 5, seconds=60) is None


def test_same_seed_same_rounds():
    assert rotational_rounds(6, 3, 8, seconds=60, seed=3) == rotational_rounds(6, 3, 8, seconds=60, seed=3)


def test_developing_base_rounds_applies_every_power_of_the_permutation():
    symmetry = Symmetry((3, 3), 1)
    assert develop(symmetry, [[[0, 3], [1, 4], [2, 5]]]) == [
        [[0, 3], [1, 4], [2, 5]],
        [[1, 4], [2, 5], [0, 3]],
        [[2, 5], [0, 3], [1, 4]],
    ]


def test_the_model_forbids_pairs_of_short_orbits():
    from ortools.sat.python import cp_model

    # Under sigma = (0 1)(2 3)(4 5) the pair {0, 1} is its own orbit: seated together in the base
    # round, they would meet again in the second round. Other pairings work.
    symmetry = Symmetry((2, 2, 2), 1)
    model, seat = base_model(3, 2, symmetry)
    assert cp_model.CpSolver().Solve(model) == cp_model.OPTIMAL
    model.Add(seat[0, 1, 0] == 1)  # person 1 at person 0's table
    assert cp_model.CpSolver().Solve(model) == cp_model.INFEASIBLE
