"""What an attendee's phone shows of the rounds: where they sit now and later, with whom and
why, and at the end whom they met. Plain data for the templates."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import solver
from service.db.models import Attendee
from service.rounds.clock import BETWEEN, FINISHED, RUNNING, ClockState
from service.rounds.live_state import Countdown, countdown, display_round, view_key
from service.rounds.people import takes_part
from service.rounds.seating import SeatedTable, Seating
from service.rounds.solver_adapter import profile_of, to_person
from solver.scoring.empty import is_empty, is_with, says_nothing


@dataclass(frozen=True)
class Partner:
    name: str
    reasons: list[str]
    affiliation: str = ""  # organisation or role, so people can find and recognise each other
    role: str = ""  # the event role they picked from the organiser's list ("investor"), if any


@dataclass(frozen=True)
class Seat:
    round_number: int
    table: str | None  # None: this person is not seated in that round
    partners: list[Partner]

    @property
    def partner_names(self) -> str:
        return names_in_words([p.name for p in self.partners])


@dataclass(frozen=True)
class MetPerson:
    name: str
    affiliation: str  # contacts are shared only when both want to (service/followup)


@dataclass
class AttendeeRounds:
    published: bool
    total_rounds: int = 0
    clock: Countdown | None = None
    now: Seat | None = None  # the round under way or coming next
    now_is_under_way: bool = False
    later: list[Seat] = field(default_factory=list)
    waiting_for_seat: bool = False
    finished: bool = False
    met: list[MetPerson] = field(default_factory=list)


def names_in_words(names: Sequence[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def attendee_rounds(
    viewer: Attendee,
    seating: Seating | None,
    state: ClockState,
    people: Mapping[str, Attendee],
    now: datetime,
    roles: Collection[str] = (),
) -> AttendeeRounds:
    """``roles``: the event's roles (organiser rules); a partner's role shows only when it is one."""
    if seating is None:
        return AttendeeRounds(published=False)
    return _attendee_view(viewer, seating, seating.tables_of(str(viewer.id)), state, people, now, Notes(roles))


def prepared_attendee_views(
    viewer: Attendee, seating: Seating, people: Mapping[str, Attendee], now: datetime, roles: Collection[str] = ()
) -> list[tuple[str, AttendeeRounds]]:
    """The phone's section for every round under way ("now") and coming next ("next"), drawn by
    the same code as the live one, so that a phone can switch rounds from a notice alone. Not
    the end of the event: the people met (with contacts) are only sent once it is over."""
    total = len(seating)
    # Found once for all the views: the viewer's tables, and talking points by partner id.
    tables, notes = seating.tables_of(str(viewer.id)), Notes(roles)
    views = []
    for number in range(1, total + 1):
        under_way = ClockState(phase=RUNNING, round_number=number, ends_at=now)
        coming = ClockState() if number == 1 else ClockState(phase=BETWEEN, round_number=number - 1)
        for state in (under_way, coming):
            view = _attendee_view(viewer, seating, tables, state, people, now, notes)
            views.append((view_key(True, state, total), view))
    return views


def _attendee_view(
    viewer: Attendee,
    seating: Seating,
    tables: Sequence[SeatedTable | None],
    state: ClockState,
    people: Mapping[str, Attendee],
    now: datetime,
    notes: Notes,
) -> AttendeeRounds:
    total = len(seating)
    view = AttendeeRounds(published=True, total_rounds=total, clock=countdown(state, now))
    if state.phase == FINISHED:
        view.finished = True
        view.met = people_met(str(viewer.id), seating, people)
        return view
    current = display_round(state, total)
    if current is None:
        return view
    view.now_is_under_way = state.is_under_way()
    view.now = seat(viewer, current, tables[current - 1], people, notes=notes)
    view.later = [seat(viewer, n, tables[n - 1], people) for n in range(current + 1, total + 1) if tables[n - 1]]
    view.waiting_for_seat = takes_part(viewer) and not any(tables[current - 1 :])
    return view


def seat(
    viewer: Attendee,
    number: int,
    table: SeatedTable | None,
    people: Mapping[str, Attendee],
    *,
    notes: Notes | None = None,
) -> Seat:
    """The viewer's seat in round ``number``; with ``notes``, each partner's talking points (kept
    by person id) and event role too."""
    if table is None:
        return Seat(round_number=number, table=None, partners=[])
    viewer_id = str(viewer.id)
    others = sorted(
        (people[m] for m in table.others(viewer_id) if m in people),
        key=lambda a: a.display_name.casefold(),
    )
    partners = []
    for other in others:
        points, role = (notes.points(viewer, other), notes.role_of(other)) if notes is not None else ([], "")
        partners.append(Partner(other.display_name, points, affiliation=other.affiliation or "", role=role))
    return Seat(round_number=number, table=table.label, partners=partners)


class Notes:
    """What the phone says about each partner beside their name: talking points (found once per
    partner for all the prepared views) and their event role, when it is one of the event's."""

    def __init__(self, roles: Collection[str]):
        self.roles = {role.casefold(): role for role in roles}
        self.reasons: dict[str, list[str]] = {}

    def points(self, viewer: Attendee, other: Attendee) -> list[str]:
        other_id = str(other.id)
        if other_id not in self.reasons:
            self.reasons[other_id] = talking_points(viewer, other)
        return self.reasons[other_id]

    def role_of(self, other: Attendee) -> str:
        return self.roles.get((other.role or "").strip().casefold(), "")


OPENER_ITEMS = 3  # entries quoted from a thin profile


def talking_points(viewer: Attendee, other: Attendee) -> list[str]:
    """What the two have in common (the solver's reasons: with an empty profile on either side,
    what the helper offers or a question to ask), or, when the profiles share nothing, an opener
    that only repeats what the partner wrote about themselves."""
    reasons = list(solver.reasons_for(to_person(viewer), to_person(other)))
    return reasons or openers(other)


def openers(other: Attendee) -> list[str]:
    """Openers from the partner's own profile (interests, offers, needs, organisation or role);
    for a partner who wrote nothing, a question to ask them."""
    name, points = other.display_name, []
    if is_empty(profile_of(other)):
        points.append(says_nothing(name))
    if other.interests:
        points.append(f"{name} is into {names_in_words(list(other.interests[:OPENER_ITEMS]))}: ask about it")
    if other.offers:
        points.append(f"{name} can help with {names_in_words(list(other.offers[:OPENER_ITEMS]))}")
    if other.seeks:
        points.append(
            f"{name} is looking for {names_in_words(list(other.seeks[:OPENER_ITEMS]))}: maybe you know someone"
        )
    if other.affiliation:
        points.append(is_with(name, other.affiliation))
    return points


def people_met(viewer_id: str, seating: Seating, people: Mapping[str, Attendee]) -> list[MetPerson]:
    met = [people[m] for m in seating.tablemates(viewer_id) if m in people]
    return sorted(
        (MetPerson(name=a.display_name, affiliation=a.affiliation) for a in met),
        key=lambda m: m.name.casefold(),
    )
