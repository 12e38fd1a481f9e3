from __future__ import annotations

import pytest

from service.rounds.models import RoundPlan
from service.rounds.seating import SeatedTable, Seating, table_sort_key

STORED = [
    [{"table": "1", "members": ["a", "b"]}, {"table": "2", "members": ["c", "d"]}],
    [{"table": "2", "members": ["a", "c", "d"]}],
]


def test_the_stored_form_and_the_solvers_convert_both_ways() -> None:
    seating = Seating.from_stored(STORED)
    assert seating.to_stored() == STORED
    assert Seating.from_groups(seating.to_groups()) == seating
    only_a = seating.to_groups(keep={"a"})
    assert [[(g.table, g.members) for g in r] for r in only_a] == [[("1", ("a",))], [("2", ("a",))]]
    assert RoundPlan(rounds=STORED).seating == seating


def test_where_each_person_sits_and_with_whom() -> None:
    seating = Seating.from_stored(STORED)
    assert seating.table_of("a", 1) == SeatedTable("2", ("a", "c", "d"))
    assert seating.table_of("b", 1) is None
    assert [t.label if t else None for t in seating.tables_of("b")] == ["1", None]
    assert seating.rounds_seated("b") == {0} and seating.rounds_seated("a") == {0, 1}
    assert seating.tablemates("a") == {"b", "c", "d"}
    assert seating.tablemates("a", 0) == {"b"}
    assert seating.members(1) == {"a", "c", "d"} and seating.everyone() == {"a", "b", "c", "d"}
    assert len(seating) == 2 and len(seating.head(1)) == 1 and seating.tail(1).everyone() == {"a", "c", "d"}


def test_seats_by_person_lists_each_round_with_gaps_for_rounds_sat_out() -> None:
    seating = Seating.from_stored(
        [
            [{"table": "1", "members": ["a", "b"]}, {"table": "2", "members": ["c", "d"]}],
            [{"table": "2", "members": ["a", "c"]}],
        ]
    )
    assert seating.seats_by_person() == {"a": ["1", "2"], "b": ["1", ""], "c": ["2", "2"], "d": ["2", ""]}


def test_plan_tables_are_listed_once_in_natural_order() -> None:
    plan = RoundPlan(
        rounds=[
            [{"table": "10", "members": []}, {"table": "2", "members": []}],
            [{"table": "Patio", "members": []}, {"table": "2", "members": []}],
        ]
    )
    assert plan.seating.table_labels() == ["2", "10", "Patio"]
    assert sorted(["10", "2", "Patio", "1"], key=table_sort_key) == ["1", "2", "10", "Patio"]


def test_a_swap_exchanges_two_seats_in_one_round_only() -> None:
    seating = Seating.from_stored(STORED)
    swapped = seating.swapped(0, "b", "c")
    assert swapped.to_stored()[0] == [{"table": "1", "members": ["a", "c"]}, {"table": "2", "members": ["b", "d"]}]
    assert swapped[1] == seating[1]
    with pytest.raises(ValueError):
        seating.swapped(0, "c", "d")  # the same table
    with pytest.raises(ValueError):
        seating.swapped(1, "a", "b")  # b is not seated in round 2
