"""The template context of the attendee pages: the profile forms and the attendee's own page."""

from __future__ import annotations

from typing import Any

from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees import services
from service.attendees.contact import contact_href
from service.db.models import Attendee, Event
from service.events import hooks, links
from service.forms import FieldErrors, FormValues
from service.settings import Settings

EMPTY_PROFILE: FormValues = {}
ORGANISER_FORM = "attendees/organiser_form.html"


async def profile_form(
    template: str,
    session: AsyncSession,
    event: Event,
    values: FormValues,
    errors: FieldErrors,
    **context: Any,
) -> Template:
    """A profile form (check-in, the attendee's edit page, the organiser's), with the tags people
    at this event use as suggestions; 400 when it comes back with messages."""
    return Template(
        template,
        context={
            "event": event,
            "values": values,
            "errors": errors,
            "suggestions": await services.tag_suggestions(session, event),
            "popular_tags": await services.popular_tags(session, event),
            "for_organiser": template == ORGANISER_FORM,
            **context,
        },
        status_code=400 if errors else 200,
    )


async def attendee_page_context(
    session: AsyncSession, settings: Settings, event: Event, attendee: Attendee, *, welcome: bool, saved: bool
) -> dict[str, Any]:
    return {
        "event": event,
        "attendee": attendee,
        "contact_href": contact_href(attendee.contact),
        "page_url": links.attendee_url(settings, attendee),
        "welcome": welcome,
        "saved": saved,
        **await hooks.extra_attendee_page_context(session, event, attendee),
    }
