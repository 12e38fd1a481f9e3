"""The organiser's report: every figure on the report page, its print version and its CSV comes
from ``build_report``, the one query path (three queries after the plan: people, answers, keeps).

Counting rules (stated on the page too):
- a *meeting* is two people seated together in one round (a table of four holds six);
- *held*: at least one of the two said they met (or rated it); *not held*: one said the other
  did not show and neither said they met; otherwise *not answered*;
- the *answer rate* counts each person's side of each meeting in the rounds that started;
- *useful*: rated "somewhat" or "very" by the person themselves.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Attendee, Event
from service.followup.meetings import Meeting, meetings_of, planned_values_of
from service.followup.models import MET_NO_SHOW, MET_YES, USEFUL_FROM, KeepInTouch, MeetingFeedback
from service.followup.services import wants_to_keep
from solver.metrics import percentile

HELD, NOT_HELD, UNANSWERED = "held", "not held", "not answered"
VALUE_BINS = 10
HELP_TOP = 10
CONNECTION_BUCKETS = ("Event day", "Day 1", "Days 2–7", "Days 8–30", "Later")


@dataclass
class RoundFigures:
    round_number: int
    planned: int = 0
    started: bool = False
    held: int = 0
    not_held: int = 0
    sides: int = 0  # people's sides of the meetings (two per meeting)
    answered: int = 0
    usefulness: Counter[int] = field(default_factory=Counter)  # step -> how many sides gave it


@dataclass(frozen=True)
class ValueFigures:
    count: int
    minimum: float
    p10: float
    median: float
    mean: float
    maximum: float
    bins: list[tuple[str, int]]  # (value range, people)


@dataclass(frozen=True)
class MeetingRow:
    """One meeting with what both said; contacts only where both want to keep in touch."""

    round_number: int
    table: str
    people: tuple[Attendee, Attendee]
    outcome: str
    met: tuple[str | None, str | None]
    usefulness: tuple[int | None, int | None]
    notes_written: int
    thanks_sent: int
    connected: bool


@dataclass
class Report:
    checked_in: int
    seated: int
    meetings_planned: int
    meetings_started: int
    held: int
    not_held: int
    unanswered: int
    sides: int
    answered: int
    useful_people: int
    connections: int
    notes_written: int
    thanks_sent: int
    help_given: list[tuple[str, int]]
    values: ValueFigures
    rounds: list[RoundFigures]
    connections_over_time: list[tuple[str, int]]  # cumulative
    meetings: list[MeetingRow]

    @property
    def answer_rate(self) -> float:
        return self.answered / self.sides if self.sides else 0.0

    @property
    def useful_share(self) -> float:
        return self.useful_people / self.seated if self.seated else 0.0


async def build_report(session: AsyncSession, event: Event) -> Report:
    planned = await meetings_of(session, event, planned=True)
    started = {m.key for m in await meetings_of(session, event)}
    people = {str(a.id): a for a in await session.scalars(select(Attendee).where(Attendee.event_id == event.id))}
    answers = {
        (str(r.attendee_id), str(r.partner_id), r.round_number): r
        for r in await session.scalars(select(MeetingFeedback).where(MeetingFeedback.event_id == event.id))
    }
    keeps = {
        (str(r.attendee_id), str(r.partner_id)): r
        for r in await session.scalars(select(KeepInTouch).where(KeepInTouch.event_id == event.id))
    }
    sides = [m for m in planned if m.key in started]
    seated_pairs = {frozenset((m.attendee_id, m.partner_id)) for m in sides}
    rounds = round_figures(planned, started, answers)
    rows = meeting_rows(planned, started, answers, keeps, people, seated_pairs)
    connected_at = connections(keeps, people, seated_pairs)
    return Report(
        checked_in=sum(1 for a in people.values() if a.checked_in_at is not None),
        seated=len({m.attendee_id for m in sides}),
        meetings_planned=sum(r.planned for r in rounds),
        meetings_started=len(started),
        held=sum(r.held for r in rounds),
        not_held=sum(r.not_held for r in rounds),
        unanswered=len(started) - sum(r.held + r.not_held for r in rounds),
        sides=sum(r.sides for r in rounds),
        answered=sum(r.answered for r in rounds),
        useful_people=len({m.attendee_id for m in sides if _useful(answers.get(_side(m)))}),
        connections=len(connected_at),
        notes_written=sum(1 for m in sides if (r := answers.get(_side(m))) and r.note),
        thanks_sent=sum(1 for m in sides if (r := answers.get(_side(m))) and r.thanks),
        help_given=help_given(sides, answers, people),
        values=value_figures(await planned_values_of(session, event)),
        rounds=rounds,
        connections_over_time=over_time(connected_at, event),
        meetings=rows,
    )


def _side(m: Meeting) -> tuple[str, str, int]:
    return m.attendee_id, m.partner_id, m.round_number


def _useful(row: MeetingFeedback | None) -> bool:
    return row is not None and (row.usefulness or 0) >= USEFUL_FROM


def outcome(first: MeetingFeedback | None, second: MeetingFeedback | None) -> str:
    said = {r.met for r in (first, second) if r is not None}
    if MET_YES in said:
        return HELD
    return NOT_HELD if MET_NO_SHOW in said else UNANSWERED


def round_figures(
    planned: list[Meeting], started: set[tuple[int, str, str]], answers: dict[tuple[str, str, int], MeetingFeedback]
) -> list[RoundFigures]:
    figures: dict[int, RoundFigures] = {}
    for m in planned:
        figure = figures.setdefault(m.round_number, RoundFigures(m.round_number))
        mine = answers.get(_side(m))
        if m.attendee_id < m.partner_id:  # each meeting once
            figure.planned += 1
        if m.key not in started:
            continue
        figure.started = True
        figure.sides += 1
        if mine is not None and mine.met is not None:
            figure.answered += 1
            if mine.usefulness:
                figure.usefulness[mine.usefulness] += 1
        if m.attendee_id < m.partner_id:
            result = outcome(mine, answers.get((m.partner_id, m.attendee_id, m.round_number)))
            figure.held += result == HELD
            figure.not_held += result == NOT_HELD
    return [figures[n] for n in sorted(figures)]


def meeting_rows(
    planned: list[Meeting],
    started: set[tuple[int, str, str]],
    answers: dict[tuple[str, str, int], MeetingFeedback],
    keeps: dict[tuple[str, str], KeepInTouch],
    people: dict[str, Attendee],
    seated_pairs: set[frozenset[str]],
) -> list[MeetingRow]:
    rows = []
    for m in planned:
        if m.attendee_id > m.partner_id or m.attendee_id not in people or m.partner_id not in people:
            continue
        a, b = people[m.attendee_id], people[m.partner_id]
        first, second = answers.get(_side(m)), answers.get((m.partner_id, m.attendee_id, m.round_number))
        both = (first, second)
        rows.append(
            MeetingRow(
                round_number=m.round_number,
                table=m.table,
                people=(a, b),
                outcome=outcome(first, second) if m.key in started else "not started",
                met=(first.met if first else None, second.met if second else None),
                usefulness=(first.usefulness if first else None, second.usefulness if second else None),
                notes_written=sum(1 for r in both if r is not None and r.note),
                thanks_sent=sum(1 for r in both if r is not None and r.thanks),
                connected=mutual(a, b, keeps, frozenset((m.attendee_id, m.partner_id)) in seated_pairs),
            )
        )
    return sorted(rows, key=lambda r: (r.round_number, r.table, r.people[0].display_name.casefold()))


def mutual(a: Attendee, b: Attendee, keeps: dict[tuple[str, str], KeepInTouch], seated: bool) -> bool:
    a_id, b_id = str(a.id), str(b.id)
    a_row, b_row = keeps.get((a_id, b_id)), keeps.get((b_id, a_id))
    return wants_to_keep(a_row.keep if a_row else None, a.share_contact, seated) and wants_to_keep(
        b_row.keep if b_row else None, b.share_contact, seated
    )


def connections(
    keeps: dict[tuple[str, str], KeepInTouch], people: dict[str, Attendee], seated_pairs: set[frozenset[str]]
) -> list[datetime | None]:
    """When each mutual connection was made: the later press, None when both held by their tick."""
    candidates = seated_pairs | {frozenset(pair) for pair in keeps}
    made: list[datetime | None] = []
    for pair in candidates:
        if len(pair) != 2 or not pair <= people.keys():
            continue
        a_id, b_id = sorted(pair)
        if mutual(people[a_id], people[b_id], keeps, pair in seated_pairs):
            presses = [r.updated_at for r in (keeps.get((a_id, b_id)), keeps.get((b_id, a_id))) if r is not None]
            made.append(max(presses) if presses else None)
    return made


def over_time(made: list[datetime | None], event: Event) -> list[tuple[str, int]]:
    """Connections made by the end of the event day, day 1, …, counted cumulatively."""
    day_zero = (event.starts_at or event.created_at).date()
    counts = Counter(_bucket(None if when is None else (when.date() - day_zero).days) for when in made)
    total, cumulative = 0, []
    for index, label in enumerate(CONNECTION_BUCKETS):
        total += counts[index]
        cumulative.append((label, total))
    return cumulative


def _bucket(days: int | None) -> int:
    if days is None or days <= 0:
        return 0
    return 1 if days == 1 else 2 if days <= 7 else 3 if days <= 30 else 4


def help_given(
    sides: list[Meeting], answers: dict[tuple[str, str, int], MeetingFeedback], people: dict[str, Attendee]
) -> list[tuple[str, int]]:
    """In meetings someone found useful: what the partner offers that they were looking for."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for m in sides:
        if not _useful(answers.get(_side(m))) or m.attendee_id not in people or m.partner_id not in people:
            continue
        needs = {t.casefold() for t in people[m.attendee_id].seeks or ()}
        for offer in people[m.partner_id].offers or ():
            if offer.casefold() in needs:
                spelling.setdefault(offer.casefold(), offer)
                counts[offer.casefold()] += 1
    ranked = sorted(counts, key=lambda tag: (-counts[tag], tag))[:HELP_TOP]
    return [(spelling[tag], counts[tag]) for tag in ranked]


def value_figures(values_by_person: dict[str, float]) -> ValueFigures:
    values = sorted(values_by_person.values())
    if not values:
        return ValueFigures(0, 0.0, 0.0, 0.0, 0.0, 0.0, [])
    return ValueFigures(
        count=len(values),
        minimum=values[0],
        p10=percentile(values, 10),
        median=percentile(values, 50),
        mean=sum(values) / len(values),
        maximum=values[-1],
        bins=histogram(values),
    )


def histogram(values: list[float]) -> list[tuple[str, int]]:
    low, high = values[0], values[-1]
    if high == low:
        return [(f"{low:g}", len(values))]
    width = (high - low) / VALUE_BINS
    counts = [0] * VALUE_BINS
    for value in values:
        counts[min(VALUE_BINS - 1, int((value - low) / width))] += 1
    return [(f"{low + i * width:.1f}–{low + (i + 1) * width:.1f}", n) for i, n in enumerate(counts)]
