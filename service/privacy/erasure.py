"""Deleting people's data for good: one attendee, everything in an event, or the event itself.

Tables are found through the shared SQLAlchemy metadata, so rows that other parts of Mingle
add later (anything with a foreign key to an attendee or an event) are deleted too without
editing this module. Round plans keep their tables and the other people in them: a deleted
attendee's id is taken out of every stored plan (and a table left with nobody is dropped).
Controllers commit; these functions only flush, except ``compact_after_erasure``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Column, ColumnElement, Table, delete, select, text
from sqlalchemy.ext.asyncio import AsyncSession

# Their tables must be on the metadata to be found.
import service.followup.models
import service.preferences.models  # noqa: F401
from service.db.models import Attendee, Event
from service.rounds import store
from service.rounds.models import RoundPlan, StoredRound


def _referencing(target: ColumnElement[Any]) -> Iterator[tuple[Table, Column[Any]]]:
    """Every (table, column) with a foreign key to ``target``, dependants of dependants first."""
    for table in reversed(Event.metadata.sorted_tables):
        for key in table.foreign_keys:
            if key.column is target:
                yield table, key.parent


def _without(rounds: Sequence[StoredRound], gone: Collection[str]) -> list[StoredRound]:
    return [
        [
            {**group, "members": [m for m in group["members"] if m not in gone]}
            for group in groups
            if any(m not in gone for m in group["members"])
        ]
        for groups in rounds
    ]


async def _remove_from_plans(session: AsyncSession, event_id: UUID, gone: Collection[str]) -> None:
    plans = await session.scalars(select(RoundPlan).where(RoundPlan.event_id == event_id))
    for plan in plans:
        # New objects, so that SQLAlchemy sees the JSON columns change.
        plan.rounds = _without(plan.rounds or [], gone)
        plan.person_values = {k: v for k, v in (plan.person_values or {}).items() if k not in gone}
        store.forget_published_seating(plan.id)


async def erase_attendees(session: AsyncSession, event_id: UUID, attendee_ids: Collection[UUID]) -> None:
    """Delete these attendees of this event and every row and plan entry that refers to them."""
    if not attendee_ids:
        return
    ids = list(attendee_ids)
    for table, column in _referencing(Attendee.__table__.c.id):
        await session.execute(delete(table).where(column.in_(ids)))
    await _remove_from_plans(session, event_id, {str(i) for i in ids})
    await session.execute(delete(Attendee).where(Attendee.event_id == event_id, Attendee.id.in_(ids)))
    await session.flush()


async def erase_event_contents(session: AsyncSession, event: Event) -> int:
    """Delete everything the event holds (people, plans, the clock, ...) but keep the event itself;
    returns how many attendees were deleted."""
    ids = list(await session.scalars(select(Attendee.id).where(Attendee.event_id == event.id)))
    for table, column in _referencing(Attendee.__table__.c.id):
        await session.execute(delete(table).where(column.in_(ids)))
    for table, column in _referencing(Event.__table__.c.id):
        await session.execute(delete(table).where(column == event.id))
    event.personal_data_deleted_at = datetime.now(UTC)
    await session.flush()
    return len(ids)


async def erase_event(session: AsyncSession, event: Event) -> None:
    """Delete the event with everything in it."""
    await erase_event_contents(session, event)
    await session.execute(delete(Event).where(Event.id == event.id))
    await session.flush()


async def compact_after_erasure(session: AsyncSession) -> None:
    """Commit, then on SQLite move the overwritten pages from the write-ahead log into the file
    and empty the log, so that deleted data does not linger there (``secure_delete`` is on for
    every connection, see ``service.db.config``). Best effort: a reader still open keeps the log
    until the next checkpoint."""
    await session.commit()
    if session.get_bind().dialect.name == "sqlite":
        await session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        await session.commit()
