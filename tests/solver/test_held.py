"""Tables re-plans keep the announced next round: only leavers, newcomers and clashes change it."""

import dataclasses

import pytest

from solver import Format, Group, Instance, Person, Table, check_plan, plan
from solver.generate import generate


def replanned(instance: Instance, frozen: int, **changes) -> tuple[Instance, list[Group], list[Group]]:
    """(re-plan instance, announced round ``frozen``, re-planned round ``frozen``)."""
    announced = plan(instance)
    assert announced.repeats == 0
    replan = dataclasses.replace(
        instance, frozen=tuple(announced.rounds[:frozen]), previous=tuple(announced.rounds), **changes
    )
    result = plan(replan)
    assert check_plan(replan, result) == []
    assert result.rounds[:frozen] == announced.rounds[:frozen]
    return replan, list(announced.rounds[frozen]), list(result.rounds[frozen])


def by_label(groups: list[Group]) -> dict[str, set[str]]:
    return {g.table: set(g.members) for g in groups}


def event(people: int, fmt: Format, rounds: int = 4, seed: int = 7) -> Instance:
    return generate(people, rounds, seed=seed, fmt=fmt, time_limit_seconds=2.0)


@pytest.mark.parametrize(
    "fmt",
    [
        Format("tables", 3, 5),
        Format(
            "tables", 3, 4, (Table("A", 6), Table("B", 4), Table("C", 4), Table("D", 4), Table("E", 4), Table("F", 4))
        ),
    ],
)
def test_only_the_tables_of_leavers_and_newcomers_change(fmt):
    instance = event(22, fmt)
    leaver = "p3"
    newcomer = Person("late", "Late Arrival", instance.people[0].profile, frozenset({2, 3}))
    people = tuple(dataclasses.replace(p, rounds=frozenset({0, 1})) if p.id == leaver else p for p in instance.people)
    _replan, before, after = replanned(instance, 2, people=(*people, newcomer))
    old, new = by_label(before), by_label(after)
    changed = {label for label in old.keys() | new.keys() if old.get(label) != new.get(label)}
    leaver_table = next(label for label, members in old.items() if leaver in members)
    newcomer_table = next(label for label, members in new.items() if "late" in members)
    assert changed <= {leaver_table, newcomer_table}
    assert old[leaver_table] - {leaver} <= new[leaver_table]  # nobody else at the leaver's table moved


def test_nothing_changed_means_the_same_next_round_labels_included():
    instance = event(19, Format("tables", 3, 5))
    _, before, after = replanned(instance, 1)
    assert after == before


def test_a_table_that_lost_someone_is_the_one_that_gets_smaller():
    # 20 people at 5 tables of 4; one leaves, so one table seats 3: it should be the leaver's.
    instance = event(20, Format("tables", 3, 4))
    announced = plan(instance)
    leaver = announced.rounds[2][0].members[0]  # at the first table: by default the last one would shrink
    people = tuple(dataclasses.replace(p, rounds=frozenset({0, 1})) if p.id == leaver else p for p in instance.people)
    _, before, after = replanned(instance, 2, people=people)
    old, new = by_label(before), by_label(after)
    assert {label: members - {leaver} for label, members in old.items()} == new


def test_a_new_must_not_meet_pair_is_split_and_the_rest_stays():
    instance = event(21, Format("tables", 3, 5), seed=3)
    announced = plan(instance)
    table = announced.rounds[1][0]
    apart = frozenset(table.members[:2])
    _, before, after = replanned(instance, 1, must_not_meet=frozenset({apart}))
    assert not any(apart <= set(g.members) for g in after)
    kept = sum(1 for g in after if g in before)
    assert kept >= len(before) - 2  # the pair's table, and the table one of them moves to
