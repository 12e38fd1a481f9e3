"""Attendee lists as CSV: import a registration list, export everyone.

Import is all or nothing: every row is checked first, and any bad row is reported by its
line number (as a spreadsheet shows it) with nothing stored.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

import msgspec

from service.attendees.contact import is_email
from service.attendees.forms import parse_profile
from service.attendees.schemas import ProfileInput
from service.db.models import Attendee

MAX_IMPORT_BYTES = 1_000_000
MAX_IMPORT_ROWS = 2_000
IMPORT_COLUMNS = ("name", "email", "affiliation", "interests", "offers", "seeks")
# What each CSV column fills in on the profile form.
COLUMN_TO_FIELD = {
    "name": "display_name",
    "email": "contact",
    "affiliation": "affiliation",
    "interests": "interests",
    "offers": "offers",
    "seeks": "seeks",
}
FIELD_LABELS = {
    "display_name": "name",
    "contact": "email",
    "affiliation": "affiliation",
    "interests": "interests",
    "offers": "offers",
    "seeks": "seeks",
}
EXPORT_COLUMNS = (
    "name",
    "email",
    "affiliation",
    "interests",
    "offers",
    "seeks",
    "pronouns",
    "link",
    "share_contact",
    "present",
    "checked_in_at",
)
# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ImportProblem(msgspec.Struct, frozen=True):
    line: int | None  # None: about the whole file
    message: str


def decode_upload(data: bytes) -> tuple[str | None, ImportProblem | None]:
    if not data.strip():
        return None, ImportProblem(
            None, "The file is empty. Choose a CSV file with a header row and one row per person."
        )
    if len(data) > MAX_IMPORT_BYTES:
        megabytes = MAX_IMPORT_BYTES // 1_000_000
        return None, ImportProblem(None, f"The file is larger than {megabytes} MB. Split it into smaller files.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), None
        except UnicodeDecodeError:
            continue
    return None, ImportProblem(None, "The file could not be read as text. Save it as “CSV UTF-8” and try again.")


def parse_import(text: str) -> tuple[list[ProfileInput], list[ImportProblem]]:
    """Every row as a profile, or the problems (with line numbers) when any row is bad."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return [], [ImportProblem(1, "The header row is missing.")]
    columns = [cell.strip().lstrip("\ufeff").casefold() for cell in header]
    if "name" not in columns:
        optional = ", ".join(IMPORT_COLUMNS[1:])
        return [], [ImportProblem(1, f"The header row needs a “name” column (and may have: {optional}).")]
    profiles: list[ProfileInput] = []
    problems: list[ImportProblem] = []
    try:
        for cells in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(profiles) + len(problems) >= MAX_IMPORT_ROWS:
                too_many = f"The file has more than {MAX_IMPORT_ROWS:,} people. Split it into smaller files."
                return [], [ImportProblem(None, too_many)]
            profile, problem = _row_profile(columns, cells, line)
            if problem:
                problems.append(problem)
            elif profile:
                profiles.append(profile)
    except csv.Error as error:
        problems.append(ImportProblem(reader.line_num, f"This line could not be read as CSV ({error})."))
    if not profiles and not problems:
        problems.append(ImportProblem(None, "The file has a header row but nobody in it."))
    return ([], problems) if problems else (profiles, [])


def _row_profile(columns: list[str], cells: list[str], line: int) -> tuple[ProfileInput | None, ImportProblem | None]:
    values = {"share_contact": ""}
    for column, cell in zip(columns, cells, strict=False):
        field = COLUMN_TO_FIELD.get(column)
        if field:
            values[field] = cell
    email = values.get("contact", "").strip()
    if email and not is_email(email):
        return None, ImportProblem(line, f"email: “{email[:60]}” is not an email address.")
    profile, errors = parse_profile(values)
    if errors:
        field, message = next(iter(errors.items()))
        return None, ImportProblem(line, f"{FIELD_LABELS.get(field, field)}: {message}")
    return profile, None


def _safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def export_csv(attendees: Iterable[Attendee]) -> str:
    """Everyone as CSV that opens cleanly in spreadsheets and can be imported again."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    for person in attendees:
        email = person.contact if is_email(person.contact) else ""
        link = person.contact if person.contact and not email else ""
        row = [
            person.display_name,
            email,
            person.affiliation,
            "; ".join(person.interests),
            "; ".join(person.offers),
            "; ".join(person.seeks),
            person.pronouns,
            link,
            "yes" if person.share_contact else "no",
            "yes" if person.present else "no",
            person.checked_in_at.isoformat(timespec="seconds") if person.checked_in_at else "",
        ]
        writer.writerow([_safe_cell(str(cell)) for cell in row])
    return out.getvalue()
