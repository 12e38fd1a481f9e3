"""Real exports through the real endpoints: upload, preview, confirm, against a real SQLite file."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from service.settings import Settings
from tests.factories import SeededEvent, post_form, seed_event
from tests.service.imports.flow import FIXTURES, confirm, import_file, preview_fields, upload, upload_fixture


@pytest.fixture
def seeded(settings: Settings) -> SeededEvent:
    return seed_event(settings, name="Jörg's Makers Night 李")


def people(settings: Settings) -> dict[str, dict[str, Any]]:
    with sqlite3.connect(settings.data_dir / "mingle.sqlite3") as db:
        db.row_factory = sqlite3.Row
        rows = db.execute(
            "select display_name, contact, affiliation, offers, seeks, interests, external_id, present,"
            " checked_in_at, share_contact from attendee"
        ).fetchall()
    found = {row["display_name"]: dict(row) for row in rows}
    assert len(found) == len(rows), "two people with one name"
    for person in found.values():
        for field in ("offers", "seeks", "interests"):
            person[field] = json.loads(person[field])
    return found


# Each platform's fixture: what the preview must say, and who must be stored.
EXPECTED = {
    "eventbrite.csv": (
        "Eventbrite attendee report",
        "3 new, 0 updated, 1 skipped (line 5: cancelled)",
        {"Jörg Müller": ("joerg.mueller@example.de", "Backend developer, Solarwerk GmbH", "eventbrite:1498765401")},
    ),
    "luma.csv": (
        "Luma guest export",
        "2 new, 0 updated, 2 skipped (line 4: declined, line 5: no name)",
        {"李小龙": ("xiaolong.li@example.cn", "深圳智造", "luma:gst-8fKq2LmN3pRs")},
    ),
    "meetup.csv": (
        "Meetup attendee list",
        "2 new, 0 updated, 1 skipped (line 4: answered no)",
        {"Łukasz Wójcik": ("", "", "meetup:user 234567890")},
    ),
    "tito.csv": (
        "Tito tickets",
        "2 new, 0 updated, 1 skipped (line 3: unassigned ticket)",
        {"François Dupré": ("francois@example.fr", "Café Noël SARL", "tito:QX7L-1")},
    ),
    "pretix_de.csv": (
        "pretix check-in list",
        "2 new, 0 updated, 0 skipped",
        {"Jürgen Weiß": ("juergen.weiss@example.de", "Bäckerei Weiß", "pretix:vq7mk3a9e8xc2fyzh4bt")},
    ),
    "zoom.csv": (
        "Zoom webinar report",
        "3 new, 0 updated, 1 skipped (line 17: same person as line 16)",
        {"Kenji Watanabe": ("kenji@example.jp", "CTO, Sakura Robotics", None)},
    ),
    "excel_semicolon_cp1252.csv": (
        "Spreadsheet",
        "3 new, 0 updated, 0 skipped",
        {"Jörg Bäcker": ("joerg.baecker@example.de", "Müller & Söhne", None)},
    ),
    "spreadsheet_tab.txt": (
        "Spreadsheet",
        "2 new, 0 updated, 0 skipped",
        {"Aoife Ní Bhriain": ("aoife@example.ie", "GaelTech", None)},
    ),
}


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_each_platform_export_imports_untouched_and_again_without_duplicates(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent, fixture: str
) -> None:
    label, summary, expected_people = EXPECTED[fixture]
    preview = upload_fixture(client, seeded.organiser_path, fixture)
    assert preview.status_code == 200, preview.text[:3000]
    assert label in preview.text and summary in preview.text
    assert people(settings) == {}, "the preview stores nothing"

    done = confirm(client, seeded.organiser_path, preview)
    assert done.status_code == 303
    new_count = int(summary.split(" new")[0])
    result = client.get(done.headers["location"])
    assert f"Imported: {new_count} new, 0 updated" in result.text
    stored = people(settings)
    assert len(stored) == new_count
    for name, (email, affiliation, external_id) in expected_people.items():
        person = stored[name]
        assert (person["contact"], person["affiliation"], person["external_id"]) == (email, affiliation, external_id)
        assert person["present"] == 1 and person["checked_in_at"] is None and person["share_contact"] == 0

    again = upload_fixture(client, seeded.organiser_path, fixture)
    assert f"0 new, {new_count} updated" in again.text
    confirm(client, seeded.organiser_path, again)
    assert people(settings) == stored, "a second import changes nothing and adds nobody"


def test_guessed_questions_feed_the_profile_lists(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    preview = upload_fixture(client, seeded.organiser_path, "eventbrite.csv")
    questions, others = preview.text.split('id="questions-heading"')[1].split("<summary>Other columns")
    assert "What can you help other attendees with?" in questions and "Ticket Type" not in questions
    assert '<label for="column-7">Ticket Type</label>' in others  # offered, never guessed
    confirm(client, seeded.organiser_path, preview)
    joerg = people(settings)["Jörg Müller"]
    assert joerg["offers"] == ["Python", "PostgreSQL"]
    assert joerg["seeks"] == ["a co-founder", "seed funding"]
    assert joerg["interests"] == ["climate tech"]


def test_the_organiser_chooses_other_columns_and_sees_the_preview_again(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    preview = upload_fixture(client, seeded.organiser_path, "tito.csv")
    fields = preview_fields(preview.text)
    learn, teach = 29, 30  # "What would you like to learn?", "What could you teach?"
    assert (fields[f"column_{learn}"], fields[f"column_{teach}"]) == ("seeks", "offers")
    changed = {**fields, f"column_{learn}": "interests", f"column_{teach}": "", "organisation": "", "step": "preview"}
    again = post_form(client, seeded.organiser_path + "/import/confirm", changed)
    assert again.status_code == 200 and people(settings) == {}
    assert preview_fields(again.text)[f"column_{learn}"] == "interests"
    assert confirm(client, seeded.organiser_path, again).status_code == 303
    francois = people(settings)["François Dupré"]
    assert (francois["interests"], francois["offers"], francois["affiliation"]) == (["Rust"], [], "")


def test_reimport_matches_by_email_whatever_its_case_and_keeps_what_people_typed(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    post_form(
        client,
        seeded.checkin_path,
        {
            "display_name": "Amara O.",
            "contact": "amara@example.ng",
            "affiliation": "Okafor Ventures",
            "pronouns": "she/her",
        },
    )
    preview = upload_fixture(client, seeded.organiser_path, "eventbrite.csv")
    assert "2 new, 1 updated, 1 skipped" in preview.text
    confirm(client, seeded.organiser_path, preview)
    amara = people(settings)["Amara Okafor"]
    assert amara["affiliation"] == "Okafor Ventures", "an empty cell in the file erases nothing"
    assert amara["offers"] == ["fundraising"] and amara["external_id"] == "eventbrite:1498765403"
    assert amara["checked_in_at"] is not None, "checking in is kept"
    assert len(people(settings)) == 3


def test_an_unterminated_quote_is_reported_at_its_line_and_nothing_is_stored(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    data = b'name,email\nAna,ana@example.com\n"Ben,ben@example.com\nCarl,carl@example.com\n'
    response = upload(client, seeded.organiser_path, data)
    assert response.status_code == 400
    assert "Nothing was imported." in response.text and "Line 3: A quote" in response.text
    assert people(settings) == {}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"\xef\xbb\xbf\r\n \r\n", "The file is empty."),
        (b"name,email\n\n", "The file has a header row but nobody in it."),
        (b"PK\x03\x04rest-of-a-workbook", "This is an Excel workbook"),
    ],
)
def test_an_empty_or_wrong_upload_says_so(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent, data: bytes, message: str
) -> None:
    response = upload(client, seeded.organiser_path, data)
    assert response.status_code == 400 and message in response.text
    assert people(settings) == {}


def test_no_file_at_all_says_the_file_is_empty(client: TestClient[Litestar], seeded: SeededEvent) -> None:
    response = post_form(client, seeded.organiser_path + "/import", {"file": "not a file"})
    assert response.status_code == 400 and "The file is empty." in response.text


def test_a_changed_or_foreign_preview_form_is_refused(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    preview = upload_fixture(client, seeded.organiser_path, "meetup.csv")
    fields = {**preview_fields(preview.text), "step": "import"}
    other = seed_event(settings, name="Other event")
    for target, sent in (
        (seeded.organiser_path, {**fields, "upload": fields["upload"][:-8] + "AAAAAAA="}),
        (seeded.organiser_path, {**fields, "issued_at": "1"}),
        (other.organiser_path, fields),
    ):
        response = post_form(client, target + "/import/confirm", sent)
        assert response.status_code == 400 and "Upload the file again." in response.text
    assert people(settings) == {}


def test_a_bad_row_stops_the_whole_import_at_confirm_time(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    data = b"name,email,notes\nAna,ana@example.com,ana@example.com\nBen,ben@example.com,not-an-email\n"
    preview = upload(client, seeded.organiser_path, data)
    response = confirm(client, seeded.organiser_path, preview, email="2")  # the organiser picks the wrong column
    assert response.status_code == 400 and "Line 3: email:" in response.text
    assert people(settings) == {}


def test_a_file_whose_name_column_is_not_recognised_asks_for_it(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    data = "Wer,Kontakt\nMaría José,mj@example.es\n".encode()
    preview = upload(client, seeded.organiser_path, data)
    assert preview.status_code == 400 and "Choose which column holds the names." in preview.text
    assert import_file(client, seeded.organiser_path, b"Name,Kontakt\nMaria,mj@example.es\n").status_code == 303


def test_the_export_opens_in_spreadsheets_and_is_named_after_the_event(
    client: TestClient[Litestar], seeded: SeededEvent
) -> None:
    confirm(client, seeded.organiser_path, upload_fixture(client, seeded.organiser_path, "luma.csv"))
    post_form(client, seeded.checkin_path, {"display_name": '=HYPERLINK("evil")'})
    response = client.get(seeded.organiser_path + "/export.csv")
    assert response.headers.get_list("content-type") == ["text/csv; charset=utf-8"]
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="Jorgs Makers Night - attendees.csv"')
    assert "filename*=UTF-8''J%C3%B6rg%27s%20Makers%20Night%20%E6%9D%8E%20%E2%80%93%20attendees.csv" in disposition
    assert response.content.startswith(b"\xef\xbb\xbfname,email,")
    text = response.content.decode("utf-8-sig")
    assert "李小龙,xiaolong.li@example.cn" in text and "Siân Evans" in text
    assert '"\'=HYPERLINK(""evil"")"' in text


def test_mingles_own_export_imports_again_without_duplicates(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    confirm(client, seeded.organiser_path, upload_fixture(client, seeded.organiser_path, "meetup.csv"))
    before = people(settings)
    exported = client.get(seeded.organiser_path + "/export.csv").content
    assert "meetup:user 234567890" in exported.decode("utf-8-sig")
    preview = upload(client, seeded.organiser_path, exported)
    assert "Mingle export" in preview.text
    assert "0 new, 2 updated, 0 skipped" in preview.text, "people without an email are matched by their ticket"
    confirm(client, seeded.organiser_path, preview)
    assert people(settings) == before


def test_fixtures_are_what_the_tools_write() -> None:
    assert (FIXTURES / "luma.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    cp1252 = (FIXTURES / "excel_semicolon_cp1252.csv").read_bytes()
    assert "Jörg".encode("cp1252") in cp1252 and b";" in cp1252
    with pytest.raises(UnicodeDecodeError):
        cp1252.decode("utf-8")
    assert b"\t" in (FIXTURES / "spreadsheet_tab.txt").read_bytes()
    assert b"UNASSIGNED" in (FIXTURES / "tito.csv").read_bytes()
    assert (FIXTURES / "zoom.csv").read_bytes().startswith(b"Attendee Report")
