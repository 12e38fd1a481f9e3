"""How the rounds plug into the foundation's pages: the dashboard's rounds card, each
attendee's rounds section, and the lock on event settings once rounds are planned."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Attendee, Event
from service.events import hooks as event_hooks
from service.rounds.models import DRAFT, PUBLISHED, RoundPlan
from service.rounds.planning import running_job, utc_now
from service.rounds.people import tablemates
from service.rounds.store import attendees_by_ids, clock_row, clock_state, published_plan, published_rounds
from service.rounds.views import attendee_rounds, countdown


async def settings_lock(session: AsyncSession, event: Event) -> str | None:
    planned = await session.scalar(
        select(RoundPlan.id).where(RoundPlan.event_id == event.id, RoundPlan.status.in_((DRAFT, PUBLISHED))).limit(1)
    )
    if planned is not None or running_job(event.id) is not None:
        return "Rounds are planned, so the format and the number of rounds can no longer change."
    return None


async def dashboard_rounds_context(session: AsyncSession, event: Event) -> dict[str, Any]:
    published = await published_plan(session, event.id)
    state = clock_state(await clock_row(session, event.id))
    return {
        "rounds_card": {
            "published": published is not None,
            "total_rounds": len(published.rounds) if published else event.rounds_count,
            "state": state,
            "clock": countdown(state, utc_now()),
            "planning": running_job(event.id) is not None,
        }
    }


async def attendee_rounds_context(session: AsyncSession, event: Event, attendee: Attendee) -> dict[str, Any]:
    rounds = await published_rounds(session, event.id)
    # Only the people this attendee sits with: every phone re-reads this on every change.
    mates = tablemates(str(attendee.id), rounds) if rounds else set()
    people = {str(a.id): a for a in await attendees_by_ids(session, mates)}
    state = clock_state(await clock_row(session, event.id))
    return {"my_rounds": attendee_rounds(attendee, rounds, state, people, utc_now())}


def register() -> None:
    if settings_lock not in event_hooks.settings_locks:
        event_hooks.settings_locks.append(settings_lock)
        event_hooks.dashboard_context.append(dashboard_rounds_context)
        event_hooks.attendee_page_context.append(attendee_rounds_context)


register()
