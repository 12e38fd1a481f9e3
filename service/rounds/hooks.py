"""How the rounds plug into the foundation's pages: the dashboard's rounds card, each
attendee's rounds section, and the lock on event settings once rounds are planned.
``create_app`` calls ``register`` once; nothing is registered by importing this module."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Event
from service.events import hooks as event_hooks
from service.rounds.models import DRAFT, PUBLISHED, RoundPlan
from service.rounds.pages import attendee_rounds_context, dashboard_rounds_context
from service.rounds.planning import running_job


async def settings_lock(session: AsyncSession, event: Event) -> str | None:
    planned = await session.scalar(
        select(RoundPlan.id).where(RoundPlan.event_id == event.id, RoundPlan.status.in_((DRAFT, PUBLISHED))).limit(1)
    )
    if planned is not None or running_job(event.id) is not None:
        return "Rounds are planned, so the format and the number of rounds can no longer change."
    return None


def register() -> None:
    """Plug the rounds into the event pages; a second app in the same process adds nothing twice."""
    if settings_lock not in event_hooks.settings_locks:
        event_hooks.settings_locks.append(settings_lock)
        event_hooks.dashboard_context.append(dashboard_rounds_context)
        event_hooks.attendee_page_context.append(attendee_rounds_context)
