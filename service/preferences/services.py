"""Marks: set, read (only one's own), and turned into the planner's wishes and declined pairs."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

import anyio.to_thread
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Attendee, Event
from service.domain_errors import NotFound, UserFacingError
from service.preferences.models import CHOICES, KNOW, MEET, SKIP, AttendeeMark
from service.rounds import store
from service.rounds.people import takes_part
from service.rounds.solver_adapter import to_person
from solver import Helper, rank_helpers

MAX_SUGGESTIONS = 10
CLEAR = "clear"


@dataclass(frozen=True)
class Suggestion:
    attendee: Attendee
    reasons: tuple[str, ...]
    mark: str  # the viewer's own mark, "" for none


async def own_marks(session: AsyncSession, viewer: Attendee) -> dict[UUID, str]:
    rows = await session.execute(
        select(AttendeeMark.other_id, AttendeeMark.choice).where(AttendeeMark.attendee_id == viewer.id)
    )
    return dict(rows.tuples().all())


async def rounds_started(session: AsyncSession, event: Event) -> bool:
    return await store.published_plan(session, event.id) is not None


async def suggestions(session: AsyncSession, event: Event, viewer: Attendee) -> list[Suggestion]:
    """People the viewer might want to meet, most helpful first (the solver's ranking and
    reasons), plus anyone they marked already so that the mark can be changed."""
    others = [a for a in await store.event_attendees(session, event.id) if a.id != viewer.id and takes_part(a)]
    by_id = {str(a.id): a for a in others}
    # Off the event loop: at 1,000 people the ranking takes about 0.1 s (0.5 s while the
    # event's texts are embedded for the first time), and every attendee's page asks for it.
    ranked = await anyio.to_thread.run_sync(_ranked, viewer, others)
    marks = await own_marks(session, viewer)
    chosen = [Suggestion(by_id[h.person.id], h.reasons, marks.get(by_id[h.person.id].id, "")) for h in ranked]
    shown = {s.attendee.id for s in chosen}
    chosen += [Suggestion(a, (), marks[a.id]) for a in others if a.id in marks and a.id not in shown]
    return chosen


def _ranked(viewer: Attendee, others: list[Attendee]) -> list[Helper]:
    """The first suggestions for the viewer (rows already loaded: nothing here asks the database)."""
    return rank_helpers(to_person(viewer), [to_person(a) for a in others], limit=MAX_SUGGESTIONS)


async def set_mark(session: AsyncSession, viewer: Attendee, other_id: str, choice: str) -> None:
    """Mark someone at the same event, change the mark, or clear it; refused once rounds started."""
    if choice not in (*CHOICES, CLEAR):
        raise UserFacingError(detail="Choose I'd like to meet, I already know them or not this time.")
    try:
        wanted = UUID(other_id)
    except ValueError:
        raise NotFound() from None
    other = await session.scalar(select(Attendee).where(Attendee.id == wanted, Attendee.event_id == viewer.event_id))
    if other is None or other.id == viewer.id:
        raise NotFound()
    await session.execute(
        delete(AttendeeMark).where(AttendeeMark.attendee_id == viewer.id, AttendeeMark.other_id == other.id)
    )
    if choice != CLEAR:
        session.add(AttendeeMark(event_id=viewer.event_id, attendee_id=viewer.id, other_id=other.id, choice=choice))


@dataclass(frozen=True)
class PlannerMarks:
    wishes: frozenset[tuple[str, str]]
    declined: frozenset[frozenset[str]]


async def planner_marks(session: AsyncSession, event_id: UUID) -> PlannerMarks:
    """Everyone's marks as the solver takes them: wishes (who, whom) and declined pairs, which
    keep neither who declined nor whether they know the other or said not this time."""
    rows = await session.execute(
        select(AttendeeMark.attendee_id, AttendeeMark.other_id, AttendeeMark.choice).where(
            AttendeeMark.event_id == event_id
        )
    )
    wishes, declined = set(), set()
    for who, whom, choice in rows.tuples():
        if choice == MEET:
            wishes.add((str(who), str(whom)))
        elif choice in (KNOW, SKIP):
            declined.add(frozenset((str(who), str(whom))))
    return PlannerMarks(frozenset(wishes), frozenset(declined))
