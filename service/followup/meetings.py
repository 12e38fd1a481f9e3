"""Who met whom, in which round, at which table: read from the event's published plan.

This is the only place the follow-up reads the stored plan. Everything else in this package
takes the ``Meeting`` list (and the planned values) from here, so that a change in how plans
are stored changes these two functions only.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass

import anyio.to_thread
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Event
from service.rounds.clock import FINISHED
from service.rounds.models import PUBLISHED, RoundPlan
from service.rounds.seating import Seating
from service.rounds.store import clock_row, clock_state, published_seating


@dataclass(frozen=True, slots=True)
class Meeting:
    """One person's meeting with one partner (each meeting is listed once for each side)."""

    round_number: int  # 1-based
    table: str
    attendee_id: str
    partner_id: str

    @property
    def key(self) -> tuple[int, str, str]:
        """The same for both sides of a meeting: round and the two ids in order."""
        low, high = sorted((self.attendee_id, self.partner_id))
        return self.round_number, low, high


async def meetings_of(
    session: AsyncSession, event: Event, attendee_id: str | None = None, *, planned: bool = False
) -> list[Meeting]:
    """Every meeting of the published plan in the rounds that have started (or are over), or
    only ``attendee_id``'s: rounds that did not start yet have not happened, so nobody can
    answer for them. ``planned=True``: every round of the plan, started or not. The event-wide
    list is shared between calls (plans never change): read it, never change it."""
    found = await published_seating(session, event.id)
    if found is None:
        return []
    plan_id, seating = found
    reached = len(seating) if planned else await rounds_started_of(session, event, len(seating))
    if attendee_id is not None:
        return list(_meetings_in(seating.head(reached), attendee_id))
    everyone = await _event_meetings(plan_id, seating)
    return everyone if reached == len(seating) else [m for m in everyone if m.round_number <= reached]


# A published plan never changes (a re-plan publishes a new one): keep the meetings of recent
# plans, so that the report of a large event does not list them again on every view.
_meetings_cache: OrderedDict[str, list[Meeting]] = OrderedDict()
MEETINGS_CACHE_SIZE = 8


async def _event_meetings(plan_id: str, seating: Seating) -> list[Meeting]:
    if plan_id in _meetings_cache:
        _meetings_cache.move_to_end(plan_id)
        return _meetings_cache[plan_id]
    # Listing 10,000 people's meetings takes over 100 ms: on a worker thread, and the cache is
    # only touched here on the event loop.
    meetings = _meetings_cache[plan_id] = await anyio.to_thread.run_sync(lambda: list(_meetings_in(seating, None)))
    while len(_meetings_cache) > MEETINGS_CACHE_SIZE:
        _meetings_cache.popitem(last=False)
    return meetings


async def rounds_started_of(session: AsyncSession, event: Event, total_rounds: int) -> int:
    """How many rounds have started (all of them once the event is over), from the round clock."""
    state = clock_state(await clock_row(session, event.id))
    return total_rounds if state.phase == FINISHED else min(state.rounds_started(), total_rounds)


async def planned_values_of(session: AsyncSession, event: Event) -> dict[str, float]:
    """The value the published plan gives each person (the solver's score, by attendee id)."""
    values = await session.scalar(
        select(RoundPlan.person_values)
        .where(RoundPlan.event_id == event.id, RoundPlan.status == PUBLISHED)
        .order_by(RoundPlan.created_at.desc())
        .limit(1)
    )
    return dict(values or {})


async def event_is_over(session: AsyncSession, event: Event) -> bool:
    return clock_state(await clock_row(session, event.id)).phase == FINISHED


def _meetings_in(seating: Seating, only: str | None) -> Iterable[Meeting]:
    for index, tables in enumerate(seating):
        for table in tables:
            members = table.members
            if only is not None and only not in members:
                continue
            for person in members if only is None else (only,):
                for partner in members:
                    if partner != person:
                        yield Meeting(index + 1, table.label, person, partner)
