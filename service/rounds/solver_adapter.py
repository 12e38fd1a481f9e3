"""Between the database and the solver: the attendees as the solver's people and instance, the
solver's plan as a stored draft, and a stored seating's worth under the solver's own metrics."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from service.db.models import TABLES, Attendee, Event
from service.domain_errors import UserFacingError
from service.rounds.people import takes_part
from service.rounds.seating import NO_SEATING, Seating
from solver import InstanceError, mutual_score
from solver.metrics import relative_gap, score_schedule
from solver.model import Format, Instance, Person, Plan, Profile
from solver.scoring.meaning import weighs_meaning
from solver.validate import validate


def profile_of(attendee: Attendee) -> Profile:
    return Profile(
        interests=tuple(attendee.interests or ()),
        offers=tuple(attendee.offers or ()),
        seeks=tuple(attendee.seeks or ()),
    )


def to_person(attendee: Attendee, rounds: frozenset[int] | None = None) -> Person:
    return Person(
        id=str(attendee.id),
        name=attendee.display_name,
        profile=profile_of(attendee),
        rounds=rounds,
        organisation=attendee.affiliation,
        role=attendee.role,
    )


def event_format(event: Event) -> Format:
    if event.format == TABLES:
        return Format(kind="tables", min_size=event.table_min, max_size=event.table_max)
    return Format(kind="pairs", min_size=2, max_size=2)


def people_for_plan(attendees: Iterable[Attendee], kept: Seating, total_rounds: int) -> tuple[list[Person], list[str]]:
    """The people to plan for, each present for the kept rounds they sat in and every later round
    if they still take part. Also returns ids seated in kept rounds that no longer exist (a
    removed attendee): they stay in those rounds under a neutral name, since history is kept."""
    open_rounds = frozenset(range(len(kept), total_rounds))
    people: list[Person] = []
    known: set[str] = set()
    for attendee in attendees:
        person_id = str(attendee.id)
        known.add(person_id)
        rounds = frozenset(kept.rounds_seated(person_id)) | (open_rounds if takes_part(attendee) else frozenset())
        if rounds:
            everything = len(rounds) == total_rounds
            people.append(to_person(attendee, None if everything else rounds))
    removed = sorted(kept.everyone() - known)
    for person_id in removed:
        people.append(Person(id=person_id, name="(removed)", rounds=frozenset(kept.rounds_seated(person_id))))
    return people, removed


def build_instance(
    event: Event,
    attendees: Sequence[Attendee],
    *,
    total_rounds: int,
    kept: Seating = NO_SEATING,
    previous: Seating = NO_SEATING,
    time_limit_seconds: float,
    wishes: frozenset[tuple[str, str]] = frozenset(),
    declined: frozenset[frozenset[str]] = frozenset(),
) -> Instance:
    """What the solver is asked: refused with a plain reason when it cannot be planned.
    ``wishes`` and ``declined`` are the attendees' marks (service.preferences); the event's rules
    come from the event."""
    people, _removed = people_for_plan(attendees, kept, total_rounds)
    ids = {p.id for p in people}
    newcomers = sum(1 for a in attendees if takes_part(a))
    smallest = max(2, event.table_min if event.format == TABLES else 2)
    if newcomers < smallest:
        # People imported from a ticket list are expected, not checked in: say how to seat them.
        expected = sum(1 for a in attendees if a.present and a.checked_in_at is None)
        hint = (
            f" {expected} {'person' if expected == 1 else 'people'} from your list {'is' if expected == 1 else 'are'}"
            " expected but not checked in yet: check them in on the dashboard's attendee list."
            if expected
            else ""
        )
        raise UserFacingError(
            detail=f"At least {smallest} checked-in people are needed to plan rounds; "
            f"there {'is' if newcomers == 1 else 'are'} {newcomers} now.{hint}"
        )
    open_people = {str(a.id) for a in attendees if takes_part(a)}
    instance = Instance(
        people=tuple(people),
        rounds=total_rounds,
        format=event_format(event),
        frozen=kept.to_groups(),
        # Only people still taking part can keep their seat; the rest is the solver's to fill.
        previous=previous.to_groups(keep=open_people),
        wishes=frozenset(w for w in wishes if set(w) <= ids),
        declined=frozenset(pair for pair in declined if pair <= ids),
        avoid_same_organisation=event.avoid_same_organisation,
        role_rules={role: frozenset(meets) for role, meets in (event.role_rules or {}).items() if meets},
        time_limit_seconds=time_limit_seconds,
    )
    try:
        validate(instance)
    except InstanceError as error:
        raise UserFacingError(detail=f"These rounds cannot be planned: {error}") from None
    return instance


def draft_fields(event_id: UUID, plan: Plan, *, kept_rounds: int, stopped_early: bool) -> dict[str, Any]:
    """The solver's plan as the columns of a stored draft (``RoundPlan``)."""
    return {
        "event_id": event_id,
        "rounds": Seating.from_groups(plan.rounds).to_stored(),
        "kept_rounds": kept_rounds,
        "objective": plan.objective,
        "upper_bound": plan.upper_bound,
        "gap": plan.gap,
        "repeats": plan.repeats,
        "person_values": dict(plan.person_values),
        "notes": list(plan.notes),
        "solve_seconds": plan.seconds,
        "stopped_early": stopped_early,
    }


@dataclass(frozen=True)
class SeatingScore:
    objective: float
    person_values: dict[str, float]
    repeats: int
    gap: float


def score_seating(seating: Seating, attendees: Iterable[Attendee], *, upper_bound: float) -> SeatingScore:
    """A seating's worth under the solver's metrics and pair weights (a removed person's pairs
    weigh 0): each pair counts once, at its first meeting; meeting again is a repeat."""
    seated = sorted(seating.everyone())
    index = {person_id: i for i, person_id in enumerate(seated)}
    profiles = {str(a.id): profile_of(a) for a in attendees}
    meaning = weighs_meaning(len(seated))  # the planner's own rule, so the figures match its plan

    def weight(a: int, b: int) -> float:
        first, second = profiles.get(seated[a]), profiles.get(seated[b])
        return 0.0 if first is None or second is None else mutual_score(first, second, meaning=meaning)

    schedule = [[[index[m] for m in table.members] for table in tables] for tables in seating]
    objective, values, repeats = score_schedule(len(seated), schedule, weight, set())
    return SeatingScore(
        objective=objective,
        person_values=dict(zip(seated, values, strict=True)),
        repeats=repeats,
        gap=relative_gap(objective, upper_bound),
    )
