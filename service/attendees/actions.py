"""How every change to the attendee list ends, and how the organiser's begin.

A change is committed first and announced after, so that the pages reloading on the notice
already see it. The organiser's actions also run under the event's lock (``service.event_lock``:
one at a time per event, reading what the one before committed) and go back to the dashboard.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from uuid import UUID

from litestar.channels import ChannelsPlugin
from litestar.response import Redirect
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Event
from service.event_lock import lock_event
from service.events import links
from service.live import notify

ATTENDEES_TOPIC = "attendees"
# What a change returns when it found nothing to do (e.g. the same form sent twice): no notice then.
NOTHING_CHANGED = object()


async def announce_attendee_change(session: AsyncSession, channels: ChannelsPlugin, event_id: UUID) -> None:
    """Commit, then tell the event's open pages that the attendee list changed."""
    await session.commit()
    notify(channels, event_id, ATTENDEES_TOPIC)


async def organiser_attendee_action(
    session: AsyncSession, channels: ChannelsPlugin, event: Event, change: Callable[[], object], after: str
) -> Redirect:
    """Lock the event, make ``change`` (a function, plain or async, that reads what it needs under
    the lock), commit and announce it, and go back to the dashboard with ``after`` (a query or
    fragment such as ``"?notice=removed"``). A change that returns ``NOTHING_CHANGED`` is not
    announced. An error raised by ``change`` propagates and nothing is committed."""
    path, event_id = links.organiser_path(event), event.id  # read now: the commit expires the event
    await lock_event(session, event)
    outcome = change()
    if inspect.isawaitable(outcome):
        outcome = await outcome
    if outcome is not NOTHING_CHANGED:
        await announce_attendee_change(session, channels, event_id)
    return Redirect(path + after, status_code=303)
