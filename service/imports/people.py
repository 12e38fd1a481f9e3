"""Rows to people: tidy each value, skip who is not coming, and collect every problem at once.

Problems (a name too long, an email that is not one) stop the whole import, each named by
its line. Rows without a name, unassigned or cancelled tickets, and a second row for the
same person (Zoom lists everyone once per time they joined) are skipped and said so. Answers
too long for a tag are shortened, with a note, instead of refusing a real export.

A role is matched to the event's roles ignoring case and spaces. One that is not among them is
a typo in one cell, not a broken file: that person comes in without a role, and the preview
names the line and the value (``ImportedPerson.role_problem``) so the organiser can fix it.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from service.attendees.contact import is_email
from service.attendees.forms import AFFILIATION_LIMIT, NAME_LIMIT
from service.attendees.tags import MAX_TAG_LENGTH, MAX_TAGS, normalise_tags, split_tags
from service.forms import clean_line, too_long_message
from service.imports.detection import Table
from service.imports.mapping import TAG_FIELDS, TAG_LABELS, ColumnMapping
from service.imports.platforms import tidy_header
from service.imports.reading import MAX_IMPORT_ROWS, ImportProblem, ImportRefused, Row
from service.preferences.forms import role_key

ID_LIMIT = 120
EMAIL_LIMIT = 200
MAX_PROBLEMS = 200


class ImportedPerson(msgspec.Struct, frozen=True, kw_only=True):
    line: int
    display_name: str
    email: str = ""
    affiliation: str = ""
    attendee_id: str = ""  # "<platform>:<id>", or "" when the platform has none
    offers: list[str] = msgspec.field(default_factory=list)
    seeks: list[str] = msgspec.field(default_factory=list)
    interests: list[str] = msgspec.field(default_factory=list)
    role: str = ""  # one of the event's roles, "" for none
    role_problem: str = ""  # why the file's role was left out, "" when there was none

    @property
    def email_key(self) -> str:
        return self.email.casefold()


class Skipped(msgspec.Struct, frozen=True):
    line: int
    reason: str


class ParsedImport(msgspec.Struct, frozen=True):
    people: list[ImportedPerson]
    skipped: list[Skipped]
    notes: list[ImportProblem]  # what was changed on the way in (shortened answers)


def parse_people(table: Table, mapping: ColumnMapping, roles: Sequence[str] = ()) -> ParsedImport:
    """Everyone in the table, or ImportRefused listing every bad row. Roles are read only when the
    event has ``roles``."""
    people: list[ImportedPerson] = []
    skipped: list[Skipped] = []
    notes: list[ImportProblem] = []
    problems: list[ImportProblem] = []
    seen: dict[str, int] = {}  # attendee id or email -> the line that person was first on
    skip_rules = [(table.column(rule.column), rule) for rule in table.platform.skip]
    for row in table.rows:
        reason = next(
            (
                rule.reason
                for column, rule in skip_rules
                if column is not None and _tidy_cell(row, column) in rule.values
            ),
            None,
        )
        person = None if reason else _person(table, mapping, row, problems, notes, roles)
        if reason is None and person is None:
            reason = "no name"
        if person is not None:
            earlier = _earlier_line(person, seen)
            if earlier:
                reason, person = f"same person as line {earlier}", None
        if reason:
            skipped.append(Skipped(row.line, reason))
        elif person is not None:
            people.append(person)
        if len(problems) >= MAX_PROBLEMS:
            break
    if len(people) > MAX_IMPORT_ROWS:
        raise ImportRefused.about_file(
            f"The file has more than {MAX_IMPORT_ROWS:,} people. Split it into smaller files."
        )
    if problems:
        raise ImportRefused(problems)
    return ParsedImport(people, skipped, notes)


def _earlier_line(person: ImportedPerson, seen: dict[str, int]) -> int | None:
    keys = [key for key in (person.attendee_id, person.email_key and "@" + person.email_key) if key]
    for key in keys:
        if key in seen:
            return seen[key]
    for key in keys:
        seen[key] = person.line
    return None


def _person(
    table: Table,
    mapping: ColumnMapping,
    row: Row,
    problems: list[ImportProblem],
    notes: list[ImportProblem],
    roles: Sequence[str],
) -> ImportedPerson | None:
    line = row.line
    name = next((text for columns in mapping.name if (text := _joined(row, columns, " "))), "")
    if not name:
        return None
    found = len(problems)
    if len(name) > NAME_LIMIT:
        problems.append(ImportProblem(line, f"name: {too_long_message(NAME_LIMIT, len(name))}"))
    email = _cell(row, mapping.email)
    if email and (len(email) > EMAIL_LIMIT or not is_email(email)):
        problems.append(ImportProblem(line, f"email: “{email[:60]}” is not an email address."))
    affiliation = _joined(row, mapping.organisation, ", ")
    if len(affiliation) > AFFILIATION_LIMIT:
        affiliation = _shortened(affiliation, AFFILIATION_LIMIT)
        notes.append(ImportProblem(line, f"organisation shortened to “{affiliation}”."))
    tags = {field: _tags(row, mapping.tag_columns(field), TAG_LABELS[field], notes) for field in TAG_FIELDS}
    if len(problems) > found:
        return None
    role, role_problem = _role(row, mapping.role, roles) if roles else ("", "")
    return ImportedPerson(
        line=line,
        display_name=name,
        email=email,
        affiliation=affiliation,
        attendee_id=_attendee_id(table, row, mapping),
        role=role,
        role_problem=role_problem,
        **tags,
    )


def _role(row: Row, columns: tuple[int, ...], roles: Sequence[str]) -> tuple[str, str]:
    """The role the first filled column names, and a problem to show when it is not the event's."""
    given = next((text for column in columns if (text := _cell(row, column))), "")
    role = role_key(given)
    if not role or role in roles:
        return role, ""
    return "", f"role '{given[:60]}' is not one of this event's roles: {', '.join(roles)}"


def _attendee_id(table: Table, row: Row, mapping: ColumnMapping) -> str:
    value = _cell(row, mapping.attendee_id)
    if not value or tidy_header(value) == "unassigned":
        return ""
    if table.platform.ids_are_stored_ids:
        return value[:ID_LIMIT]
    return f"{table.platform.key}:{value}"[:ID_LIMIT]


def _tags(row: Row, columns: tuple[int, ...], label: str, notes: list[ImportProblem]) -> list[str]:
    # Split before tidying: a new line inside a cell separates answers, tidying would join them.
    tags = normalise_tags(part for column in columns for part in split_tags(_raw(row, column)))
    shortened = [_shortened(tag, MAX_TAG_LENGTH) if len(tag) > MAX_TAG_LENGTH else tag for tag in tags]
    if shortened != tags:
        notes.append(ImportProblem(row.line, f"{label}: long answers shortened to {MAX_TAG_LENGTH} characters."))
    if len(shortened) > MAX_TAGS:
        notes.append(ImportProblem(row.line, f"{label}: only the first {MAX_TAGS} of {len(shortened)} items kept."))
    return normalise_tags(shortened[:MAX_TAGS])


def _shortened(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word where one is near, ending with "…"."""
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;") + "…"


def _raw(row: Row, column: int | None) -> str:
    return "" if column is None or column >= len(row.cells) else row.cells[column]


def _cell(row: Row, column: int | None) -> str:
    return clean_line(_raw(row, column))


def _tidy_cell(row: Row, column: int) -> str:
    return tidy_header(_cell(row, column))


def _joined(row: Row, columns: tuple[int, ...], separator: str) -> str:
    return separator.join(text for column in columns if (text := _cell(row, column)))
