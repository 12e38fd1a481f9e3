"""Attendees' marks and organisers' rules: kept where feasible, reported where not, checked by check_plan."""

import dataclasses
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver import Format, Group, Instance, InstanceError, Person, check_plan, plan
from solver.cli import main
from solver.jsonio import instance_from_json, instance_to_json, load_instance, plan_to_json
from solver.preferences import MUTUAL_WISH_BONUS, WISH_BONUS
from solver.validate import validate
from tests.solver.strategies import instances, profiles

PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def people(n: int, **fields) -> tuple[Person, ...]:
    return tuple(Person(f"p{i}", f"Name {i}", **fields) for i in range(n))


def met_pairs(result) -> set[frozenset[str]]:
    return {
        frozenset((a, b)) for groups in result.rounds for g in groups for a in g.members for b in g.members if a < b
    }


def test_a_mutual_wish_weighs_two_and_a_half_times_a_one_sided_one():
    one_sided = Instance(people(4), rounds=1, wishes=frozenset({("p0", "p2")}), time_limit_seconds=1)
    mutual = dataclasses.replace(one_sided, wishes=frozenset({("p0", "p2"), ("p2", "p0")}))
    for instance, value in ((one_sided, WISH_BONUS), (mutual, MUTUAL_WISH_BONUS)):
        result = plan(instance)
        assert frozenset(("p0", "p2")) in met_pairs(result)
        assert result.objective == pytest.approx(value)
        assert check_plan(instance, result) == []
    assert MUTUAL_WISH_BONUS == 2.5 * WISH_BONUS


def test_check_plan_reports_a_declined_pair_seated_together_and_an_unreported_broken_rule():
    crew = (
        Person("a", "Ana", role="founder", organisation="Acme"),
        Person("b", "Ben", role="founder", organisation=" ACME "),
        Person("c", "Cy", role="investor"),
        Person("d", "Di", role="mentor"),
    )
    instance = Instance(
        crew,
        rounds=1,
        declined=frozenset({frozenset(("c", "d"))}),
        avoid_same_organisation=True,
        role_rules={"Founder": frozenset({"investor", "mentor"})},
        time_limit_seconds=1,
    )
    result = plan(instance)
    assert check_plan(instance, result) == []
    assert result.broken_rules == [] and result.declined_meetings == 0
    broken = dataclasses.replace(result, rounds=[(Group("1", ("a", "b")), Group("2", ("c", "d")))])
    broken = dataclasses.replace(broken, objective=0.0, person_values=dict.fromkeys("abcd", 0.0), upper_bound=0.0)
    problems = check_plan(instance, broken)
    assert "a declined pair meets 1 time(s), the plan reports 0" in problems
    assert "round 0: the same organisation rule is broken for 'a' but not reported" in problems
    assert "round 0: the role rule is broken for 'b' but not reported" in problems


def test_a_rule_that_cannot_be_met_is_reported_for_whom_and_why():
    crew = (*people(3, role="founder"), Person("i", "Ida", role="investor"))
    instance = Instance(crew, rounds=2, role_rules={"founder": frozenset({"investor"})}, time_limit_seconds=1)
    result = plan(instance)
    assert check_plan(instance, result) == []
    assert len(result.broken_rules) == 4  # two founders a round cannot meet Ida
    assert all(b.rule == "founder meets only investor" for b in result.broken_rules)
    assert any(
        note.startswith("Rule 'founder meets only investor' could not be met for Name ")
        and note.endswith("(no investor left for round 2)")
        for note in result.notes
    )


def test_declined_pairs_that_cannot_be_kept_apart_meet_and_are_counted_without_names():
    instance = Instance(people(2), rounds=1, declined=frozenset({frozenset(("p0", "p1"))}), time_limit_seconds=1)
    result = plan(instance)  # must_not_meet would refuse this instance
    assert result.declined_meetings == 1
    assert check_plan(instance, result) == []
    assert not any("Name" in note for note in result.notes)
    with pytest.raises(InstanceError):
        plan(dataclasses.replace(instance, must_not_meet=instance.declined))


def test_preferences_go_through_json_and_are_validated():
    instance = Instance(
        (Person("a", "Ana", organisation="Acme", role="founder"), Person("b", "Ben")),
        rounds=1,
        wishes=frozenset({("a", "b")}),
        declined=frozenset({frozenset(("a", "b"))}),
        avoid_same_organisation=True,
        role_rules={"founder": frozenset({"investor"})},
    )
    again = load_instance(json.dumps(instance_to_json(instance)))
    assert again == instance
    output = plan_to_json(plan(again), again)
    assert output["declined_meetings"] == 1 and output["broken_rules"][0]["person"] == "a"
    for bad, message in (
        ({"wishes": [["a", "zed"]]}, "wishes name unknown person 'zed'"),
        ({"wishes": [["a"]]}, "wishes[0] must be [who, whom]"),
        ({"declined": [["a", "zed"]]}, "declined names unknown person 'zed'"),
        ({"avoid_same_organisation": "yes"}, "avoid_same_organisation must be true or false"),
        ({"role_rules": {"founder": []}}, "role_rules['founder'] must name a role"),
    ):
        raw = instance_to_json(instance) | bad
        with pytest.raises(InstanceError, match=message.replace("[", r"\[").replace("]", r"\]")):
            validate(instance_from_json(raw))


