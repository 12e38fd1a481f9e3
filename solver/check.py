"""An independent checker: every rule a plan must obey, recomputed from the instance alone.

It deliberately shares no code with the planner beyond the input types and the scoring of pairs,
so that a planner bug cannot hide behind the same bug here.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from solver.model import Instance, Person, Plan, Round
from solver.preferences import ORGANISATION_RULE, wish_bonuses
from solver.scoring import mutual_score
from solver.scoring.meaning import weighs_meaning

TOLERANCE = 1e-6


def check_plan(instance: Instance, plan: Plan) -> list[str]:
    """All violations found, in plain words; an empty list means the plan is valid."""
    problems: list[str] = []
    if len(plan.rounds) != instance.rounds:
        problems.append(f"plan has {len(plan.rounds)} rounds, instance has {instance.rounds}")
    for r, frozen in enumerate(instance.frozen):
        if r < len(plan.rounds) and tuple(plan.rounds[r]) != tuple(frozen):
            problems.append(f"frozen round {r} was changed")
    people = {p.id: p for p in instance.people}
    for r, groups in enumerate(plan.rounds):
        problems += _check_round(instance, people, r, groups)
    problems += _check_values(instance, plan)
    problems += _check_preferences(instance, plan)
    return problems


def _check_preferences(instance: Instance, plan: Plan) -> list[str]:
    """Declined pairs and organiser rules: every time one is not kept, the plan must say so."""
    problems = []
    open_rounds = list(enumerate(plan.rounds))[len(instance.frozen) :]
    declined = sum(
        frozenset(pair) in instance.declined
        for _, groups in open_rounds
        for g in groups
        for pair in combinations(g.members, 2)
    )
    if declined != plan.declined_meetings:
        problems.append(f"a declined pair meets {declined} time(s), the plan reports {plan.declined_meetings}")
    found = _rule_breaches(instance, open_rounds)
    reported = {(b.person, b.round, b.rule == ORGANISATION_RULE) for b in plan.broken_rules}
    for person, r, organisation in sorted(found - reported):
        rule = "same organisation" if organisation else "role"
        problems.append(f"round {r}: the {rule} rule is broken for {person!r} but not reported")
    for person, r, _ in sorted(reported - found):
        problems.append(f"round {r}: a broken rule is reported for {person!r}, but it is kept")
    return problems


def _rule_breaches(instance: Instance, open_rounds: list[tuple[int, Round]]) -> set[tuple[str, int, bool]]:
    """(person, round, is the organisation rule) for every rule broken, recomputed here."""
    people = {p.id: p for p in instance.people}
    rules = {_key(role): {_key(r) for r in meets} for role, meets in instance.role_rules.items()}
    found = set()
    for r, groups in open_rounds:
        for g in groups:
            members = [people[m] for m in g.members if m in people]
            for me in members:
                others = [p for p in members if p is not me]
                colleague = any(_key(p.organisation) == _key(me.organisation) for p in others)
                if instance.avoid_same_organisation and _key(me.organisation) and colleague:
                    found.add((me.id, r, True))
                allowed = rules.get(_key(me.role))
                if allowed is None:
                    continue
                fits = [_key(p.role) in allowed for p in others]
                if not (any(fits) if instance.format.kind == "tables" else all(fits)):
                    found.add((me.id, r, False))
    return found


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _check_round(instance: Instance, people: dict[str, Person], r: int, groups: Round) -> list[str]:
    problems = []
    placed = [m for g in groups for m in g.members]
    for member, times in Counter(placed).items():
        if times > 1:
            problems.append(f"round {r}: {member!r} is placed {times} times")
    for member in set(placed):
        if member not in people:
            problems.append(f"round {r}: unknown person {member!r}")
        elif not people[member].present_in(r):
            problems.append(f"round {r}: {member!r} is placed but absent")
    if r >= len(instance.frozen):
        for person in instance.people:
            if person.present_in(r) and person.id not in placed:
                problems.append(f"round {r}: {person.id!r} is present but not placed")
    labels = [g.table for g in groups]
    if len(set(labels)) != len(labels):
        problems.append(f"round {r}: a table label is used twice")
    for g in groups:
        for a, b in combinations(g.members, 2):
            if frozenset((a, b)) in instance.must_not_meet:
                problems.append(f"round {r}: must-not-meet pair {a!r} and {b!r} meet")
    if r >= len(instance.frozen):
        problems += _check_sizes(instance, r, groups, len(set(placed)))
    return problems


def _check_sizes(instance: Instance, r: int, groups: Round, present: int) -> list[str]:
    fmt = instance.format
    sizes = [len(g.members) for g in groups]
    if fmt.kind == "pairs":
        if any(s not in (2, 3) for s in sizes):
            return [
                f"round {r}: pairs format but a group has {sorted(sizes)[-1] if max(sizes) > 3 else min(sizes)} people"
            ]
        trios = sizes.count(3)
        if trios != present % 2:
            return [f"round {r}: {present} people placed but {trios} trio(s)"]
        return []
    problems = []
    capacity = {t.label: t.capacity for t in fmt.tables}
    for g in groups:
        if not fmt.min_size <= len(g.members) <= fmt.max_size:
            problems.append(
                f"round {r}: table {g.table!r} has {len(g.members)} people, outside {fmt.min_size}-{fmt.max_size}"
            )
        if fmt.tables:
            if g.table not in capacity:
                problems.append(f"round {r}: unknown table {g.table!r}")
            elif len(g.members) > capacity[g.table]:
                problems.append(f"round {r}: table {g.table!r} seats {capacity[g.table]} but has {len(g.members)}")
    return problems


def _weight(instance: Instance, people: dict, a: str, b: str) -> float:
    bonus = wish_bonuses(instance).get(frozenset((a, b)), 0.0)
    if instance.weights is not None:
        return float(instance.weights.get(frozenset((a, b)), 0.0)) + bonus
    meaning = weighs_meaning(len(instance.people))
    return mutual_score(people[a].profile, people[b].profile, meaning=meaning) + bonus


def _check_values(instance: Instance, plan: Plan) -> list[str]:
    people = {p.id: p for p in instance.people}
    meetings: Counter[frozenset[str]] = Counter()
    for groups in plan.rounds:
        for g in groups:
            for a, b in combinations(g.members, 2):
                if a in people and b in people:
                    meetings[frozenset((a, b))] += 1
    repeats = sum(t - 1 + (pair in instance.met_before) for pair, t in meetings.items())
    values = dict.fromkeys(people, 0.0)
    for pair in meetings:
        if pair not in instance.met_before:
            a, b = sorted(pair)
            w = _weight(instance, people, a, b)
            values[a] += w
            values[b] += w
    objective = sum(values.values()) / 2
    problems = []
    if repeats != plan.repeats:
        problems.append(f"plan reports {plan.repeats} repeats, there are {repeats}")
    if abs(objective - plan.objective) > TOLERANCE * max(1.0, objective):
        problems.append(f"plan reports objective {plan.objective}, it is {objective}")
    for pid, value in values.items():
        if abs(plan.person_values.get(pid, 0.0) - value) > TOLERANCE * max(1.0, value):
            problems.append(f"plan reports value {plan.person_values.get(pid)} for {pid!r}, it is {value}")
            break
    if plan.upper_bound < plan.objective - TOLERANCE * max(1.0, objective):
        problems.append(f"upper bound {plan.upper_bound} is below the objective {plan.objective}")
    if plan.upper_bound > 0 and abs(plan.gap - (plan.upper_bound - plan.objective) / plan.upper_bound) > 1e-6:
        problems.append(f"gap {plan.gap} does not match objective and bound")
    return problems
