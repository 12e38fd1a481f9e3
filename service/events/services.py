"""Creating, finding and changing events. Controllers commit; these functions only flush."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Event
from service.domain_errors import NotFound
from service.events.schemas import EventInput


def apply_event_input(event: Event, data: EventInput) -> None:
    event.name = data.name
    event.starts_at = data.starts_at
    event.venue = data.venue
    event.format = data.format
    event.table_min = data.table_min
    event.table_max = data.table_max
    event.rounds_count = data.rounds_count
    event.round_minutes = data.round_minutes
    event.retention_days = data.retention_days


async def create_event(session: AsyncSession, data: EventInput) -> Event:
    event = Event()
    apply_event_input(event, data)
    session.add(event)
    await session.flush()
    return event


async def update_event(session: AsyncSession, event: Event, data: EventInput) -> Event:
    apply_event_input(event, data)
    await session.flush()
    return event


async def _one_event_where(session: AsyncSession, clause: object) -> Event:
    event = await session.scalar(select(Event).where(clause))  # type: ignore[arg-type]
    if event is None:
        raise NotFound()
    return event


async def event_by_organiser_token(session: AsyncSession, token: str) -> Event:
    return await _one_event_where(session, Event.organiser_token == token)


async def event_by_checkin_code(session: AsyncSession, code: str) -> Event:
    return await _one_event_where(session, Event.checkin_code == code)


async def event_by_screen_code(session: AsyncSession, code: str) -> Event:
    return await _one_event_where(session, Event.screen_code == code)
