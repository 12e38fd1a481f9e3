"""Attendee roles in and out of CSV files, through the real endpoints and a real SQLite file:
a role column is matched to the event's roles (case and spaces ignored), a value that is not one
of them is named with its line and that person comes in without a role, and the export imports
back with the same roles."""

from __future__ import annotations

import csv
import html
import io
import sqlite3

from litestar import Litestar
from litestar.testing import TestClient

from service.settings import Settings
from tests.factories import SeededEvent, post_form, seed_event, stored_attendees
from tests.service.imports.flow import confirm, import_file, preview_fields, upload

FOUNDERS_AND_INVESTORS = {"roles": "Founder, Investor", "role_rules": ""}


def event_with_roles(settings: Settings, client: TestClient[Litestar], name: str = "Pitch Night") -> SeededEvent:
    seeded = seed_event(settings, name=name)
    saved = post_form(client, seeded.organiser_path + "/rules", FOUNDERS_AND_INVESTORS)
    assert saved.status_code == 303, saved.text[:2000]
    return seeded


def roles(settings: Settings, event_id: object) -> dict[str, str]:
    people = stored_attendees(settings, event_id)
    assert people, "nobody stored for this event"
    return {person.display_name: person.role for person in people}


def shown(response_text: str) -> str:
    return html.unescape(response_text)


SHEET = (
    "name,email,Role\n"
    "Ana Souza,ana@example.com,Founder\n"
    "Ben Okafor,ben@example.com,  INVESTOR \n"
    "Chloé Martin,chloe@example.com,\n"
    "Dev Patel,dev@example.com,Investr\n"
)


def test_a_role_column_is_matched_ignoring_case_and_spaces_and_a_typo_is_named_by_its_line(
    client: TestClient[Litestar], settings: Settings
) -> None:
    seeded = event_with_roles(settings, client)
    preview = upload(client, seeded.organiser_path, SHEET.encode())
    assert preview.status_code == 200, preview.text[:2000]
    problem = "line 5: role 'Investr' is not one of this event's roles: founder, investor"
    assert f"4 new, 0 updated, 0 skipped; 1 role left out ({problem})" in shown(preview.text)
    assert f"Line 5: {problem[8:]}" in shown(preview.text.split('id="import-roles-left-out"')[1])
    assert preview_fields(preview.text)["column_2"] == "role", "the Role column is guessed as the role"

    done = confirm(client, seeded.organiser_path, preview)
    assert done.status_code == 303, "a typo in one cell does not stop the import"
    assert roles(settings, seeded.event_id) == {
        "Ana Souza": "founder",
        "Ben Okafor": "investor",
        "Chloé Martin": "",
        "Dev Patel": "",
    }


def test_without_roles_on_the_event_a_role_column_stays_the_job_title(
    client: TestClient[Litestar], settings: Settings
) -> None:
    seeded = seed_event(settings, name="No roles")
    preview = upload(client, seeded.organiser_path, b"name,Role,Company\nAna,CTO,Solarwerk\n")
    assert 'value="role"' not in preview.text and "import-roles-left-out" not in preview.text
    confirm(client, seeded.organiser_path, preview)
    with sqlite3.connect(settings.data_dir / "mingle.sqlite3") as db:
        assert db.execute("select affiliation, role from attendee").fetchall() == [("CTO, Solarwerk", "")]


def test_the_organiser_chooses_which_question_feeds_the_role(client: TestClient[Litestar], settings: Settings) -> None:
    seeded = event_with_roles(settings, client)
    luma = (
        "api_id,name,email,approval_status,ticket_name,What brings you here?\n"
        "gst-1,Maja Novak,maja@example.si,approved,Investor,meeting founders\n"
        "gst-2,Tomás Ruiz,tomas@example.es,approved,founder,funding\n"
    )
    preview = upload(client, seeded.organiser_path, luma.encode())
    fields = preview_fields(preview.text)
    ticket_name = 4
    assert "Luma guest export" in preview.text and fields[f"column_{ticket_name}"] == ""  # a standard column
    assert '<option value="role">Role</option>' in preview.text
    confirm(client, seeded.organiser_path, preview, **{f"column_{ticket_name}": "role"})
    assert roles(settings, seeded.event_id) == {"Maja Novak": "investor", "Tomás Ruiz": "founder"}


def test_a_question_answered_only_with_the_events_roles_is_guessed_as_the_role(
    client: TestClient[Litestar], settings: Settings
) -> None:
    seeded = event_with_roles(settings, client)
    tito = (
        "Ticket Reference,Ticket Full Name,Ticket Email,Are you joining as a founder or an investor?\n"
        "QX-1,François Dupré,francois@example.fr,Founder\n"
        "QX-2,Aoife Ní Bhriain,aoife@example.ie,investor\n"
    )
    preview = upload(client, seeded.organiser_path, tito.encode())
    assert "Tito tickets" in preview.text and preview_fields(preview.text)["column_3"] == "role"
    confirm(client, seeded.organiser_path, preview)
    assert roles(settings, seeded.event_id) == {"François Dupré": "founder", "Aoife Ní Bhriain": "investor"}


def test_the_export_has_each_role_and_importing_it_again_gives_the_same_roles(
    client: TestClient[Litestar], settings: Settings
) -> None:
    seeded = event_with_roles(settings, client)
    assert import_file(client, seeded.organiser_path, SHEET.encode()).status_code == 303
    post_form(
        client,
        seeded.checkin_path,
        {"display_name": "Eve at the door", "contact": "eve@example.com", "role": "Investor"},
    )
    before = roles(settings, seeded.event_id)
    assert before["Eve at the door"] == "investor"

    exported = client.get(seeded.organiser_path + "/export.csv").content
    rows = {row["name"]: row["role"] for row in csv.DictReader(io.StringIO(exported.decode("utf-8-sig")))}
    assert rows == before

    # Someone's role changed by hand since: importing the export puts back the exported one.
    with sqlite3.connect(settings.data_dir / "mingle.sqlite3") as db:
        db.execute("update attendee set role = 'investor' where display_name = 'Ana Souza'")
    preview = upload(client, seeded.organiser_path, exported)
    assert "Mingle export" in preview.text and "0 new, 5 updated, 0 skipped" in preview.text
    assert "import-roles-left-out" not in preview.text
    confirm(client, seeded.organiser_path, preview)
    assert roles(settings, seeded.event_id) == before

    # And into another event with the same roles: everyone arrives with their role.
    other = event_with_roles(settings, client, name="Pitch Night, again")
    assert import_file(client, other.organiser_path, exported).status_code == 303
    assert roles(settings, other.event_id) == before


def test_an_empty_or_unknown_role_cell_keeps_the_role_someone_chose(
    client: TestClient[Litestar], settings: Settings
) -> None:
    seeded = event_with_roles(settings, client)
    post_form(client, seeded.checkin_path, {"display_name": "Ana", "contact": "ana@example.com", "role": "founder"})
    empty = import_file(client, seeded.organiser_path, b"name,email,role\nAna Souza,ana@example.com,\n")
    assert empty.status_code == 303
    assert roles(settings, seeded.event_id) == {"Ana Souza": "founder"}
    typo = b"name,email,role\nAna S.,ana@example.com,Investr\nBen,ben@example.com,investor\n"
    preview = upload(client, seeded.organiser_path, typo)
    assert "1 new, 1 updated, 0 skipped; 1 role left out (line 2: role 'Investr'" in shown(preview.text)
    confirm(client, seeded.organiser_path, preview)
    assert roles(settings, seeded.event_id) == {"Ana S.": "founder", "Ben": "investor"}
