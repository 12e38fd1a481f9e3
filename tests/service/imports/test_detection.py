import pytest

from service.imports.detection import detect_table
from service.imports.reading import ImportRefused, decode_upload
from tests.service.imports.flow import FIXTURES


@pytest.mark.parametrize(
    ("fixture", "platform", "delimiter", "header_line", "people_lines"),
    [
        ("eventbrite.csv", "eventbrite", ",", 1, [2, 3, 4, 5]),
        ("luma.csv", "luma", ",", 1, [2, 3, 4, 5]),
        ("meetup.csv", "meetup", ",", 1, [2, 3, 4]),
        ("tito.csv", "tito", ",", 1, [2, 3, 4]),
        ("pretix_de.csv", "pretix", ",", 1, [2, 3]),
        ("zoom.csv", "zoom", ",", 15, [16, 17, 18, 19]),
        ("excel_semicolon_cp1252.csv", "sheet", ";", 1, [2, 3, 4]),
        ("spreadsheet_tab.txt", "sheet", "\t", 1, [2, 3]),
    ],
)
def test_each_export_is_recognised_with_its_header_row(
    fixture: str, platform: str, delimiter: str, header_line: int, people_lines: list[int]
) -> None:
    table = detect_table(decode_upload((FIXTURES / fixture).read_bytes()))
    assert (table.platform.key, table.delimiter, table.header_line) == (platform, delimiter, header_line)
    assert [row.line for row in table.rows] == people_lines


def test_pretix_headers_are_recognised_in_english_too() -> None:
    text = "Order code,Attendee name,Product,Price,Checked in,Secret,E-mail,Company\nAB12C,Ana,Ticket,10.00,,s3cr3t,ana@example.com,X\n"
    assert detect_table(text).platform.key == "pretix"


def test_a_zoom_registration_report_has_its_header_after_the_preamble() -> None:
    text = (
        'Registration Report\nReport Generated:,"Dec 2, 2026"\nTopic,Webinar ID\nMixer,812\n\n'
        'First Name,Last Name,Email,Registration Time,Approval Status\nAna,Silva,ana@example.com,"Dec 1, 2026",approved\n'
    )
    table = detect_table(text)
    assert (table.platform.key, table.header_line, [row.line for row in table.rows]) == ("zoom", 6, [7])


def test_the_same_header_with_semicolons_is_the_same_platform() -> None:
    text = (FIXTURES / "meetup.csv").read_text().replace(",", ";")
    table = detect_table(text)
    assert (table.platform.key, table.delimiter) == ("meetup", ";")


def test_a_plain_spreadsheet_starts_at_its_first_filled_row() -> None:
    table = detect_table("\n\n;;\nname;email\nAna;a@example.com\n")
    assert (table.platform.key, table.header_line, table.header) == ("sheet", 4, ["name", "email"])


def test_a_header_without_people_is_refused() -> None:
    with pytest.raises(ImportRefused) as refused:
        detect_table("name,email\n,\n\n")
    assert refused.value.problems[0].message == "The file has a header row but nobody in it."
