"""What each screen shows, computed from stored rows: plain data for the templates."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import solver
from service.db.models import Attendee, Event
from service.rounds.clock import BETWEEN, BREAK, FINISHED, PAUSED, RUNNING, WAITING, ClockState
from service.rounds.models import StoredGroup, StoredRound
from service.rounds.people import takes_part, to_person


@dataclass(frozen=True)
class Countdown:
    """What a page needs to tick the clock by itself: the end time in the server's clock and the
    server's now (so a phone whose clock is off still counts right), or a frozen remainder."""

    phase: str
    ends_at_ms: int | None
    server_now_ms: int
    remaining_seconds: int | None

    @property
    def text(self) -> str:
        return clock_text(self.remaining_seconds)


def countdown(state: ClockState, now: datetime) -> Countdown:
    remaining = state.remaining_seconds(now)
    ends_at = state.ends_at if state.phase in (RUNNING, BREAK) else None
    return Countdown(
        phase=state.phase,
        ends_at_ms=int(ends_at.timestamp() * 1000) if ends_at else None,
        server_now_ms=int(now.timestamp() * 1000),
        remaining_seconds=None if remaining is None else math.ceil(remaining),
    )


def clock_text(seconds: int | None) -> str:
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


def table_sort_key(label: str) -> tuple[int, str]:
    return (int(label), "") if label.isdigit() else (10**9, label.casefold())


def display_round(state: ClockState, total_rounds: int) -> int | None:
    """The round (1-based) the room should look at now: the one under way, else the next one."""
    if state.phase == FINISHED:
        return None
    number = state.round_number if state.is_under_way() else state.upcoming_round()
    return number if number is not None and 1 <= number <= total_rounds else None


# ---- what every page of the event is told on each change --------------------------------

CLOCK_PHASES = (WAITING, RUNNING, PAUSED, BETWEEN, BREAK)


@dataclass(frozen=True)
class LiveRounds:
    """The rounds' public state, sent with every "rounds" notice: enough for a page that holds the
    published plan to show the new moment without asking the server. No names, no secrets."""

    plan: str  # the published plan's id; "" before publishing. A new id means: re-read the plan.
    view: str  # which prepared view pages show now (see ``view_key``)
    round_number: int | None  # the round the room looks at (under way, else the next one)
    total_rounds: int
    clock: Countdown


def view_key(published: bool, state: ClockState, total_rounds: int) -> str:
    """Names the moments that look different apart from the ticking clock: before publishing,
    round N under way ("now") or coming next ("next"), and after the last round."""
    if not published:
        return "unpublished"
    if state.phase == FINISHED:
        return "finished"
    number = display_round(state, total_rounds)
    if number is None:
        return "none"
    return f"round-{number}-{'now' if state.is_under_way() else 'next'}"


def live_rounds(plan_id: str, total_rounds: int, state: ClockState, now: datetime) -> LiveRounds:
    published = bool(plan_id)
    return LiveRounds(
        plan=plan_id,
        view=view_key(published, state, total_rounds),
        round_number=display_round(state, total_rounds) if published else None,
        total_rounds=total_rounds,
        clock=countdown(state, now),
    )


def clock_line_templates() -> list[Countdown]:
    """A countdown for each phase, to draw the clock lines pages fill in from a notice's clock:
    a ticking clock (any end time) while a round or a break runs, a frozen one while paused."""
    ticking = (RUNNING, BREAK)
    return [
        Countdown(
            phase=phase,
            ends_at_ms=0 if phase in ticking else None,
            server_now_ms=0,
            remaining_seconds=0 if phase in (*ticking, PAUSED) else None,
        )
        for phase in CLOCK_PHASES
    ]


# ---- the attendee's phone -------------------------------------------------------------


@dataclass(frozen=True)
class Partner:
    name: str
    reasons: list[str]


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
    rounds: Sequence[StoredRound] | None,
    state: ClockState,
    people: Mapping[str, Attendee],
    now: datetime,
) -> AttendeeRounds:
    if rounds is None:
        return AttendeeRounds(published=False)
    return _attendee_view(viewer, rounds, my_tables(str(viewer.id), rounds), state, people, now, {})


def prepared_attendee_views(
    viewer: Attendee, rounds: Sequence[StoredRound], people: Mapping[str, Attendee], now: datetime
) -> list[tuple[str, AttendeeRounds]]:
    """The phone's section for every round under way ("now") and coming next ("next"), drawn by
    the same code as the live one, so that a phone can switch rounds from a notice alone. Not
    the end of the event: the people met (with contacts) are only sent once it is over."""
    total = len(rounds)
    tables, reasons = my_tables(str(viewer.id), rounds), {}  # found once for all the views
    views = []
    for number in range(1, total + 1):
        under_way = ClockState(phase=RUNNING, round_number=number, ends_at=now)
        coming = ClockState() if number == 1 else ClockState(phase=BETWEEN, round_number=number - 1)
        for state in (under_way, coming):
            view = _attendee_view(viewer, rounds, tables, state, people, now, reasons)
            views.append((view_key(True, state, total), view))
    return views


