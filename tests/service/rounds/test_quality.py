from __future__ import annotations

import pytest

from service.rounds.quality import closeness_in_words, people_in_small_groups, plan_changes, value_spread
from service.rounds.seating import Seating


@pytest.mark.parametrize(
    ("gap", "words"),
    [
        (0.0, "the best possible plan"),
        (0.0004, "within 0.1 % of the best possible plan"),
        (0.001, "within 0.1 % of the best possible plan"),
        (0.0123, "within 1.3 % of the best possible plan"),
        (float("nan"), "how close this is to the best possible plan is not known"),
    ],
)
def test_closeness_is_said_in_plain_words_and_never_overstated(gap: float, words: str) -> None:
    assert closeness_in_words(gap) == words


def group(table: str, *members: str) -> dict[str, object]:
    return {"table": table, "members": list(members)}


ROUNDS = Seating.from_stored(
    [
        [group("1", "a", "b"), group("2", "c", "d", "e")],
        [group("1", "a", "c"), group("2", "b", "d", "e")],
    ]
)


def test_trios_are_counted_per_seat() -> None:
    assert people_in_small_groups(ROUNDS, usual_size=2) == 6
    assert people_in_small_groups(ROUNDS, usual_size=4) == 10


def test_the_spread_has_every_person_in_exactly_one_bar() -> None:
    values = {str(i): float(i) for i in range(20)}
    bars = value_spread(values, bars=4)
    assert [b.count for b in bars] == [5, 5, 5, 5]
    assert max(b.share for b in bars) == 1.0
    assert [b.label for b in bars] == ["0", "5", "10", "14"]
    assert [b.label for b in value_spread({"a": 0.0, "b": 2.0})] == [f"{i * 0.25:.1f}" for i in range(8)]
    assert [b.count for b in value_spread({"a": 3.0, "b": 3.0})] == [2]
    assert value_spread({}) == []


def test_changes_list_who_moves_in_later_rounds_only() -> None:
    new = Seating.from_stored(
        [ROUNDS.to_stored()[0], [group("1", "a", "c"), group("2", "b", "d"), group("3", "e", "f")]]
    )
    names = {p: p.upper() for p in "abcdef"}
    changes = plan_changes(ROUNDS, new, names, from_round=1)
    assert changes.affected == ["B", "D", "E", "F"]
    assert "Round 2: F — Table 3 with E (was: not seated)" in changes.lines
    assert "Round 2: E — Table 3 with F (was: Table 2 with B, D)" in changes.lines
    assert not any(line.startswith("Round 1") for line in changes.lines)
    assert plan_changes(ROUNDS, ROUNDS, names, from_round=0).none
