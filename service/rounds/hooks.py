"""How the rounds plug into the foundation's pages: the dashboard's rounds card, each
attendee's rounds section, and the lock on event settings once rounds are planned."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Attendee, Event
from service.events import hooks as event_hooks
from service.rounds.models import DRAFT, PUBLISHED, RoundPlan
from service.rounds.people import rounds_seated, tablemates, takes_part
from service.rounds.planning import running_job, utc_now
from service.rounds.store import (
    attendees_by_ids,
    clock_row,
    clock_state,
    event_attendees,
    published_plan,
    published_plan_rounds,
)
from service.rounds.views import (
    attendee_rounds,
    clock_line_templates,
    countdown,
    live_rounds,
    prepared_attendee_views,
)


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
    waiting: list[str] = []
    started = state.rounds_started()
    if published is not None and started < len(published.rounds):
        future = published.rounds[started:]
        people = await event_attendees(session, event.id)
        waiting = sorted(
            (a.display_name for a in people if takes_part(a) and not rounds_seated(str(a.id), future)), key=str.casefold
        )
    return {
        "rounds_card": {
            "published": published is not None,
            "total_rounds": len(published.rounds) if published else event.rounds_count,
            "state": state,
            "clock": countdown(state, utc_now()),
            "planning": running_job(event.id) is not None,
            "waiting_for_seat": waiting,  # arrived after the plan was made: a re-plan seats them
            "replan_from": started + 1,
        }
    }


async def attendee_rounds_context(session: AsyncSession, event: Event, attendee: Attendee) -> dict[str, Any]:
    found = await published_plan_rounds(session, event.id)
    plan_id, rounds = found if found is not None else ("", None)
    # Only the people this attendee sits with: every phone reads this when it (re)connects.
    mates = tablemates(str(attendee.id), rounds) if rounds else set()
    people = {str(a.id): a for a in await attendees_by_ids(session, mates)}
    state = clock_state(await clock_row(session, event.id))
    now = utc_now()
    return {
        "my_rounds": attendee_rounds(attendee, rounds, state, people, now),
        "rounds_live": live_rounds(plan_id, len(rounds or ()), state, now),
        # Every round, so that the phone moves on from the notice alone (see rounds.js).
        "prepared_views": prepared_attendee_views(attendee, rounds, people, now) if rounds else [],
        "clock_lines": clock_line_templates(),
    }


def register() -> None:
    if settings_lock not in event_hooks.settings_locks:
        event_hooks.settings_locks.append(settings_lock)
        event_hooks.dashboard_context.append(dashboard_rounds_context)
        event_hooks.attendee_page_context.append(attendee_rounds_context)


register()
