"""The independent checker must report every kind of broken plan, each in its own words.

Each test starts from a valid plan (which the checker accepts) and breaks one rule. The plans'
figures are recomputed honestly (``solver.metrics.score_schedule``), so only the broken rule is
wrong; where a test is about the figures, it misreports exactly one.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from solver import Format, Group, Instance, Person, Plan, Table, check_plan
from solver.metrics import relative_gap, score_schedule
from solver.model import Pair, Round

WEIGHTS: dict[Pair, float] = {
    frozenset(("p0", "p1")): 1.0,
    frozenset(("p0", "p2")): 2.0,
    frozenset(("p1", "p4")): 0.5,
    frozenset(("p3", "p5")): 3.0,
}


def pairs_event(**changes: object) -> Instance:
    people = tuple(Person(f"p{i}", f"P{i}") for i in range(6))
    return dataclasses.replace(Instance(people=people, rounds=2, weights=WEIGHTS), **changes)


def tables_event(**changes: object) -> Instance:
    people = tuple(Person(f"p{i}", f"P{i}") for i in range(7))
    fmt = Format("tables", 3, 4, (Table("A", 4), Table("B", 3)))
    return dataclasses.replace(Instance(people=people, rounds=1, format=fmt, weights=WEIGHTS), **changes)


def groups(*tables: tuple[str, ...]) -> Round:
    return tuple(Group(str(k + 1), members) for k, members in enumerate(tables))


VALID_PAIRS = [
    groups(("p0", "p1"), ("p2", "p3"), ("p4", "p5")),
    groups(("p0", "p2"), ("p1", "p4"), ("p3", "p5")),
]
VALID_TABLES = [(Group("A", ("p0", "p1", "p2", "p3")), Group("B", ("p4", "p5", "p6")))]


def honest_plan(instance: Instance, rounds: list[Round], bound_extra: float = 1.0) -> Plan:
    """A plan of these rounds with its figures computed by the metrics module."""
    ids = [p.id for p in instance.people]
    index = {pid: i for i, pid in enumerate(ids)}
    as_indices = [[[index[m] for m in g.members if m in index] for g in groups] for groups in rounds]

    def weight(a: int, b: int) -> float:
        return (instance.weights or {}).get(frozenset((ids[a], ids[b])), 0.0)

    before = {tuple(sorted(index[p] for p in pair)) for pair in instance.met_before}
    objective, values, repeats = score_schedule(len(ids), as_indices, weight, before)  # type: ignore[arg-type]
    bound = objective + bound_extra
    return Plan(
        rounds=list(rounds),
        objective=objective,
        upper_bound=bound,
        gap=relative_gap(objective, bound),
        repeats=repeats,
        person_values=dict(zip(ids, values, strict=True)),
        seconds=0.0,
    )


def test_the_valid_plans_pass():
    assert check_plan(pairs_event(), honest_plan(pairs_event(), VALID_PAIRS)) == []
    assert check_plan(tables_event(), honest_plan(tables_event(), VALID_TABLES)) == []


def reported(instance: Instance, plan: Plan, pattern: str) -> None:
    problems = check_plan(instance, plan)
    assert any(re.search(pattern, p) for p in problems), problems


def test_a_repeat_meeting_reported_as_none_is_caught():
    again = [VALID_PAIRS[0], VALID_PAIRS[0]]  # everyone meets their round-0 partner again
    plan = dataclasses.replace(honest_plan(pairs_event(), again), repeats=0)
    reported(pairs_event(), plan, r"plan reports 0 repeats, there are 3")


def test_meeting_someone_met_before_counts_as_a_repeat():
    instance = pairs_event(met_before=frozenset({frozenset(("p0", "p1"))}))
    plan = dataclasses.replace(honest_plan(instance, VALID_PAIRS), repeats=0)
    reported(instance, plan, r"plan reports 0 repeats, there are 1")


def test_someone_seated_twice_in_a_round():
    twice = [groups(("p0", "p1"), ("p2", "p3"), ("p4", "p0")), VALID_PAIRS[1]]
    reported(pairs_event(), honest_plan(pairs_event(), twice), r"round 0: 'p0' is placed 2 times")


def test_someone_present_left_out():
    left_out = [groups(("p0", "p1"), ("p2", "p3", "p4")), VALID_PAIRS[1]]
    reported(pairs_event(), honest_plan(pairs_event(), left_out), r"round 0: 'p5' is present but not placed")


def test_an_absent_person_seated():
    people = list(pairs_event().people)
    people[5] = Person("p5", "P5", rounds=frozenset({1}))
    instance = pairs_event(people=tuple(people))
    reported(instance, honest_plan(instance, VALID_PAIRS), r"round 0: 'p5' is placed but absent")


def test_an_unknown_person_seated():
    stranger = [groups(("p0", "p1"), ("p2", "p3"), ("p4", "p5", "x9")), VALID_PAIRS[1]]
    reported(pairs_event(), honest_plan(pairs_event(), stranger), r"round 0: unknown person 'x9'")


@pytest.mark.parametrize(
    ("first_round", "message"),
    [
        (groups(("p0", "p1", "p2", "p3"), ("p4", "p5")), r"pairs format but a group has 4 people"),
        (groups(("p0",), ("p1", "p2", "p3"), ("p4", "p5")), r"pairs format but a group has 1 people"),
        (groups(("p0", "p1", "p2"), ("p3", "p4", "p5")), r"round 0: 6 people placed but 2 trio\(s\)"),
    ],
)
def test_wrong_group_sizes_in_pairs(first_round, message):
    plan = honest_plan(pairs_event(), [first_round, VALID_PAIRS[1]])
    reported(pairs_event(), plan, message)


@pytest.mark.parametrize(
    ("tables", "message"),
    [
        (
            (Group("A", ("p0", "p1", "p2", "p3", "p4")), Group("B", ("p5", "p6"))),
            r"table 'A' has 5 people, outside 3-4",
        ),
        ((Group("A", ("p0", "p1", "p2")), Group("B", ("p3", "p4", "p5", "p6"))), r"table 'B' seats 3 but has 4"),
        ((Group("A", ("p0", "p1", "p2", "p3")), Group("C", ("p4", "p5", "p6"))), r"unknown table 'C'"),
        ((Group("A", ("p0", "p1", "p2", "p3")), Group("A", ("p4", "p5", "p6"))), r"a table label is used twice"),
    ],
)
def test_wrong_tables(tables, message):
    reported(tables_event(), honest_plan(tables_event(), [tables]), message)


def test_a_frozen_round_changed():
    instance = pairs_event(frozen=(VALID_PAIRS[0],))
    changed = [groups(("p0", "p3"), ("p2", "p1"), ("p4", "p5")), VALID_PAIRS[1]]
    reported(instance, honest_plan(instance, changed), r"frozen round 0 was changed")
    assert check_plan(instance, honest_plan(instance, VALID_PAIRS)) == []


def test_a_must_not_meet_pair_together():
    instance = pairs_event(must_not_meet=frozenset({frozenset(("p2", "p3"))}))
    reported(instance, honest_plan(instance, VALID_PAIRS), r"round 0: must-not-meet pair 'p2' and 'p3' meet")


def test_a_missing_round():
    reported(pairs_event(), honest_plan(pairs_event(), VALID_PAIRS[:1]), r"plan has 1 rounds, instance has 2")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"objective": 7.0}, r"plan reports objective 7.0, it is 6.5"),
        ({"person_values": {"p0": 3.0}}, r"plan reports value None for 'p1', it is 1.5"),
        ({"upper_bound": 6.0, "gap": 0.0}, r"upper bound 6.0 is below the objective 6.5"),
        ({"gap": 0.5}, r"gap 0.5 does not match objective and bound"),
    ],
)
def test_misreported_figures(change, message):
    plan = dataclasses.replace(honest_plan(pairs_event(), VALID_PAIRS), **change)
    reported(pairs_event(), plan, message)