def my_tables(viewer_id: str, rounds: Sequence[StoredRound]) -> list[StoredGroup | None]:
    """The viewer's table in each round (None where they have no seat), in one pass over the plan."""
    return [next((g for g in groups if viewer_id in g["members"]), None) for groups in rounds]


def _attendee_view(
    viewer: Attendee,
    rounds: Sequence[StoredRound],
    tables: Sequence[StoredGroup | None],
    state: ClockState,
    people: Mapping[str, Attendee],
    now: datetime,
    reasons: dict[str, list[str]],
) -> AttendeeRounds:
    total = len(rounds)
    view = AttendeeRounds(published=True, total_rounds=total, clock=countdown(state, now))
    if state.phase == FINISHED:
        view.finished = True
        view.met = people_met(str(viewer.id), rounds, people)
        return view
    current = display_round(state, total)
    if current is None:
        return view
    view.now_is_under_way = state.is_under_way()
    view.now = seat(viewer, current, tables[current - 1], people, reasons=reasons)
    view.later = [seat(viewer, n, tables[n - 1], people) for n in range(current + 1, total + 1) if tables[n - 1]]
    view.waiting_for_seat = takes_part(viewer) and not any(tables[current - 1 :])
    return view


def seat(
    viewer: Attendee,
    number: int,
    table: StoredGroup | None,
    people: Mapping[str, Attendee],
    *,
    reasons: dict[str, list[str]] | None = None,
) -> Seat:
    """The viewer's seat in round ``number``; with ``reasons`` (a cache by person id), the
    talking points for each partner too."""
    if table is None:
        return Seat(round_number=number, table=None, partners=[])
    viewer_id = str(viewer.id)
    others = sorted(
        (people[m] for m in table["members"] if m != viewer_id and m in people),
        key=lambda a: a.display_name.casefold(),
    )
    partners = []
    for other in others:
        points: list[str] = []
        if reasons is not None:
            other_id = str(other.id)
            if other_id not in reasons:
                reasons[other_id] = talking_points(viewer, other)
            points = reasons[other_id]
        partners.append(Partner(name=other.display_name, reasons=points))
    return Seat(round_number=number, table=table["table"], partners=partners)


def talking_points(viewer: Attendee, other: Attendee) -> list[str]:
    return list(solver.reasons_for(to_person(viewer), to_person(other)))


def people_met(viewer_id: str, rounds: Sequence[StoredRound], people: Mapping[str, Attendee]) -> list[MetPerson]:
    met: dict[str, MetPerson] = {}
    for groups in rounds:
        for group in groups:
            if viewer_id not in group["members"]:
                continue
            for member in group["members"]:
                if member != viewer_id and member in people and member not in met:
                    other = people[member]
                    met[member] = MetPerson(name=other.display_name, affiliation=other.affiliation)
    return sorted(met.values(), key=lambda m: m.name.casefold())


# ---- the projector ----------------------------------------------------------------------


@dataclass(frozen=True)
class ScreenTable:
    label: str
    names: list[str]


@dataclass
class ScreenView:
    event_name: str
    published: bool
    total_rounds: int = 0
    clock: Countdown | None = None
    round_number: int | None = None
    under_way: bool = False
    paused: bool = False
    finished: bool = False
    tables: list[ScreenTable] = field(default_factory=list)
    index: list[tuple[str, str]] = field(default_factory=list)  # (first name, table label)


def screen_view(
    event: Event,
    rounds: Sequence[StoredRound] | None,
    state: ClockState,
    short_names: Mapping[str, str],
    now: datetime,
) -> ScreenView:
    view = ScreenView(event_name=event.name, published=rounds is not None)
    if rounds is None:
        return view
    view.total_rounds = len(rounds)
    view.clock = countdown(state, now)
    view.finished = state.phase == FINISHED
    view.under_way = state.is_under_way()
    view.paused = state.phase == PAUSED
    view.round_number = display_round(state, view.total_rounds)
    if view.round_number is None:
        return view
    groups = sorted(rounds[view.round_number - 1], key=lambda g: table_sort_key(g["table"]))
    for group in groups:
        names = sorted((short_names.get(m, "") for m in group["members"]), key=str.casefold)
        view.tables.append(ScreenTable(label=group["table"], names=[n for n in names if n]))
        view.index.extend((name, group["table"]) for name in names if name)
    view.index.sort(key=lambda item: (item[0].casefold(), table_sort_key(item[1])))
    return view