@st.composite
def events_with_marks(draw: st.DrawFn) -> Instance:
    """Random events plus declined pairs and colleagues that can always be kept apart: each person
    declines or works with at most one other, and every round has two groups or more."""
    instance = draw(instances(max_people=10, max_rounds=3))
    ids = [p.id for p in instance.people]
    order = draw(st.permutations(ids))
    couples = [frozenset(order[k : k + 2]) for k in range(0, len(order) - 1, 2)]
    declined = frozenset(c for c in couples if draw(st.booleans()))
    organisation = {pid: f"Org {k}" for k, c in enumerate(couples) if c not in declined for pid in c}
    crowd = tuple(dataclasses.replace(p, organisation=organisation.get(p.id, "")) for p in instance.people)
    wishes = frozenset(draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=4)))
    return dataclasses.replace(
        instance,
        people=crowd,
        declined=declined,
        avoid_same_organisation=True,
        wishes=frozenset(w for w in wishes if w[0] != w[1]),
        must_not_meet=frozenset(),
    )


def roomy(instance: Instance) -> bool:
    largest = 3 if instance.format.kind == "pairs" else instance.format.max_size
    return all(
        count == 0 or count > largest
        for count in (sum(p.present_in(r) for p in instance.people) for r in range(instance.rounds))
    )


@PROPERTY
@given(events_with_marks())
def test_plans_report_every_mark_and_rule_and_keep_them_when_feasible(instance):
    result = plan(instance)
    assert check_plan(instance, result) == []
    if roomy(instance):
        assert result.declined_meetings == 0
        assert result.broken_rules == []


@st.composite
def role_events(draw: st.DrawFn) -> Instance:
    """Founders who must meet investors or mentors, with enough of them for everyone every round."""
    founders = draw(st.integers(1, 3))
    allowed = draw(st.integers(founders, founders + 2))
    others = draw(st.integers(0, 4))
    tables = draw(st.booleans())
    roles = ["founder"] * founders + [draw(st.sampled_from(["investor", "Mentor "])) for _ in range(allowed)]
    roles += ["mentee"] * others
    crowd = tuple(Person(f"p{k}", f"Name {k}", draw(profiles), role=role) for k, role in enumerate(roles))
    fmt = Format("tables", 2, 3) if tables else Format()  # tables of 2-3 seat any head count but 1
    if fmt.kind == "pairs" and len(crowd) % 2:
        crowd = (*crowd, Person("extra", "Extra", role="investor"))  # no trio: everyone can pair up
    return Instance(
        crowd,
        rounds=draw(st.integers(1, 3)),
        format=fmt,
        role_rules={"founder": frozenset({"investor", "mentor"})},
        time_limit_seconds=1,
        seed=draw(st.integers(0, 3)),
    )


@PROPERTY
@given(role_events())
def test_role_rules_are_kept_when_there_are_enough_people_to_keep_them(instance):
    result = plan(instance)
    assert check_plan(instance, result) == []
    assert result.broken_rules == [], result.notes


def test_the_cli_plans_with_preferences_and_reports_the_rules_it_could_not_keep(tmp_path, capsys):
    raw = {
        "rounds": 2,
        "format": {"kind": "tables", "min_size": 2, "max_size": 3},
        "people": [
            {"id": "a", "name": "Ana", "role": "founder", "organisation": "Acme"},
            {"id": "b", "name": "Ben", "role": "founder", "organisation": "acme "},
            {"id": "c", "name": "Cy", "role": "mentee"},
            {"id": "d", "name": "Di", "role": "mentee"},
        ],
        "wishes": [["c", "d"]],
        "declined": [["a", "c"]],
        "avoid_same_organisation": True,
        "role_rules": {"founder": ["investor"]},
    }
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(raw))
    assert main(["plan", str(path), "--time-limit", "1"]) == 0
    out = json.loads(capsys.readouterr().out)
    founders_broken = {(b["person"], b["round"]) for b in out["broken_rules"] if b["rule"].startswith("founder")}
    assert founders_broken == {("a", 0), ("a", 1), ("b", 0), ("b", 1)}  # nobody is an investor
    assert all(b["why"] == f"nobody who is investor is here in round {b['round'] + 1}" for b in out["broken_rules"])
    assert out["declined_meetings"] == 0
    assert any(note.startswith("Rule 'founder sits with at least one investor'") for note in out["notes"])
