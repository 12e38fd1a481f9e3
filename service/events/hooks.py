"""Places where other parts of Mingle plug into the event and attendee pages.

The rounds domain, for example, locks the event settings once rounds are planned and
adds its own data to the dashboard and to each attendee's page. It registers functions
here (``create_app`` calls each domain's ``register``) instead of editing the foundation's
controllers:

    from service.events import hooks

    async def rounds_planned(session, event):
        return "Rounds are planned, so the format can no longer change." if ... else None

    hooks.settings_locks.append(rounds_planned)
    hooks.dashboard_context.append(lambda session, event: load_rounds_summary(session, event))
    hooks.attendee_page_context.append(lambda session, event, attendee: load_my_rounds(...))

Context functions return a dict that is merged into the template context, so an included
template (``rounds/dashboard_rounds.html``, ``rounds/attendee_rounds.html``) can use it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Attendee, Event

SettingsLock = Callable[[AsyncSession, Event], Awaitable[str | None]]
DashboardContext = Callable[[AsyncSession, Event], Awaitable[dict[str, Any]]]
AttendeePageContext = Callable[[AsyncSession, Event, Attendee], Awaitable[dict[str, Any]]]

# Each returns None while settings may change, or the reason (shown to the organiser) why not.
settings_locks: list[SettingsLock] = []
dashboard_context: list[DashboardContext] = []
attendee_page_context: list[AttendeePageContext] = []


async def settings_locked_reason(session: AsyncSession, event: Event) -> str | None:
    for lock in settings_locks:
        reason = await lock(session, event)
        if reason:
            return reason
    return None


async def extra_dashboard_context(session: AsyncSession, event: Event) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for provide in dashboard_context:
        context.update(await provide(session, event))
    return context


async def extra_attendee_page_context(session: AsyncSession, event: Event, attendee: Attendee) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for provide in attendee_page_context:
        context.update(await provide(session, event, attendee))
    return context
