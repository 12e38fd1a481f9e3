"""Which columns feed which part of a profile: guessed from the platform, then the organiser's choice.

Columns are referred to by position, since exports may repeat a header. In forms a choice is
a short string: ``"3+4|2"`` means "columns 3 and 4 joined, or column 2 when both are empty".

The attendee's role (one of the event's roles, ``service/preferences``) is guessed only when the
event has roles: from a column named like "Role" with at least one answer that is a role of the
event (a plain spreadsheet's "Role" is the job title otherwise), else from a question whose
answers all are roles of the event.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from service.forms import clean_line
from service.imports.detection import Table
from service.imports.platforms import SPREADSHEET, tidy_header
from service.preferences.forms import role_key

TAG_FIELDS = ("offers", "seeks", "interests")
TAG_LABELS = {"offers": "Can help with", "seeks": "Looking for", "interests": "Interests"}
ROLE = "role"  # the preview's choice for a column that feeds the attendee's role
ROLE_LABEL = "Role"
# Headers (tidied) of a column holding the role, and words of a question asking for it.
ROLE_HEADERS = (
    *("role", "your role", "attendee role", "participant role", "ticket role", "role at the event"),
    *("rolle", "deine rolle", "ihre rolle", "rôle", "votre rôle", "ton rôle", "rol", "tu rol", "su rol"),
)
ROLE_QUESTION_WORDS = ("your role", "which role", "what role", "welche rolle", "quel rôle", "qué rol", "cuál es tu rol")
# Words in a custom question that say which list its answers belong to. "Looking for"
# comes first: "What are you looking for help with?" is a need, not an offer.
QUESTION_WORDS = {
    "seeks": (
        *("looking for", "look for", "seek", "need", "hoping to", "hope to", "want to meet", "like to meet"),
        *("want to learn", "like to learn", "suche", "suchst", "brauche", "möchte lernen"),
    ),
    "offers": (*("help", "offer", "expertise", "skill", "teach", "mentor", "biete", "helfen"),),
    "interests": ("interest", "topic", "passion", "hobb", "interessen", "themen", "curious about"),
}
# A plain spreadsheet (and Mingle's own export) names its tag columns directly.
TAG_HEADERS = {
    "offers": ("offers", "can help with", "i can help with", "biete", "bietet", "kann helfen bei"),
    "seeks": ("seeks", "looking for", "i'm looking for", "i am looking for", "suche", "sucht"),
    "interests": ("interests", "tags", "topics", "interessen", "themen"),
}
Columns = tuple[int, ...]


class ColumnMapping(msgspec.Struct, frozen=True, kw_only=True):
    name: tuple[Columns, ...] = ()  # alternatives, the first that gives any text wins
    email: int | None = None
    organisation: Columns = ()  # joined with ", " (job title, company)
    attendee_id: int | None = None
    offers: Columns = ()
    seeks: Columns = ()
    interests: Columns = ()
    role: Columns = ()  # the first of these columns with a value gives the role

    def tag_columns(self, field: str) -> Columns:
        columns: Columns = getattr(self, field)
        return columns

    def used_by_profile(self) -> set[int]:
        """Columns that feed the name, email, organisation or id (so are not offered as tags)."""
        used = {column for alternative in self.name for column in alternative}
        used.update(column for column in (self.email, self.attendee_id) if column is not None)
        used.update(self.organisation)
        return used


def guess_mapping(table: Table, roles: Sequence[str] = ()) -> ColumnMapping:
    """The platform's columns, and guesses for the question columns (the role only when ``roles``)."""
    platform = table.platform
    first, last = table.column(platform.first_name), table.column(platform.last_name)
    full = table.column(platform.full_name)
    parts: Columns = tuple(column for column in (first, last) if column is not None)
    alternatives = [parts, (full,) if full is not None else ()]
    if not platform.prefer_name_parts:
        alternatives.reverse()
    job_title, company = table.column(platform.job_title), table.column(platform.company)
    if job_title is not None and _holds_roles(table, job_title, roles):
        job_title = None  # this spreadsheet's "Role" is the event's role, not a job title
    mapping = ColumnMapping(
        name=tuple(alternative for alternative in alternatives if alternative),
        email=table.column(platform.email),
        organisation=tuple(column for column in (job_title, company) if column is not None),
        attendee_id=table.column(platform.attendee_id),
    )
    questions = question_columns(table, mapping)
    role = guess_role_column(table, questions, roles) if roles else None
    guessed: dict[str, list[int]] = {field: [] for field in TAG_FIELDS}
    for column in questions:
        field = guess_tag_field(table.header[column], table.platform is SPREADSHEET)
        if field and column != role:
            guessed[field].append(column)
    tags = {field: tuple(columns) for field, columns in guessed.items()}
    return msgspec.structs.replace(mapping, role=(role,) if role is not None else (), **tags)


