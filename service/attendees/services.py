"""Checking people in and keeping their profiles. Controllers commit; these functions only flush."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees.schemas import ProfileInput
from service.db.chunks import scalars_in_chunks
from service.db.models import Attendee, Event
from service.domain_errors import NotFound
from service.privacy.erasure import erase_attendees

MAX_SUGGESTIONS = 150


def now() -> datetime:
    return datetime.now(UTC)


def apply_profile(attendee: Attendee, profile: ProfileInput) -> None:
    attendee.display_name = profile.display_name
    attendee.pronouns = profile.pronouns
    attendee.affiliation = profile.affiliation
    attendee.interests = list(profile.interests)
    attendee.offers = list(profile.offers)
    attendee.seeks = list(profile.seeks)
    attendee.contact = profile.contact
    attendee.share_contact = profile.share_contact


def new_attendee(event: Event, profile: ProfileInput, *, checked_in: bool = True) -> Attendee:
    attendee = Attendee(event_id=event.id, present=True, checked_in_at=now() if checked_in else None)
    apply_profile(attendee, profile)
    return attendee


async def check_in(
    session: AsyncSession, event: Event, profile: ProfileInput, *, submission_id: str | None = None
) -> Attendee:
    """Someone arrived (by scanning the poster, or added by the organiser at the door). With the
    form's ``submission_id``, a second copy of the same form fails on flush (``IntegrityError``)."""
    attendee = new_attendee(event, profile)
    attendee.submission_id = submission_id
    session.add(attendee)
    await session.flush()
    return attendee


FLUSH_BATCH = 50


async def add_many(session: AsyncSession, event: Event, profiles: Sequence[ProfileInput]) -> list[Attendee]:
    """People from a registration list: expected, so counted as present, but not checked in yet."""
    # In batches: making and flushing 2,000 rows at once kept the event loop (every other
    # request) busy for about a second. Still one transaction: the controller commits all or none.
    attendees: list[Attendee] = []
    for start in range(0, len(profiles), FLUSH_BATCH):
        batch = [new_attendee(event, profile, checked_in=False) for profile in profiles[start : start + FLUSH_BATCH]]
        session.add_all(batch)
        await session.flush()
        attendees += batch
    return attendees


async def update_profile(session: AsyncSession, attendee: Attendee, profile: ProfileInput) -> Attendee:
    apply_profile(attendee, profile)
    await session.flush()
    return attendee


async def set_present(session: AsyncSession, attendee: Attendee, present: bool) -> Attendee:
    attendee.present = present
    if present and attendee.checked_in_at is None:
        attendee.checked_in_at = now()
    await session.flush()
    return attendee


async def remove(session: AsyncSession, attendee: Attendee) -> None:
    """Delete the attendee with every trace of them, their seats in stored plans included."""
    await erase_attendees(session, attendee.event_id, [attendee.id])


async def attendee_by_token(session: AsyncSession, token: str) -> Attendee:
    attendee = await session.scalar(select(Attendee).where(Attendee.token == token))
    if attendee is None:
        raise NotFound()
    return attendee


async def attendee_of_event_by_token(session: AsyncSession, event: Event, token: str) -> Attendee | None:
    return await session.scalar(select(Attendee).where(Attendee.token == token, Attendee.event_id == event.id))


async def event_of(session: AsyncSession, attendee: Attendee) -> Event:
    event = await session.get(Event, attendee.event_id)
    if event is None:  # the event was deleted while this request ran
        raise NotFound()
    return event


async def attendee_in_event(session: AsyncSession, event: Event, attendee_id: str) -> Attendee:
    """The attendee with this id, only if they belong to this event (else 404, like a bad token)."""
    try:
        wanted = UUID(attendee_id)
    except ValueError:
        raise NotFound() from None
    attendee = await session.scalar(select(Attendee).where(Attendee.id == wanted, Attendee.event_id == event.id))
    if attendee is None:
        raise NotFound()
    return attendee


def _newest_first(event: Event) -> Select[tuple[Attendee]]:
    return (
        select(Attendee)
        .where(Attendee.event_id == event.id)
        .order_by(func.coalesce(Attendee.checked_in_at, Attendee.created_at).desc(), Attendee.display_name)
    )


async def list_attendees(session: AsyncSession, event: Event) -> list[Attendee]:
    """Newest first: whoever just arrived (or was just marked present) is at the top of the list.
    In chunks: a big event's thousands of rows would otherwise hold up the event loop."""
    return await scalars_in_chunks(session, _newest_first(event))


async def count_attendees(session: AsyncSession, event: Event) -> int:
    return int(await session.scalar(select(func.count()).where(Attendee.event_id == event.id)) or 0)


async def _tag_counts(session: AsyncSession, event: Event) -> tuple[Counter[str], dict[str, str]]:
    """How often each tag (casefolded) is used at this event in any list, and its first spelling."""
    rows = await session.execute(
        select(Attendee.interests, Attendee.offers, Attendee.seeks).where(Attendee.event_id == event.id)
    )
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for row in rows:
        for tags in row:
            for tag in tags or ():
                key = tag.casefold()
                spelling.setdefault(key, tag)
                counts[key] += 1
    return counts, spelling


async def tag_suggestions(session: AsyncSession, event: Event) -> list[str]:
    """The tags people at this event used most, any list, for the tag inputs' suggestions."""
    counts, spelling = await _tag_counts(session, event)
    ranked = sorted(counts, key=lambda key: (-counts[key], key))[:MAX_SUGGESTIONS]
    return sorted((spelling[key] for key in ranked), key=str.casefold)


async def popular_tags(session: AsyncSession, event: Event, limit: int = 6) -> list[str]:
    """The event's most used tags, most used first: check-in offers them as one-tap ideas."""
    counts, spelling = await _tag_counts(session, event)
    return [spelling[key] for key in sorted(counts, key=lambda key: (-counts[key], key))[:limit]]
