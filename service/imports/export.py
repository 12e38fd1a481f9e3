"""Everyone as CSV for spreadsheets: UTF-8 with a byte-order mark, formulas defused, named after the event."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote

from service.attendees.contact import is_email
from service.db.models import Attendee

EXPORT_COLUMNS = (
    "name",
    "email",
    "affiliation",
    "interests",
    "offers",
    "seeks",
    "role",  # one of the event's roles (service/preferences), "" for none
    "pronouns",
    "link",
    "share_contact",
    "present",
    "checked_in_at",
    "ticket_id",  # the ticketing platform's id, so that importing this file again matches everyone
)
# Litestar adds "; charset=utf-8" to text types itself; naming it here too would send it twice.
CSV_MEDIA_TYPE = "text/csv"
# Excel reads a CSV as the computer's code page unless it starts with this mark.
BYTE_ORDER_MARK = "\ufeff"
# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_UNSAFE_IN_FILENAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def safe_cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def export_csv(attendees: Iterable[Attendee]) -> bytes:
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
            person.role or "",
            person.pronouns,
            link,
            "yes" if person.share_contact else "no",
            "yes" if person.present else "no",
            person.checked_in_at.isoformat(timespec="seconds") if person.checked_in_at else "",
            person.external_id or "",
        ]
        writer.writerow([safe_cell(str(cell)) for cell in row])
    return (BYTE_ORDER_MARK + out.getvalue()).encode("utf-8")


def attachment_disposition(event_name: str, suffix: str = "attendees") -> str:
    """``attachment`` named after the event: an ASCII ``filename`` plus RFC 5987 ``filename*`` for the rest."""
    name = _UNSAFE_IN_FILENAMES.sub(" ", unicodedata.normalize("NFC", event_name)).strip(" .")[:80].strip()
    full = f"{name} – {suffix}.csv" if name else f"{suffix}.csv"
    ascii_name = unicodedata.normalize("NFKD", full.replace("–", "-")).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"[^A-Za-z0-9._ -]+", "", ascii_name).strip() or f"{suffix}.csv"
    ascii_name = re.sub(r" {2,}", " ", ascii_name)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(full, safe='')}"


def spreadsheet_csv(header: Iterable[str], rows: Iterable[Iterable[object]]) -> bytes:
    """Any table as CSV the way ``export_csv`` writes it: byte-order mark first, formulas defused."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(str(cell)) for cell in row])
    return (BYTE_ORDER_MARK + out.getvalue()).encode("utf-8")


def csv_response_headers(event_name: str, suffix: str) -> dict[str, str]:
    return {"content-disposition": attachment_disposition(event_name, suffix), "cache-control": "no-store"}
