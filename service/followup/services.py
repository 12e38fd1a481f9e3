"""Keeping in touch and answering about meetings. Controllers commit; these functions flush.

Keep in touch is mutual: a person's contact is shown to a partner only when both want it. A
person who ticked "share my contact with people I meet" wants it, by default, with everyone they
were seated with in the plan; they can turn it off for anyone. Imported people never have that
tick (nobody consented through a spreadsheet), so they share only after pressing themselves.
People who did not sit together (e.g. after scanning a badge) must both press.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from litestar.exceptions import NotFoundException
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Attendee
from service.followup.meetings import Meeting
from service.followup.models import KeepInTouch, MeetingFeedback


def wants_to_keep(explicit: bool | None, share_contact: bool, seated_together: bool) -> bool:
    """One side's answer: what they pressed, else their share-contact tick for people they met."""
    if explicit is not None:
        return explicit
    return share_contact and seated_together


@dataclass(frozen=True)
class KeepAnswers:
    """The Keep in touch rows about one person: theirs (by partner) and others' (by person)."""

    mine: dict[str, bool]
    theirs: dict[str, bool]


async def keep_answers(session: AsyncSession, attendee_id: UUID) -> KeepAnswers:
    rows = await session.scalars(
        select(KeepInTouch).where(or_(KeepInTouch.attendee_id == attendee_id, KeepInTouch.partner_id == attendee_id))
    )
    mine: dict[str, bool] = {}
    theirs: dict[str, bool] = {}
    for row in rows:
        if row.attendee_id == attendee_id:
            mine[str(row.partner_id)] = row.keep
        else:
            theirs[str(row.attendee_id)] = row.keep
    return KeepAnswers(mine=mine, theirs=theirs)


async def partner_in_event(session: AsyncSession, viewer: Attendee, partner_id: str) -> Attendee:
    """Another attendee of the viewer's event, else 404 (as for a wrong link)."""
    try:
        wanted = UUID(partner_id)
    except ValueError:
        raise NotFoundException() from None
    partner = await session.scalar(
        select(Attendee).where(Attendee.id == wanted, Attendee.event_id == viewer.event_id, Attendee.id != viewer.id)
    )
    if partner is None:
        raise NotFoundException()
    return partner


async def set_keep(session: AsyncSession, viewer: Attendee, partner: Attendee, keep: bool) -> None:
    row = await session.scalar(
        select(KeepInTouch).where(KeepInTouch.attendee_id == viewer.id, KeepInTouch.partner_id == partner.id)
    )
    if row is None:
        row = KeepInTouch(event_id=viewer.event_id, attendee_id=viewer.id, partner_id=partner.id)
        session.add(row)
    row.keep = keep
    await session.flush()


def held_meeting(meetings: Iterable[Meeting], partner_id: str, round_number: int) -> Meeting:
    """The viewer's meeting with this partner in this round, only if the plan had it (else 404)."""
    for meeting in meetings:
        if meeting.partner_id == partner_id and meeting.round_number == round_number:
            return meeting
    raise NotFoundException()


@dataclass(frozen=True)
class FeedbackChange:
    """The answers a form sent; None leaves an answer as it was (each button sends one)."""

    met: str | None = None  # "" clears
    usefulness: int | None = None  # 0 clears
    note: str | None = None
    thanks: str | None = None


async def save_feedback(session: AsyncSession, viewer: Attendee, meeting: Meeting, change: FeedbackChange) -> None:
    row = await session.scalar(
        select(MeetingFeedback).where(
            MeetingFeedback.attendee_id == viewer.id,
            MeetingFeedback.partner_id == UUID(meeting.partner_id),
            MeetingFeedback.round_number == meeting.round_number,
        )
    )
    if row is None:
        row = MeetingFeedback(
            event_id=viewer.event_id,
            attendee_id=viewer.id,
            partner_id=UUID(meeting.partner_id),
            round_number=meeting.round_number,
            note="",
            thanks="",
        )
        session.add(row)
    apply_change(row, change)
    await session.flush()


def apply_change(row: MeetingFeedback, change: FeedbackChange) -> None:
    if change.met is not None:
        row.met = change.met or None
        if change.met != "yes":  # nobody rates a meeting that did not happen
            row.usefulness = None
    if change.usefulness is not None:
        row.usefulness = change.usefulness or None
        if change.usefulness:  # rating it says it happened
            row.met = "yes"
    if change.note is not None:
        row.note = change.note
    if change.thanks is not None:
        row.thanks = change.thanks


async def feedback_about(
    session: AsyncSession, attendee_id: UUID
) -> tuple[list[MeetingFeedback], list[MeetingFeedback]]:
    """The viewer's own answers, and their partners' answers about meetings with them."""
    rows = await session.scalars(
        select(MeetingFeedback).where(
            or_(MeetingFeedback.attendee_id == attendee_id, MeetingFeedback.partner_id == attendee_id)
        )
    )
    mine: list[MeetingFeedback] = []
    theirs: list[MeetingFeedback] = []
    for row in rows:
        (mine if row.attendee_id == attendee_id else theirs).append(row)
    return mine, theirs
