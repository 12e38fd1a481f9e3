"""Reading and writing the rounds' rows: plans, the clock, and the event's people."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.chunks import scalars_in_chunks
from service.db.models import Attendee
from service.rounds.clock import ClockState
from service.rounds.models import DRAFT, PUBLISHED, RoundClock, RoundPlan
from service.rounds.seating import Seating


async def event_attendees(session: AsyncSession, event_id: UUID) -> list[Attendee]:
    query = select(Attendee).where(Attendee.event_id == event_id).order_by(Attendee.created_at)
    return await scalars_in_chunks(session, query)


async def attendees_by_ids(session: AsyncSession, ids: Iterable[str]) -> list[Attendee]:
    wanted = [UUID(i) for i in ids if _is_uuid(i)]
    if not wanted:
        return []
    return list(await session.scalars(select(Attendee).where(Attendee.id.in_(wanted))))


def _is_uuid(text: str) -> bool:
    try:
        UUID(text)
    except ValueError:
        return False
    return True


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


# Published rounds never change (a re-plan publishes a new plan), and every phone reads them when
# it connects: keep the seating of recent plans instead of decoding the JSON each time.
_published_seating_cache: OrderedDict[UUID, Seating] = OrderedDict()
PUBLISHED_SEATING_CACHE_SIZE = 32


def forget_published_seating(plan_id: UUID) -> None:
    """Drop the cached seating of a plan whose stored rounds were just rewritten."""
    _published_seating_cache.pop(plan_id, None)


async def published_seating(session: AsyncSession, event_id: UUID) -> tuple[str, Seating] | None:
    """The published plan's id and seating, or None before anything is published."""
    plan_id = await session.scalar(
        select(RoundPlan.id)
        .where(RoundPlan.event_id == event_id, RoundPlan.status == PUBLISHED)
        .order_by(RoundPlan.created_at.desc())
        .limit(1)
    )
    if plan_id is None:
        return None
    if plan_id in _published_seating_cache:
        _published_seating_cache.move_to_end(plan_id)
        return str(plan_id), _published_seating_cache[plan_id]
    rounds = await session.scalar(select(RoundPlan.rounds).where(RoundPlan.id == plan_id))
    _published_seating_cache[plan_id] = Seating.from_stored(rounds)
    while len(_published_seating_cache) > PUBLISHED_SEATING_CACHE_SIZE:
        _published_seating_cache.popitem(last=False)
    return str(plan_id), _published_seating_cache[plan_id]


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
        version=row.version or 0,
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
    row.version = (row.version or 0) + 1
    await session.flush()
