"""Who is here: the organiser checks people in (one, the ticked ones, or everyone expected), and
an imported person's own link becomes theirs (claiming), or joins a poster check-in on the same phone.

The rule for planning stays "present and checked in" (``service.rounds.people.takes_part``):
an imported person is expected, not in the room, until they or the organiser say they arrived.
Controllers commit; these functions only flush.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees.contact import is_email
from service.attendees.services import now
from service.db.models import Attendee, Event
from service.privacy.erasure import erase_attendees
from service.rounds import store
from service.rounds.models import RoundPlan
from service.rounds.seating import Seating


def is_expected(attendee: Attendee) -> bool:
    """On the list and not checked in yet: the people "Check in everyone who is here" is about."""
    return attendee.present and attendee.checked_in_at is None


def check_in_existing(attendee: Attendee) -> bool:
    """Mark an existing person as arrived; False when they already were (nothing changes)."""
    if attendee.present and attendee.checked_in_at is not None:
        return False
    attendee.present = True
    attendee.checked_in_at = attendee.checked_in_at or now()
    return True


async def check_in_many(session: AsyncSession, event: Event, wanted: Collection[UUID] | None) -> int:
    """Check in these people of the event (``None``: everyone expected); how many changed."""
    rows = await session.scalars(select(Attendee).where(Attendee.event_id == event.id))
    changed = 0
    for attendee in rows:
        if (attendee.id in wanted) if wanted is not None else is_expected(attendee):
            changed += check_in_existing(attendee)
    await session.flush()
    return changed


def parse_ids(values: Iterable[str]) -> list[UUID] | None:
    """Attendee ids from ticked boxes; None when one of them is not an id at all."""
    ids = []
    for value in values:
        try:
            ids.append(UUID(value))
        except ValueError:
            return None
    return ids


def claim(attendee: Attendee) -> bool:
    """The first visit to a person's own page: from now on the link is theirs. True the first time."""
    if attendee.claimed_at is not None:
        return False
    attendee.claimed_at = now()
    return True


def may_join(own: Attendee, on_this_phone: Attendee | None) -> bool:
    """Offer to join when this phone checked in on the poster as someone else of the same event
    and this page's person (from the organiser's list) has not arrived yet. Holding both secrets
    (the cookie and this link) is the proof; nothing of either record reaches anyone else."""
    return (
        on_this_phone is not None
        and on_this_phone.id != own.id
        and on_this_phone.event_id == own.event_id
        and on_this_phone.checked_in_at is not None
        and own.checked_in_at is None
    )


async def join(session: AsyncSession, own: Attendee, walk_up: Attendee) -> None:
    """Make the poster check-in and the listed person one: what the person typed at the door fills
    the listed record (which keeps its ticket id), their seats move to it, and the duplicate goes."""
    for field in ("display_name", "pronouns", "affiliation", "contact"):
        typed = getattr(walk_up, field)
        if typed:  # an empty field at the door keeps what the list had
            setattr(own, field, typed)
    for field in ("interests", "offers", "seeks"):
        if getattr(walk_up, field):
            setattr(own, field, list(getattr(walk_up, field)))
    own.share_contact = walk_up.share_contact
    own.present = True
    own.checked_in_at = walk_up.checked_in_at
    own.claimed_at = own.claimed_at or now()
    await _move_seats(session, own.event_id, str(walk_up.id), str(own.id))
    await erase_attendees(session, own.event_id, [walk_up.id])
    await session.flush()


async def _move_seats(session: AsyncSession, event_id: UUID, old: str, new: str) -> None:
    """Seat the listed person where the poster check-in sat, in every stored plan that had them."""
    plans = await session.scalars(select(RoundPlan).where(RoundPlan.event_id == event_id))
    for plan in plans:
        seating = Seating.from_stored(plan.rounds)
        if old not in seating.everyone() or new in seating.everyone():
            continue  # erasing the duplicate takes them out of a plan that already seats both
        plan.rounds = [
            [{**group, "members": [new if m == old else m for m in group["members"]]} for group in groups]
            for groups in plan.rounds or []
        ]
        values = dict(plan.person_values or {})
        if old in values:
            values[new] = values.pop(old)
        plan.person_values = values
        store.forget_published_seating(plan.id)


def arrival_summary(attendees: Iterable[Attendee]) -> dict[str, int]:
    """Counts for the dashboard's "who is here" and "send the personal links" notes."""
    expected = [person for person in attendees if is_expected(person)]
    invitable = sum(1 for person in expected if is_email(person.contact))
    return {"expected": len(expected), "invitable": invitable, "without_email": len(expected) - invitable}


def invitation_rows(attendees: Iterable[Attendee]) -> list[Attendee]:
    """Who the mail-merge file is for: everyone expected (not arrived yet) with an email address."""
    return sorted(
        (person for person in attendees if is_expected(person) and is_email(person.contact)),
        key=lambda person: person.display_name.casefold(),
    )


def possible_duplicates(attendees: Iterable[Attendee]) -> dict[UUID, Attendee]:
    """Expected people from the list whose email someone checked in with on the poster: for the
    organiser only (who sees everyone anyway), to make them one after asking the person."""
    people = list(attendees)
    at_the_door = {
        person.contact.casefold(): person
        for person in people
        if person.checked_in_at is not None and person.external_id is None and is_email(person.contact)
    }
    found = {}
    for person in people:
        walk_up = at_the_door.get(person.contact.casefold()) if is_email(person.contact) else None
        if walk_up is not None and may_join(person, walk_up):
            found[person.id] = walk_up
    return found
