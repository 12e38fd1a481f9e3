"""Spreadsheet and address-book files of what a person (or the organiser) may take away."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from litestar import Response

from service.followup.people import CONNECTED, PersonMet
from service.followup.report import MeetingRow

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MET_ANSWER_WORDS = {"yes": "met", "no_show": "did not show", None: ""}
USEFULNESS_WORDS = {1: "not really", 2: "somewhat", 3: "very", None: ""}
KEEP_WORDS = {CONNECTED: "both want to keep in touch", "asked": "you asked", "open": ""}


def safe_cell(value: object) -> str:
    """A cell a spreadsheet shows as text: a leading formula character is defused with a quote."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return out.getvalue()


def people_met_csv(people: Iterable[PersonMet]) -> str:
    """One row per meeting (or per connection made without a seat); the contact only if mutual."""
    header = [
        "name", "organisation", "round", "table", "did_you_meet", "useful", "your_note",
        "your_thanks", "their_thanks", "keep_in_touch", "contact",
    ]  # fmt: skip
    rows = []
    for person in people:
        first: list[object] = [person.name, person.affiliation]
        last = [KEEP_WORDS[person.keep], person.contact if person.keep == CONNECTED else ""]
        if not person.meetings:
            rows.append([*first, "", "", "", "", "", "", "", *last])
        for m in person.meetings:
            answers = [MET_ANSWER_WORDS[m.met], USEFULNESS_WORDS[m.usefulness], m.note, m.thanks, m.thanks_received]
            rows.append([*first, m.round_number, m.table, *answers, *last])
    return csv_text(header, rows)


def download(body: str, media_type: str, filename: str) -> Response[str]:
    return Response(
        body,
        media_type=media_type,
        headers={"content-disposition": f'attachment; filename="{filename}"', "cache-control": "no-store"},
    )


def meetings_csv(rows: Iterable[MeetingRow]) -> str:
    """The organiser's meetings with their outcomes; contacts only of pairs who both want to."""
    header = [
        "round", "table", "person_a", "person_b", "outcome", "a_said", "b_said", "a_useful", "b_useful",
        "notes_written", "thanks_sent", "keep_in_touch", "contact_a", "contact_b",
    ]  # fmt: skip
    return csv_text(header, (meeting_cells(row) for row in rows))


def meeting_cells(row: MeetingRow) -> list[object]:
    contacts = row.contacts or ("", "")
    return [
        row.round_number, row.table, *row.names, row.outcome,
        MET_ANSWER_WORDS[row.met[0]], MET_ANSWER_WORDS[row.met[1]],
        USEFULNESS_WORDS[row.usefulness[0]], USEFULNESS_WORDS[row.usefulness[1]],
        row.notes_written, row.thanks_sent, "both" if row.contacts is not None else "", *contacts,
    ]  # fmt: skip
