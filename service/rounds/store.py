"""Reading and writing the rounds' rows: plans, the clock, and the event's people."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Attendee
from service.rounds.clock import ClockState
from service.rounds.models import DRAFT, PUBLISHED, RoundClock, RoundPlan


async def event_attendees(session: AsyncSession, event_id: UUID) -> list[Attendee]:
    rows = await session.scalars(select(Attendee).where(Attendee.event_id == event_id).order_by(Attendee.created_at))
    return list(rows)


async def plan_with_status(session: AsyncSession, event_id: UUID, status: str) -> RoundPlan | None:
    rows = await session.execute(
        select(RoundPlan)
        .where(RoundPlan.event_id == event_id, RoundPlan.status == status)
        .order_by(RoundPlan.created_at.desc())
        .limit(1)
    )
    return rows.scalar_one_or_none()


async def published_plan(session: AsyncSession, event_id: UUID) -> RoundPlan | None:
    return await plan_with_status(session, event_id, PUBLISHED)


async def draft_plan(session: AsyncSession, event_id: UUID) -> RoundPlan | None:
    return await plan_with_status(session, event_id, DRAFT)


async def clock_row(session: AsyncSession, event_id: UUID) -> RoundClock | None:
    return (await session.execute(select(RoundClock).where(RoundClock.event_id == event_id))).scalar_one_or_none()


def clock_state(row: RoundClock | None) -> ClockState:
    if row is None:
        return ClockState()
    return ClockState(
        phase=row.phase,
        round_number=row.round_number,
        ends_at=row.ends_at,
        paused_remaining_seconds=row.paused_remaining_seconds,
    )


async def save_clock(session: AsyncSession, event_id: UUID, state: ClockState) -> None:
    row = await clock_row(session, event_id)
    if row is None:
        row = RoundClock(event_id=event_id)
        session.add(row)
    row.phase = state.phase
    row.round_number = state.round_number
    row.ends_at = state.ends_at
    row.paused_remaining_seconds = state.paused_remaining_seconds
    await session.flush()
