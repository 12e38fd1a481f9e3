"""The phone remembers who checked in on it, per event, so a second scan opens their page.

The cookie goes back to this site only (so that both the check-in address and the public
card printed on a badge can recognise the phone's owner), is invisible to scripts (HttpOnly)
and is not sent on requests started by other sites (SameSite=Lax). It holds the attendee's
secret token, so a new secret link (issued by the organiser) makes an old cookie worthless.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.datastructures import Cookie
from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees.services import attendee_of_event_by_token
from service.db.models import Attendee, Event
from service.settings import Settings

COOKIE_DAYS = 30


def cookie_name(event: Event) -> str:
    return f"mingle_me_{event.checkin_code}"


def attendee_cookie(settings: Settings, event: Event, attendee_token: str) -> Cookie:
    return Cookie(
        key=cookie_name(event),
        value=attendee_token,
        path="/",
        max_age=COOKIE_DAYS * 24 * 3600,
        httponly=True,
        samesite="lax",
        secure=settings.base_url.startswith("https://"),
    )


async def remembered_attendee(request: Request[Any, Any, Any], session: AsyncSession, event: Event) -> Attendee | None:
    """Whom this phone checked in as at this event (its cookie), if that person still exists."""
    token = request.cookies.get(cookie_name(event))
    if not token:
        return None
    return await attendee_of_event_by_token(session, event, token)
