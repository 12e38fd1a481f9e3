"""Import people into an event: match each against who is already there, then add or update.

A person in the file is the attendee with the same platform id, else with the same email
(case ignored). Updating changes what the file says and nothing else: an empty cell never
erases what the person typed on their phone, and presence, check-in and contact sharing
stay as they are. New people count as expected (present) but not checked in, and their
contact is not shared (nobody consented through a spreadsheet). A role the file gives replaces
the person's; one that is not among the event's roles is left out and named in the summary (a
new person has no role then, someone already there keeps theirs). Like every service here
these functions only flush; the caller commits, so an import is stored whole or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees.contact import is_email
from service.db.models import Attendee, Event
from service.imports.detection import Table, detect_table
from service.imports.mapping import ColumnMapping
from service.imports.people import ImportedPerson, ParsedImport, Skipped, parse_people
from service.imports.reading import ImportProblem, ImportRefused, decode_upload

CHANGED_MEANWHILE = "Someone changed the attendee list while this import ran. Upload the file again to see the changes."


class ImportPlan(msgspec.Struct, frozen=True):
    new: list[ImportedPerson]
    updates: list[tuple[Attendee, ImportedPerson]]
    skipped: list[Skipped]
    notes: list[ImportProblem]

    @property
    def roles_left_out(self) -> list[Skipped]:
        """Rows whose role is not one of the event's, so it is not stored."""
        rows = sorted([*self.new, *(row for _attendee, row in self.updates)], key=lambda row: row.line)
        return [Skipped(row.line, row.role_problem) for row in rows if row.role_problem]

    def summary(self) -> str:
        """E.g. "12 new, 3 updated, 1 skipped (line 7: no name)", then the roles left out:
        "; 1 role left out (line 9: role 'Investr' is not one of this event's roles: founder, investor)"."""
        text = f"{len(self.new)} new, {len(self.updates)} updated, {len(self.skipped)} skipped"
        text += _lines(self.skipped)
        left_out = self.roles_left_out
        if left_out:
            text += f"; {len(left_out)} {'role' if len(left_out) == 1 else 'roles'} left out" + _lines(left_out)
        return text


SUMMARY_LINES = 5


def _lines(found: list[Skipped]) -> str:
    if not found:
        return ""
    shown = ", ".join(f"line {skip.line}: {skip.reason}" for skip in found[:SUMMARY_LINES])
    more = f", and {len(found) - SUMMARY_LINES} more" if len(found) > SUMMARY_LINES else ""
    return f" ({shown}{more})"


def read_table(data: bytes) -> Table:
    """The upload as a table of its platform; ImportRefused when it cannot be read."""
    return detect_table(decode_upload(data))


def check_people(table: Table, mapping: ColumnMapping, roles: Sequence[str] = ()) -> ParsedImport:
    """Every row checked with these column choices (and the event's ``roles``); ImportRefused listing the bad rows."""
    if not mapping.name:
        raise ImportRefused([ImportProblem(table.header_line, "Choose which column holds the names.")])
    return parse_people(table, mapping, roles)


FLUSH_BATCH_ROWS = 100


async def plan_import(session: AsyncSession, event: Event, parsed: ParsedImport) -> ImportPlan:
    """Who would be added, who updated and who skipped; reads only, changes nothing."""
    existing = list(await session.scalars(select(Attendee).where(Attendee.event_id == event.id)))
    by_id = {person.external_id: person for person in existing if person.external_id}
    by_email: dict[str, Attendee] = {}
    for person in existing:
        if is_email(person.contact):
            by_email.setdefault(person.contact.casefold(), person)
    new: list[ImportedPerson] = []
    updates: list[tuple[Attendee, ImportedPerson]] = []
    skipped = list(parsed.skipped)
    matched_lines: dict[object, int] = {}
    for row in parsed.people:
        match = (by_id.get(row.attendee_id) if row.attendee_id else None) or by_email.get(row.email_key)
        if match is None:
            new.append(row)
        elif match.id in matched_lines:
            skipped.append(Skipped(row.line, f"same person as line {matched_lines[match.id]}"))
        else:
            matched_lines[match.id] = row.line
            updates.append((match, row))
    skipped.sort(key=lambda skip: skip.line)
    return ImportPlan(new, updates, skipped, parsed.notes)


async def apply_import(session: AsyncSession, event: Event, plan: ImportPlan) -> None:
    """Store the plan; ImportRefused when a concurrent change made it clash (roll back then)."""
    for attendee, row in plan.updates:
        _update(attendee, row)
    try:
        await session.flush()
        # In batches: the ORM's own work for each batch runs on the event loop, and a single
        # flush of a thousand new people held up every other request for over 100 ms.
        for start in range(0, len(plan.new), FLUSH_BATCH_ROWS):
            session.add_all(_new_attendee(event, row) for row in plan.new[start : start + FLUSH_BATCH_ROWS])
            await session.flush()
    except IntegrityError:
        raise ImportRefused.about_file(CHANGED_MEANWHILE) from None


def _new_attendee(event: Event, row: ImportedPerson) -> Attendee:
    return Attendee(
        event_id=event.id,
        display_name=row.display_name,
        affiliation=row.affiliation,
        contact=row.email,
        share_contact=False,
        present=True,
        checked_in_at=None,
        interests=list(row.interests),
        offers=list(row.offers),
        seeks=list(row.seeks),
        external_id=row.attendee_id or None,
        role=row.role,
    )


def _update(attendee: Attendee, row: ImportedPerson) -> None:
    attendee.display_name = row.display_name
    if row.email and (not attendee.contact or is_email(attendee.contact)):
        attendee.contact = row.email  # a link the person typed themselves is kept
    if row.affiliation:
        attendee.affiliation = row.affiliation
    for field in ("interests", "offers", "seeks"):
        tags = getattr(row, field)
        if tags:
            setattr(attendee, field, list(tags))
    if row.role:
        attendee.role = row.role
    if row.attendee_id and not attendee.external_id:
        attendee.external_id = row.attendee_id
