from collections import Counter
from itertools import combinations

import pytest

from solver import check_plan, plan
from solver.generate import golfer
from solver.tables.designs.field import Field, design_rounds, prime_power


@pytest.mark.parametrize(("p", "k"), [(2, 2), (2, 3), (3, 2), (5, 1)])
def test_field_arithmetic_is_a_field(p, k):
    field = Field(p, k)
    q = field.q
    for a in range(q):
        assert field.add(a, field.neg(a)) == 0
        assert field.mul(a, 1) == a
        if a:
            assert sorted(field.mul(a, b) for b in range(q)) == list(range(q))  # every non-zero element has an inverse
        for b in range(q):
            assert field.mul(a, b) == field.mul(b, a)
            for c in range(q):
                assert field.mul(a, field.add(b, c)) == field.add(field.mul(a, b), field.mul(a, c))


def test_prime_powers():
    assert [q for q in range(2, 30) if prime_power(q)] == [2, 3, 4, 5, 7, 8, 9, 11, 13, 16, 17, 19, 23, 25, 27, 29]


@pytest.mark.parametrize(
    ("tables", "size", "rounds"), [(3, 3, 4), (4, 2, 5), (5, 3, 5), (8, 4, 9), (9, 3, 10), (7, 5, 7)]
)
def test_designed_rounds_seat_everyone_and_never_repeat(tables, size, rounds):
    designed = design_rounds(tables, size, rounds)
    assert designed is not None and len(designed) == rounds
    for seats in designed:
        assert len(seats) == tables and all(len(t) == size for t in seats)
        assert sorted(p for t in seats for p in t) == list(range(tables * size))
    meetings = Counter(frozenset(pair) for seats in designed for t in seats for pair in combinations(t, 2))
    assert max(meetings.values()) == 1


def test_no_design_where_the_construction_does_not_apply():
    assert design_rounds(6, 3, 8) is None  # 6 is not a prime power
    assert design_rounds(3, 4, 2) is None  # tables larger than the field
    assert len(design_rounds(5, 3, 7)) == 5  # 5 rounds at most; the search does the rest


def test_planner_seats_the_32_golfers_for_9_rounds_without_repeats():
    instance = golfer(8, 4, 9, time_limit_seconds=30)
    result = plan(instance)
    assert check_plan(instance, result) == []
    assert result.repeats == 0


def test_planner_seats_18_people_at_6_tables_of_3_for_8_rounds_without_repeats():
    # 6 is not a prime power, so the field does not apply; the symmetric search does.
    instance = golfer(6, 3, 8, time_limit_seconds=30)
    result = plan(instance)
    assert check_plan(instance, result) == []
    assert result.repeats == 0


def test_empty_design_points_never_share_a_table():
    from solver.tables.designs.seating import _never_together

    rounds = design_rounds(7, 6, 6)
    empty = _never_together(rounds, 3)
    assert empty is not None and len(empty) == 3
    assert not any(len(set(t) & empty) > 1 for seats in rounds for t in seats)
    assert _never_together(design_rounds(3, 3, 4), 2) is None  # the affine plane: everyone meets everyone


def test_a_near_golfer_event_with_profiles_gets_a_plan_without_repeats():
    # 41 people at tables of 4-6 for 6 rounds: 6 tables of 6 and one of 5, every round. The swap
    # search alone leaves repeats; the design over GF(7) with one empty seat has none.
    from solver import Format
    from solver.generate import generate

    instance = generate(41, 6, seed=3, fmt=Format("tables", 4, 6), time_limit_seconds=10)
    result = plan(instance)
    assert check_plan(instance, result) == []
    assert result.repeats == 0
    assert sorted(len(g.members) for g in result.rounds[0]) == [5, 6, 6, 6, 6, 6, 6]
