"""Deleting people's data a set number of days after the event, with nobody having to act.

An event may set ``retention_days``. Counting starts at the event's date (or, with no date, the
day it was created): the date is the venue's wall-clock time, so the count is a day longer than
asked, which no time zone can make early. When that time has passed, everything the event holds
is deleted (attendees, round plans, the clock); the event's own settings stay, so the organiser's
link still opens and says when the data was deleted. Whoever checks in afterwards is deleted at the
next run.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta

from litestar import Litestar
from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from service.db.models import Attendee, Event
from service.privacy.erasure import compact_after_erasure, erase_event_contents
from service.rounds.models import RoundPlan

logger = logging.getLogger("mingle.retention")
# The venue's time zone is unknown: a day of margin keeps any zone on the right side of the count.
TIME_ZONE_MARGIN = timedelta(days=1)


def deletion_due_at(event: Event) -> datetime | None:
    """When this event's personal data is to be deleted, or None when it keeps it."""
    if event.retention_days is None:
        return None
    start = event.starts_at or event.created_at
    return start + timedelta(days=event.retention_days) + TIME_ZONE_MARGIN


async def _holds_personal_data(session: AsyncSession, event: Event) -> bool:
    query = select(exists().where(Attendee.event_id == event.id) | exists().where(RoundPlan.event_id == event.id))
    return bool(await session.scalar(query))


async def purge_expired_personal_data(engine: AsyncEngine, now: datetime | None = None) -> list[str]:
    """Delete the personal data of every event past its retention; returns those events' names."""
    moment = now or datetime.now(UTC)
    purged: list[str] = []
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    async with sessions() as session:
        events = list(await session.scalars(select(Event).where(Event.retention_days.is_not(None))))
        due = [e for e in events if (when := deletion_due_at(e)) is not None and when <= moment]
        for event in due:
            # One event per transaction: a failure leaves the others' deletions done.
            if not await _holds_personal_data(session, event):
                continue
            count = await erase_event_contents(session, event)
            await compact_after_erasure(session)
            logger.info("Deleted the data of %d attendees of an event past its retention", count)
            purged.append(event.name)
    return purged


async def run_periodically(engine: AsyncEngine, interval_seconds: float) -> None:
    """Purge at once and then every ``interval_seconds``, for as long as the server runs."""
    while True:
        try:
            await purge_expired_personal_data(engine)
        except Exception:  # a full disk, a locked database: log it and try again next time
            logger.exception("Deleting expired personal data failed; it is tried again later")
        await asyncio.sleep(interval_seconds)


def retention_lifespan(
    engine: Callable[[], AsyncEngine], interval_seconds: float
) -> Callable[[Litestar], contextlib.AbstractAsyncContextManager[None]]:
    """A Litestar lifespan that keeps ``run_periodically`` going while the app is up."""

    @contextlib.asynccontextmanager
    async def lifespan(_app: Litestar) -> AsyncIterator[None]:
        task = asyncio.create_task(run_periodically(engine(), interval_seconds), name="mingle-retention")
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    return lifespan
