"""How preferences plug into the attendee page: before rounds start, the people to mark."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Attendee, Event
from service.events import hooks as event_hooks
from service.preferences.services import rounds_started, suggestions


async def attendee_marks_context(session: AsyncSession, event: Event, attendee: Attendee) -> dict[str, Any]:
    if await rounds_started(session, event):
        return {"mark_suggestions": None}
    return {"mark_suggestions": await suggestions(session, event, attendee)}


def register() -> None:
    if attendee_marks_context not in event_hooks.attendee_page_context:
        event_hooks.attendee_page_context.append(attendee_marks_context)


register()
