"""What attendees and organisers asked for, in the planner's terms.

- Wishes ("I'd like to meet") raise a pair's weight: by ``WISH_BONUS`` when one of the two asked,
  by ``MUTUAL_WISH_BONUS`` (2.5 times as much) when both did.
- Declined pairs ("I already know them", "not this time") and the organiser's pair rules (same
  organisation; in pairs format the role rules) are *avoided pairs*: the planner keeps them apart
  as it keeps must-not-meet pairs apart, but where no plan can, the pair meets and the plan says so
  instead of failing (an attendee's marks must never make an event impossible to plan).
- Role rules in tables format are table rules: everyone whose role has a rule sits with at least
  one person of a role they meet (``solver.tables.roles`` repairs tables that do not).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import combinations

from solver.model import Breach, Instance, Pair, Person, Round

WISH_BONUS = 2.0  # one of the two said "I'd like to meet"
MUTUAL_WISH_BONUS = 2.5 * WISH_BONUS  # both did
ORGANISATION_RULE = "people from the same organisation do not meet"
MAX_RULE_NOTES = 20


def organisation_key(text: str) -> str:
    """Organisations compared without case and extra spaces ("ACME  Ltd" is "acme ltd")."""
    return " ".join(text.casefold().split())


def role_key(text: str) -> str:
    return " ".join(text.casefold().split())


def wish_bonuses(instance: Instance) -> dict[Pair, float]:
    """The weight each wished-for pair gains."""
    wished = {frozenset(w) for w in instance.wishes if w[0] != w[1]}
    return {pair: MUTUAL_WISH_BONUS if _mutual(instance, pair) else WISH_BONUS for pair in wished}


def _mutual(instance: Instance, pair: Pair) -> bool:
    a, b = sorted(pair)
    return (a, b) in instance.wishes and (b, a) in instance.wishes


def same_organisation(a: Person, b: Person) -> bool:
    key = organisation_key(a.organisation)
    return bool(key) and key == organisation_key(b.organisation)


def allowed_roles(instance: Instance, person: Person) -> frozenset[str] | None:
    """The roles this person may meet under the role rules (normalised), or None without a rule."""
    rules = {role_key(role): frozenset(role_key(r) for r in meets) for role, meets in instance.role_rules.items()}
    return rules.get(role_key(person.role))


def role_rule_name(instance: Instance, person: Person) -> str:
    allowed = _or_list(sorted(allowed_roles(instance, person) or ()))
    if instance.format.kind == "tables":
        return f"{role_key(person.role)} sits with at least one {allowed}"
    return f"{role_key(person.role)} meets only {allowed}"


def roles_allow(instance: Instance, a: Person, b: Person) -> bool:
    """Pairs format: neither person's role rule excludes the other's role."""
    for me, other in ((a, b), (b, a)):
        allowed = allowed_roles(instance, me)
        if allowed is not None and role_key(other.role) not in allowed:
            return False
    return True


def avoided_pairs(instance: Instance) -> set[Pair]:
    """Pairs kept apart where feasible: declined ones and those the organiser's pair rules exclude."""
    avoided = set(instance.declined)
    people = instance.people
    if instance.avoid_same_organisation:
        by_organisation: dict[str, list[str]] = {}
        for p in people:
            if organisation_key(p.organisation):
                by_organisation.setdefault(organisation_key(p.organisation), []).append(p.id)
        for members in by_organisation.values():
            avoided.update(frozenset(pair) for pair in combinations(members, 2))
    if instance.role_rules and instance.format.kind == "pairs":
        by_role: dict[str, list[Person]] = {}
        for p in people:
            by_role.setdefault(role_key(p.role), []).append(p)
        for (_, group_a), (_, group_b) in combinations_with_self(list(by_role.items())):
            if group_a and group_b and not roles_allow(instance, group_a[0], group_b[0]):
                avoided.update(frozenset((a.id, b.id)) for a in group_a for b in group_b if a.id != b.id)
    return avoided


def combinations_with_self(items: list) -> Iterator[tuple]:
    for k, a in enumerate(items):
        for b in items[k:]:
            yield a, b


def find_breaches(instance: Instance, rounds: Sequence[Round]) -> list[Breach]:
    """Every organiser rule the open rounds break, for whom and why."""
    if not instance.avoid_same_organisation and not instance.role_rules:  # no rule: nothing to look at
        return []
    people = {p.id: p for p in instance.people}
    breaches: list[Breach] = []
    for r in range(len(instance.frozen), len(rounds)):
        groups = rounds[r]
        for g in groups:
            members = [people[m] for m in g.members if m in people]
            breaches += _organisation_breaches(instance, r, members)
            breaches += _role_breaches(instance, r, members, groups)
    return breaches


def declined_meetings(instance: Instance, rounds: Sequence[Round]) -> int:
    """How many times a declined pair meets in the open rounds (the pair is never named)."""
    if not instance.declined:
        return 0
    return sum(
        frozenset(pair) in instance.declined
        for groups in rounds[len(instance.frozen) :]
        for g in groups
        for pair in combinations(g.members, 2)
    )


def _organisation_breaches(instance: Instance, r: int, members: list[Person]) -> list[Breach]:
    if not instance.avoid_same_organisation:
        return []
    return [
        Breach(ORGANISATION_RULE, a.id, r, f"sits with {b.name}, also from {b.organisation.strip()}")
        for a in members
        for b in members
        if a is not b and same_organisation(a, b)
    ]


def _role_breaches(instance: Instance, r: int, members: list[Person], groups: Round) -> list[Breach]:
    breaches = []
    for me in members:
        allowed = allowed_roles(instance, me)
        if allowed is None:
            continue
        partner_roles = [role_key(p.role) for p in members if p is not me]
        if instance.format.kind == "tables":
            kept = any(role in allowed for role in partner_roles)
        else:
            kept = all(role in allowed for role in partner_roles)
        if not kept:
            breaches.append(Breach(role_rule_name(instance, me), me.id, r, _why_roles(instance, r, allowed, groups)))
    return breaches


def _why_roles(instance: Instance, r: int, allowed: frozenset[str], groups: Round) -> str:
    here = {m for g in groups for m in g.members}
    available = sum(role_key(p.role) in allowed for p in instance.people if p.id in here)
    wanted = _or_list(sorted(allowed))
    if not available:
        return f"nobody who is {wanted} is here in round {r + 1}"
    return f"no {wanted} left for round {r + 1}"


def rule_notes(instance: Instance, breaches: list[Breach], declined: int) -> list[str]:
    """The plan's notes: each broken rule, for whom, in plain words (the first MAX_RULE_NOTES)."""
    names = {p.id: p.name for p in instance.people}
    notes = [f"Rule '{b.rule}' could not be met for {names.get(b.person, b.person)} ({b.why})" for b in breaches]
    if len(notes) > MAX_RULE_NOTES:
        notes = [*notes[:MAX_RULE_NOTES], f"... and {len(notes) - MAX_RULE_NOTES} more rule(s) not met"]
    if declined:
        notes.append(
            f"{declined} conversation(s) seat people together although one of them asked not to be: "
            "no plan with these people and tables keeps every such pair apart"
        )
    return notes


def _or_list(words: list[str]) -> str:
    if not words:
        return "(no role)"
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
