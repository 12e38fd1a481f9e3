"""One organiser action at a time per event.

Every action that reads the event's state and writes a change (the rounds, the clock, the
attendee list) starts with ``lock_event``: an UPDATE of the event's row that bumps its
``version``. The UPDATE holds the lock until the transaction ends: on PostgreSQL the row lock
(a second action waits, then reads what the first committed), on SQLite the database's single
write lock, taken before anything is read (the driver starts the transaction at that first
write, so no stale read can come before it). Whatever an action reads after the lock is the
latest state, so two actions can never both read the old state and the second overwrite the
first. Whether the state is still the one the person saw is each action's own check
(``ConcurrentChange``, a 409).
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Event
from service.domain_errors import NotFound


async def lock_event(session: AsyncSession, event: Event) -> None:
    """Take the event's lock for the rest of this transaction, and re-read the event under it."""
    result = await session.execute(
        update(Event).where(Event.id == event.id).values(version=Event.version + 1),
        execution_options={"synchronize_session": False},
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]  # deleted since this request began
        raise NotFound()
    await session.refresh(event)
