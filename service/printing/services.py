"""Which badges and table cards to print, and remembering which badges were printed.
Controllers commit; these functions only flush."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees.services import list_attendees
from service.db.models import TABLES, Attendee, Event
from service.domain_errors import UserFacingError
from service.rounds.store import draft_plan, published_plan

WHICH_BADGES = {
    "all": "Everyone",
    "unprinted": "Only badges not printed yet",
    "one": "One person (for walk-ups)",
}
MAX_TABLE_CARDS = 200


def attendees_to_print(everyone: Sequence[Attendee], which: str, attendee_id: str) -> list[Attendee]:
    """Everyone, only those whose badge was never printed, or the one person with this id."""
    if which not in WHICH_BADGES:
        raise UserFacingError(
            detail="Choose whose badges to print: everyone, only those not printed yet, or one person."
        )
    if which == "one":
        chosen = [a for a in everyone if attendee_id and str(a.id) == attendee_id]
        if not chosen:
            raise UserFacingError(detail="Choose the person whose badge you want to print from the list.")
        return chosen
    return [a for a in everyone if which == "all" or a.badge_printed_at is None]


async def mark_printed(session: AsyncSession, event: Event, attendee_ids: Sequence[str]) -> int:
    """Stamp these attendees' badges as printed now; all of them belong to the event, or nothing changes."""
    if not attendee_ids:
        raise UserFacingError(detail="There were no badges on the sheet to mark as printed.")
    wanted = _uuids(attendee_ids)
    found = set(
        await session.scalars(select(Attendee.id).where(Attendee.event_id == event.id, Attendee.id.in_(wanted)))
    )
    if not wanted or found != wanted:
        raise UserFacingError(
            detail="Some of those badges are not in this event any more. Reload the badge page and try again."
        )
    await session.execute(
        update(Attendee)
        .where(Attendee.event_id == event.id, Attendee.id.in_(wanted))
        .values(badge_printed_at=datetime.now(UTC))
    )
    await session.flush()
    return len(wanted)


def _uuids(texts: Sequence[str]) -> set[UUID]:
    """The ids sent back by the badge sheet; an empty set when any of them is not an id at all."""
    try:
        return {UUID(text) for text in texts}
    except ValueError:
        return set()


async def published_seats(
    session: AsyncSession, event: Event, attendees: Sequence[Attendee]
) -> dict[str, list[str]] | None:
    """Each of these attendees' tables in the published plan (seated or not), or None while no
    plan is published."""
    plan = await published_plan(session, event.id)
    if plan is None:
        return None
    seats = plan.seating.seats_by_person()
    return {str(a.id): seats.get(str(a.id), [""] * len(plan.rounds)) for a in attendees}


def table_count(text: str) -> int | None:
    """The organiser's number of tables from the form; None when left empty."""
    text = text.strip()
    if not text:
        return None
    # The length first: int() refuses thousands of digits with an error of its own.
    if len(text) > len(str(MAX_TABLE_CARDS)) or not text.isdecimal() or not 1 <= int(text) <= MAX_TABLE_CARDS:
        raise UserFacingError(detail=f"The number of tables must be a whole number from 1 to {MAX_TABLE_CARDS}.")
    return int(text)


def tables_needed(event: Event, expected_people: int) -> int:
    """Without a plan: enough cards for any plan of this many people. Pairs need a table per
    two people; tables of min..max people need at most one table per ``min`` people."""
    per_table = event.table_min if event.format == TABLES else 2
    return max(1, expected_people // max(1, per_table))


async def table_card_labels(session: AsyncSession, event: Event, count: int | None) -> tuple[list[str], str]:
    """The labels to print and where they came from: the organiser's count, the (published,
    else draft) plan, or an estimate from the people expected."""
    if count is not None:
        return [str(n) for n in range(1, count + 1)], "count"
    plan = await published_plan(session, event.id) or await draft_plan(session, event.id)
    if plan is not None and plan.rounds:
        return plan.seating.table_labels(), "plan"
    everyone = await list_attendees(session, event)
    expected = sum(1 for a in everyone if a.present)
    return [str(n) for n in range(1, min(MAX_TABLE_CARDS, tables_needed(event, expected)) + 1)], "estimate"
