"""The report's three column-only queries (people, answers, Keep in touch), as plain tuples keyed
by the attendee ids the plan stores: the report counts tens of thousands of rows, and neither ORM
objects nor one UUID object per cell are needed for that."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, NamedTuple

from advanced_alchemy.types import GUID
from sqlalchemy import Dialect, Row, Select, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.chunks import rows_in_chunks
from service.db.models import Attendee, Event
from service.followup.models import KeepInTouch, MeetingFeedback

Side = tuple[str, str, int]  # (person, partner, round): one person's side of one meeting
Pair = tuple[str, str]  # two attendee ids, the smaller first


class PersonRow(NamedTuple):
    name: str
    checked_in: bool
    share_contact: bool
    offers: frozenset[str]  # casefolded
    seeks: frozenset[str]
    offer_spelling: dict[str, str]
    contact: str


class Answer(NamedTuple):
    met: str | None
    usefulness: int | None
    has_note: bool
    has_thanks: bool


class Keep(NamedTuple):
    keep: bool
    at: datetime


async def people_rows(session: AsyncSession, event: Event) -> dict[str, PersonRow]:
    rows = await _rows(
        session,
        select(
            id_text(Attendee.id),
            Attendee.display_name,
            Attendee.checked_in_at.is_not(None),
            Attendee.share_contact,
            Attendee.offers,
            Attendee.seeks,
            Attendee.contact,
        ).where(Attendee.event_id == event.id),
    )
    people = {}
    for attendee_id, name, checked_in, share, offers, seeks, contact in rows:
        spelling = {tag.casefold(): tag for tag in reversed(offers or ())}
        people[attendee_id] = PersonRow(
            name,
            bool(checked_in),
            bool(share),
            frozenset(spelling),
            frozenset(t.casefold() for t in seeks or ()),
            spelling,
            contact,
        )
    return people


async def answer_rows(session: AsyncSession, event: Event) -> dict[Side, Answer]:
    f = MeetingFeedback
    rows = await _rows(
        session,
        select(
            id_text(f.attendee_id),
            id_text(f.partner_id),
            f.round_number,
            f.met,
            f.usefulness,
            f.note != "",
            f.thanks != "",
        ).where(f.event_id == event.id),
    )
    return {
        (str(a), str(p), r): Answer(met, useful, bool(note), bool(thanks))
        for a, p, r, met, useful, note, thanks in rows
    }


async def keep_rows(session: AsyncSession, event: Event) -> dict[Pair, Keep]:
    k = KeepInTouch
    rows = await session.execute(
        select(id_text(k.attendee_id), id_text(k.partner_id), k.keep, k.updated_at).where(k.event_id == event.id)
    )
    return {(a, p): Keep(keep, at) for a, p, keep, at in rows}


class IdText(GUID):
    """An attendee id read as the text the plan stores. Each id repeats in thousands of rows of
    one report, so it is decoded once per query (a fresh instance holds that query's ids)."""

    cache_ok = False

    def __init__(self) -> None:
        super().__init__()
        self.seen: dict[Any, str] = {}

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        text = self.seen.get(value)
        if text is None:
            text = self.seen[value] = str(super().process_result_value(value, dialect))
        return text


def id_text(column: Any) -> Any:
    return type_coerce(column, IdText())


async def _rows(session: AsyncSession, query: Select[Any]) -> Sequence[Row[Any]]:
    """Plain rows (the ORM's per-row work is not needed here), in chunks (there are thousands)."""
    return await rows_in_chunks(session, query)
