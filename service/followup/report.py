"""The organiser's report: every figure on the report page, its print version and its CSV comes
from ``build_report``, the one query path (the plan, then the three queries of
``report_queries``), counted in one pass over the meetings.

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
from datetime import UTC, date, datetime

import anyio.to_thread
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Event
from service.followup.meetings import Meeting, meetings_of, planned_values_of, rounds_started_of
from service.followup.models import MET_NO_SHOW, MET_YES, USEFUL_FROM
from service.followup.report_queries import Answer, Keep, Pair, PersonRow, Side, answer_rows, keep_rows, people_rows
from service.followup.services import wants_to_keep
from solver.metrics import percentile

HELD, NOT_HELD, UNANSWERED, NOT_STARTED = "held", "not held", "not answered", "not started"
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
    names: tuple[str, str]
    outcome: str
    met: tuple[str | None, str | None]
    usefulness: tuple[int | None, int | None]
    notes_written: int
    thanks_sent: int
    contacts: tuple[str, str] | None  # only when connected


@dataclass
class Report:
    checked_in: int
    seated: int
    meetings_planned: int
    meetings_started: int
    held: int
    not_held: int
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
    def unanswered(self) -> int:
        return self.meetings_started - self.held - self.not_held

    @property
    def answer_rate(self) -> float:
        return self.answered / self.sides if self.sides else 0.0

    @property
    def useful_share(self) -> float:
        return self.useful_people / self.seated if self.seated else 0.0


async def build_report(session: AsyncSession, event: Event, *, with_meetings: bool = False) -> Report:
    """Every figure of the report; ``with_meetings`` also lists each meeting (for the CSV)."""
    planned = await meetings_of(session, event, planned=True)
    started = await rounds_started_of(session, event, max((m.round_number for m in planned), default=0))
    people = await people_rows(session, event)
    answers = await answer_rows(session, event)
    keeps = await keep_rows(session, event)
    values = await planned_values_of(session, event)
    # Counting a big event's meetings takes a good part of a second: off the event loop.
    today = datetime.now(UTC).date()
    return await anyio.to_thread.run_sync(
        lambda: counted_report(event, planned, started, people, answers, keeps, values, with_meetings, today)
    )


def counted_report(
    event: Event,
    planned: list[Meeting],
    started: int,
    people: dict[str, PersonRow],
    answers: dict[Side, Answer],
    keeps: dict[Pair, Keep],
    values: dict[str, float],
    with_meetings: bool,
    today: date,
) -> Report:
    count = Tally(started, answers, people)
    for meeting in planned:
        count.add(meeting)
    connected_at = connections(keeps, people, count.seated_pairs)
    return Report(
        checked_in=sum(1 for p in people.values() if p.checked_in),
        seated=len(count.seated),
        meetings_planned=sum(r.planned for r in count.rounds.values()),
        meetings_started=count.seated_meetings,
        held=sum(r.held for r in count.rounds.values()),
        not_held=sum(r.not_held for r in count.rounds.values()),
        sides=sum(r.sides for r in count.rounds.values()),
        answered=sum(r.answered for r in count.rounds.values()),
        useful_people=len(count.useful_people),
        connections=len(connected_at),
        notes_written=count.notes,
        thanks_sent=count.thanks,
        help_given=[(spelling, n) for (_, spelling), n in sorted(count.help.items(), key=lambda i: (-i[1], i[0][0]))][
            :HELP_TOP
        ],
        values=value_figures(values),
        rounds=[count.rounds[n] for n in sorted(count.rounds)],
        connections_over_time=over_time(list(connected_at.values()), event, today),
        meetings=meeting_rows(planned, started, answers, keeps, people, count.seated_pairs) if with_meetings else [],
    )


class Tally:
    """The one pass over the planned meetings that every count of the report comes from."""

    def __init__(self, started: int, answers: dict[Side, Answer], people: dict[str, PersonRow]) -> None:
        self.started, self.answers, self.people = started, answers, people
        self.rounds: dict[int, RoundFigures] = {}
        self.seated: set[str] = set()
        self.seated_pairs: set[Pair] = set()
        self.seated_meetings = 0
        self.useful_people: set[str] = set()
        self.notes = self.thanks = 0
        self.help: Counter[tuple[str, str]] = Counter()  # (tag, as spelt) -> useful meetings

    def add(self, m: Meeting) -> None:
        person, partner, number = m.attendee_id, m.partner_id, m.round_number
        figure = self.rounds.get(number) or self.rounds.setdefault(number, RoundFigures(number))
        first = person < partner  # each meeting is counted once, from its first person's side
        figure.planned += first
        if number > self.started:
            return
        figure.started = True
        figure.sides += 1
        self.seated.add(person)
        own = self.answers.get((person, partner, number))
        if own is not None:
            self.count_answer(figure, own, person, partner)
        if first:
            self.seated_meetings += 1
            self.seated_pairs.add((person, partner))
            result = outcome(own, self.answers.get((partner, person, number)))
            figure.held += result == HELD
            figure.not_held += result == NOT_HELD

    def count_answer(self, figure: RoundFigures, own: Answer, person: str, partner: str) -> None:
        figure.answered += own.met is not None
        if own.usefulness:
            figure.usefulness[own.usefulness] += 1
        self.notes += own.has_note
        self.thanks += own.has_thanks
        if (own.usefulness or 0) >= USEFUL_FROM:
            self.useful_people.add(person)
            helped, helper = self.people.get(person), self.people.get(partner)
            if helped is not None and helper is not None:
                for tag in helper.offers & helped.seeks:  # what the partner offers that they looked for
                    self.help[(tag, helper.offer_spelling[tag])] += 1


def outcome(first: Answer | None, second: Answer | None) -> str:
    said = {first.met if first else None, second.met if second else None}
    if MET_YES in said:
        return HELD
    return NOT_HELD if MET_NO_SHOW in said else UNANSWERED


def wants(keeps: dict[Pair, Keep], people: dict[str, PersonRow], person: str, partner: str, seated: bool) -> bool:
    row = keeps.get((person, partner))
    return wants_to_keep(row.keep if row else None, people[person].share_contact, seated)


def connections(
    keeps: dict[Pair, Keep], people: dict[str, PersonRow], seated_pairs: set[Pair]
) -> dict[Pair, datetime | None]:
    """Each mutual connection and when it was made: the later press, None when both held by their tick."""
    candidates = seated_pairs | {(a, b) if a < b else (b, a) for a, b in keeps}
    made: dict[Pair, datetime | None] = {}
    for a, b in candidates:
        if a not in people or b not in people:
            continue
        seated = (a, b) in seated_pairs
        if wants(keeps, people, a, b, seated) and wants(keeps, people, b, a, seated):
            presses = [r.at for r in (keeps.get((a, b)), keeps.get((b, a))) if r is not None]
            made[(a, b)] = max(presses) if presses else None
    return made


def over_time(made: list[datetime | None], event: Event, today: date) -> list[tuple[str, int]]:
    """Connections made by the end of the event day, day 1, …, counted cumulatively, for the
    periods that have begun by ``today`` (a period still to come has no count to show)."""
    day_zero = (event.starts_at or event.created_at).date()
    counts = Counter(_bucket(None if when is None else (when.date() - day_zero).days) for when in made)
    total, cumulative = 0, []
    for index, label in enumerate(CONNECTION_BUCKETS[: _bucket((today - day_zero).days) + 1]):
        total += counts[index]
        cumulative.append((label, total))
    return cumulative


def _bucket(days: int | None) -> int:
    if days is None or days <= 0:
        return 0
    return 1 if days == 1 else 2 if days <= 7 else 3 if days <= 30 else 4


def meeting_rows(
    planned: list[Meeting],
    started: int,
    answers: dict[Side, Answer],
    keeps: dict[Pair, Keep],
    people: dict[str, PersonRow],
    seated_pairs: set[Pair],
) -> list[MeetingRow]:
    rows = []
    for m in planned:
        a, b = m.attendee_id, m.partner_id
        if a > b or a not in people or b not in people:
            continue
        first, second = answers.get((a, b, m.round_number)), answers.get((b, a, m.round_number))
        seated = (a, b) in seated_pairs
        connected = wants(keeps, people, a, b, seated) and wants(keeps, people, b, a, seated)
        rows.append(
            MeetingRow(
                round_number=m.round_number,
                table=m.table,
                names=(people[a].name, people[b].name),
                outcome=outcome(first, second) if m.round_number <= started else NOT_STARTED,
                met=(first.met if first else None, second.met if second else None),
                usefulness=(first.usefulness if first else None, second.usefulness if second else None),
                notes_written=sum(1 for r in (first, second) if r is not None and r.has_note),
                thanks_sent=sum(1 for r in (first, second) if r is not None and r.has_thanks),
                contacts=(people[a].contact, people[b].contact) if connected else None,
            )
        )
    return sorted(rows, key=lambda r: (r.round_number, r.table, r.names[0].casefold()))


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
