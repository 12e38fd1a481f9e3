"""Public cards (what a badge's QR code opens) and replacing an attendee's secret link."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees.cookies import cookie_name
from service.db.models import Attendee, Event
from service.dependencies import AnyRequest
from service.domain_errors import NotFound
from service.printing.badges import first_name_of
from service.security import new_secret_token


@dataclass(frozen=True)
class PublicCard:
    """Everything a stranger who scans a badge may see: nothing to reach or change the person."""

    code: str
    first_name: str
    pronouns: str
    affiliation: str
    offers: list[str]
    seeks: list[str]
    event_name: str


def public_card(event: Event, attendee: Attendee) -> PublicCard:
    return PublicCard(
        code=attendee.public_code,
        first_name=first_name_of(attendee.display_name),
        pronouns=attendee.pronouns,
        affiliation=attendee.affiliation,
        offers=list(attendee.offers or []),
        seeks=list(attendee.seeks or []),
        event_name=event.name,
    )


async def attendee_by_public_code(session: AsyncSession, code: str) -> Attendee:
    attendee = await session.scalar(select(Attendee).where(Attendee.public_code == code))
    if attendee is None:
        raise NotFound()
    return attendee


def is_own_badge(request: AnyRequest, event: Event, attendee: Attendee) -> bool:
    """True when this phone checked in as the badge's wearer (it holds their current token)."""
    remembered = request.cookies.get(cookie_name(event), "")
    return bool(remembered) and secrets.compare_digest(remembered.encode(), attendee.token.encode())


async def issue_new_secret_link(session: AsyncSession, attendee: Attendee) -> str:
    """A new secret token: the old link, and any phone's cookie holding it, stop working at once."""
    attendee.token = new_secret_token()
    await session.flush()
    return attendee.token