def guess_role_column(table: Table, questions: list[int], roles: Sequence[str]) -> int | None:
    """The first question column named like a role with an answer that is one of the event's
    roles, else the first whose answers all are."""
    named = [column for column in questions if _holds_roles(table, column, roles)]
    if named:
        return named[0]
    known = set(roles)
    for column in questions:
        answers = _role_answers(table, column)
        if answers and answers <= known:
            return column
    return None


def _holds_roles(table: Table, column: int, roles: Sequence[str]) -> bool:
    """Named like a role, and some answer is one: a "Role" of job titles ("CTO") stays a job title."""
    header = tidy_header(table.header[column])
    named = header in ROLE_HEADERS or any(words in header for words in ROLE_QUESTION_WORDS)
    return named and not _role_answers(table, column).isdisjoint(roles)


def _role_answers(table: Table, column: int) -> set[str]:
    return {role_key(clean_line(row.cells[column])) for row in table.rows if column < len(row.cells)} - {""}


def spare_columns(table: Table, mapping: ColumnMapping) -> list[int]:
    """Columns not feeding the name, email, organisation or id: each may become a tag list."""
    used = mapping.used_by_profile()
    return [column for column in range(len(table.header)) if column not in used]


def question_columns(table: Table, mapping: ColumnMapping) -> list[int]:
    """Spare columns that may be answers to the organiser's own questions, in file order."""
    standard = set(table.platform.standard)
    return [
        column
        for column in spare_columns(table, mapping)
        if table.header[column].strip() and tidy_header(table.header[column]) not in standard
    ]


def guess_tag_field(header: str, plain_spreadsheet: bool) -> str | None:
    tidied = tidy_header(header)
    for field, headers in TAG_HEADERS.items():
        if tidied in headers:
            return field
    if plain_spreadsheet and len(tidied) < 12:  # "Notes", "Phone": short headers are rarely questions
        return None
    for field, words in QUESTION_WORDS.items():
        if any(word in tidied for word in words):
            return field
    return None


def encode_columns(alternatives: tuple[Columns, ...]) -> str:
    return "|".join("+".join(str(column) for column in alternative) for alternative in alternatives)


def decode_columns(text: str, width: int) -> tuple[Columns, ...]:
    """The alternatives in a form value; anything malformed or out of range reads as none."""
    alternatives: list[Columns] = []
    for part in text.split("|")[:3]:
        columns = tuple(int(piece) for piece in part.split("+")[:4] if piece.isdigit() and int(piece) < width)
        if columns:
            alternatives.append(columns)
    return tuple(alternatives)


def mapping_from_form(form: dict[str, str], table: Table, guess: ColumnMapping) -> ColumnMapping:
    """The organiser's choices; the id column is never chosen by hand, so it stays the platform's."""
    width = len(table.header)
    email = decode_columns(form.get("email", ""), width)
    organisation = decode_columns(form.get("organisation", ""), width)
    tags: dict[str, list[int]] = {field: [] for field in (*TAG_FIELDS, ROLE)}
    for column in range(width):
        field = form.get(f"column_{column}", "")
        if field in tags:
            tags[field].append(column)
    return ColumnMapping(
        name=decode_columns(form.get("name", ""), width),
        email=email[0][0] if email else None,
        organisation=organisation[0] if organisation else (),
        attendee_id=guess.attendee_id,
        **{field: tuple(columns) for field, columns in tags.items()},
    )
