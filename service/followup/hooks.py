"""How the follow-up plugs into the attendee page (the people met) and the organiser's dashboard
(no-shows reported during the event, and the way to the report)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Attendee, Event
from service.events import hooks as event_hooks
from service.followup.models import MET_NO_SHOW, MeetingFeedback
from service.followup.people import people_met


async def attendee_followup_context(session: AsyncSession, event: Event, attendee: Attendee) -> dict[str, Any]:
    return {"followup_met": await people_met(session, event, attendee)}


async def dashboard_followup_context(session: AsyncSession, event: Event) -> dict[str, Any]:
    return {"followup_no_shows": await reported_no_shows(session, event)}


async def reported_no_shows(session: AsyncSession, event: Event) -> list[tuple[Attendee, int]]:
    """People still counted as present whom partners reported as not showing, with how many
    partners said so (most first): the organiser may mark them absent before the next re-plan."""
    rows = await session.execute(
        select(MeetingFeedback.partner_id, MeetingFeedback.attendee_id).where(
            MeetingFeedback.event_id == event.id, MeetingFeedback.met == MET_NO_SHOW
        )
    )
    reporters = Counter(partner for partner, _ in {(p, a) for p, a in rows})
    if not reporters:
        return []
    people = await session.scalars(select(Attendee).where(Attendee.id.in_(list(reporters)), Attendee.present.is_(True)))
    return sorted(((a, reporters[a.id]) for a in people), key=lambda item: (-item[1], item[0].display_name.casefold()))


def register() -> None:
    if attendee_followup_context not in event_hooks.attendee_page_context:
        event_hooks.attendee_page_context.append(attendee_followup_context)
        event_hooks.dashboard_context.append(dashboard_followup_context)


register()
