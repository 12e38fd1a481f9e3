import csv
import io

from service.attendees.csv_io import MAX_IMPORT_BYTES, decode_upload, export_csv, parse_import
from service.db.models import Attendee


def test_rows_become_profiles_and_unknown_columns_are_ignored() -> None:
    text = (
        "Name,Email,Affiliation,Interests,Offers,Seeks,Ticket type\n"
        'Ana Silva,ana@example.com,SunCrate,"solar, hardware",supply chains;manufacturing,seed fundraising,VIP\n'
        "Ben,,,,,,\n"
    )
    profiles, problems = parse_import(text)
    assert problems == []
    assert [p.display_name for p in profiles] == ["Ana Silva", "Ben"]
    assert profiles[0].interests == ["solar", "hardware"]
    assert profiles[0].offers == ["supply chains", "manufacturing"]
    assert profiles[0].contact == "ana@example.com"
    assert profiles[0].share_contact is False  # nobody consented through a spreadsheet


def test_bad_rows_are_reported_by_line_and_nothing_is_returned() -> None:
    text = "name,email\nAna,ana@example.com\n   ,x@example.com\nCarl,not-an-email\n"
    profiles, problems = parse_import(text)
    assert profiles == []
    assert [p.line for p in problems] == [3, 4]
    assert problems[0].message.startswith("name: ")
    assert "not an email address" in problems[1].message


def test_line_numbers_count_quoted_multi_line_cells() -> None:
    text = 'name,interests\n"Ana","solar,\nhardware"\n,x\n'
    _, problems = parse_import(text)
    assert [p.line for p in problems] == [4]


def test_blank_lines_are_skipped() -> None:
    profiles, problems = parse_import("name\n\nAna\n,\n")
    assert problems == [] and [p.display_name for p in profiles] == ["Ana"]


def test_a_file_without_a_name_column_is_refused() -> None:
    _, problems = parse_import("email\nana@example.com\n")
    assert problems[0].line == 1 and "“name” column" in problems[0].message


def test_a_header_with_nobody_is_refused() -> None:
    _, problems = parse_import("name,email\n")
    assert problems[0].message == "The file has a header row but nobody in it."


def test_uploads_are_decoded_with_a_clear_message_when_they_cannot_be() -> None:
    assert decode_upload("\ufeffname\nZoë\n".encode()) == ("name\nZoë\n", None)
    assert decode_upload("name\nZoë\n".encode("cp1252"))[0] == "name\nZoë\n"
    assert decode_upload(b"  ")[1] is not None
    assert decode_upload(b"x" * (MAX_IMPORT_BYTES + 1))[1] is not None


def test_export_reads_back_through_import_and_defuses_formulas() -> None:
    people = [
        Attendee(
            display_name="Ana",
            contact="ana@example.com",
            affiliation='=HYPERLINK("x")',
            interests=["solar", "hardware"],
            offers=[],
            seeks=["funding"],
            pronouns="",
            share_contact=True,
            present=True,
            checked_in_at=None,
        ),
        Attendee(
            display_name="Ben",
            contact="https://example.com/ben",
            affiliation="",
            interests=[],
            offers=[],
            seeks=[],
            pronouns="he/him",
            share_contact=False,
            present=False,
            checked_in_at=None,
        ),
    ]
    text = export_csv(people)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["affiliation"] == '\'=HYPERLINK("x")'
    assert rows[1]["email"] == "" and rows[1]["link"] == "https://example.com/ben"
    profiles, problems = parse_import(text)
    assert problems == []
    assert profiles[0].interests == ["solar", "hardware"] and profiles[0].seeks == ["funding"]
