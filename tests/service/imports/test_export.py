import csv
import io

from service.db.models import Attendee
from service.imports.export import attachment_disposition, export_csv


def person(**fields: object) -> Attendee:
    base: dict[str, object] = {
        "display_name": "Ana",
        "contact": "",
        "affiliation": "",
        "interests": [],
        "offers": [],
        "seeks": [],
        "pronouns": "",
        "share_contact": False,
        "present": True,
        "checked_in_at": None,
    }
    return Attendee(**{**base, **fields})


def test_the_export_starts_with_a_byte_order_mark_and_defuses_formulas() -> None:
    data = export_csv(
        [
            person(
                display_name="Jörg", contact="joerg@example.de", affiliation='=HYPERLINK("x")', interests=["a", "b"]
            ),
            person(
                display_name="李小龙",
                contact="https://example.com/li",
                pronouns="+1",
                external_id="luma:gst-1",
                role="mentor",
            ),
        ]
    )
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0]["name"] == "Jörg" and rows[0]["affiliation"] == '\'=HYPERLINK("x")'
    assert (rows[0]["role"], rows[1]["role"]) == ("", "mentor")
    assert rows[0]["interests"] == "a; b" and (rows[0]["ticket_id"], rows[1]["ticket_id"]) == ("", "luma:gst-1")
    assert (rows[1]["name"], rows[1]["email"], rows[1]["link"], rows[1]["pronouns"]) == (
        "李小龙",
        "",
        "https://example.com/li",
        "'+1",
    )


def test_the_file_is_named_after_the_event_in_ascii_and_in_full() -> None:
    assert attachment_disposition("Makers Night") == (
        "attachment; filename=\"Makers Night - attendees.csv\"; filename*=UTF-8''Makers%20Night%20%E2%80%93%20attendees.csv"
    )
    tricky = attachment_disposition('李小龙 "Meetup"\r\n/../x')
    assert tricky.startswith("attachment; filename=\"Meetup .. x - attendees.csv\"; filename*=UTF-8''")
    assert "\r" not in tricky and "\n" not in tricky and '"Meetup"' not in tricky
    assert attachment_disposition("") == "attachment; filename=\"attendees.csv\"; filename*=UTF-8''attendees.csv"
