import re
import sqlite3
from http.cookies import SimpleCookie

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from litestar import Litestar
from litestar.testing import TestClient

from service.settings import Settings
from tests.factories import SeededEvent, post_form, seed_event
from tests.service.imports.flow import import_file

XSS = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
PROFILE = {
    "display_name": "Ana Silva",
    "pronouns": "she/her",
    "affiliation": "SunCrate",
    "interests": "solar, hardware",
    "offers": "supply chains",
    "seeks": "seed fundraising",
    "contact": "ana@example.com",
    "share_contact": "yes",
}


def attendee_rows(settings: Settings) -> list[tuple]:
    with sqlite3.connect(settings.data_dir / "mingle.sqlite3") as db:
        return db.execute(
            "select display_name, interests, present, checked_in_at is not null, share_contact, contact, affiliation"
            " from attendee order by created_at"
        ).fetchall()


def attendee_ids(settings: Settings) -> list[str]:
    with sqlite3.connect(settings.data_dir / "mingle.sqlite3") as db:
        return [row[0] for row in db.execute("select lower(hex(id)) from attendee order by created_at")]


def as_uuid(hex_id: str) -> str:
    return f"{hex_id[:8]}-{hex_id[8:12]}-{hex_id[12:16]}-{hex_id[16:20]}-{hex_id[20:]}"


@pytest.fixture
def seeded(settings: Settings) -> SeededEvent:
    return seed_event(settings, people=1, name="Makers Night")


def check_in(client: TestClient[Litestar], seeded: SeededEvent, **fields: str):  # type: ignore[no-untyped-def]
    return post_form(client, seeded.checkin_path, {**PROFILE, **fields})


# --- check-in ---------------------------------------------------------------------------


def test_the_check_in_form_labels_every_field(client: TestClient[Litestar], seeded: SeededEvent) -> None:
    page = client.get(seeded.checkin_path)
    assert page.status_code == 200
    for field in (
        "display_name",
        "pronouns",
        "affiliation",
        "interests",
        "offers",
        "seeks",
        "contact",
        "share_contact",
    ):
        assert f'for="f-{field}"' in page.text
    assert "Share my contact with people I meet" in page.text
    assert '<option value="climate tech">' in page.text or "<datalist" in page.text


def test_the_check_in_form_suggests_tags_others_used(client: TestClient[Litestar], seeded: SeededEvent) -> None:
    page = client.get(seeded.checkin_path).text
    datalist = page.split('<datalist id="tag-suggestions">', 1)[1].split("</datalist>", 1)[0]
    assert '<option value="climate tech">' in datalist  # from the seeded person's interests


def test_the_check_in_form_nudges_towards_an_offer_and_a_seek_with_popular_tags(
    client: TestClient[Litestar], seeded: SeededEvent
) -> None:
    page = client.get(seeded.checkin_path).text
    nudge = page.split("data-profile-nudge", 1)[1].split("</div>\n</div>", 1)[0]
    assert "add at least one thing you can help with and one thing you are looking for" in nudge
    assert "You can still check in without them." in nudge
    assert 'data-add-tag="climate tech" data-field="offers"' in nudge
    assert '<script src="/static/checkin_nudge.js" defer></script>' in page


def test_a_wrong_check_in_code_is_404(client: TestClient[Litestar], seeded: SeededEvent) -> None:
    assert client.get("/c/nosuchcode").status_code == 404
    assert post_form(client, "/c/nosuchcode", PROFILE).status_code == 404


def test_checking_in_leads_to_a_personal_page_remembered_in_a_cookie(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    response = check_in(client, seeded)
    assert response.status_code == 303
    location = response.headers["location"]
    token = re.fullmatch(r"/a/([A-Za-z0-9_-]{32})\?welcome=1", location).group(1)  # type: ignore[union-attr]
    cookie = SimpleCookie(response.headers["set-cookie"])[f"mingle_me_{seeded.checkin_code}"]
    assert cookie.value == token
    assert cookie["httponly"] and cookie["samesite"].lower() == "lax"
    assert cookie["path"] == "/"  # the check-in address and the badge's public card both read it
    assert attendee_rows(settings)[-1] == ("Ana Silva", '["solar", "hardware"]', 1, 1, 1, "ana@example.com", "SunCrate")
    page = client.get(location)
    assert page.status_code == 200
    assert "You are checked in" in page.text
    assert "Your rounds will appear here" in page.text or 'id="rounds"' in page.text
    assert (
        "seed fundraising" in page.text
        and "Shared with the people you meet who also want to keep in touch." in page.text
    )


def test_scanning_again_on_the_same_phone_opens_the_same_page(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    location = check_in(client, seeded).headers["location"].split("?")[0]
    again = client.get(seeded.checkin_path, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == location
    assert len(attendee_rows(settings)) == 2
    someone_else = client.get(seeded.checkin_path + "?new=1")
    assert someone_else.status_code == 200 and "someone new on this phone" in someone_else.text


def test_a_cookie_from_another_event_does_not_redirect(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    other = seed_event(settings, people=1, name="Other")
    client.cookies.set(f"mingle_me_{seeded.checkin_code}", other.attendee_tokens[0], path=seeded.checkin_path)
    assert client.get(seeded.checkin_path, follow_redirects=False).status_code == 200


def test_a_bad_check_in_keeps_what_was_typed_and_stores_nothing(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    huge = "Ω" * 10_240
    response = check_in(
        client,
        seeded,
        display_name="   ",
        affiliation=huge,
        contact="javascript:alert(1)",
        seeks=", ".join(f"thing {i}" for i in range(12)),
    )
    assert response.status_code == 400
    assert "Please enter your name" in response.text
    assert "this has 10,240" in response.text
    assert "Enter an email address or a web link" in response.text
    assert "List at most 10 items (you entered 12)." in response.text
    assert f'value="{huge}"' in response.text and 'value="javascript:alert(1)"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert len(attendee_rows(settings)) == 1
    assert "set-cookie" not in response.headers or "mingle_me_" not in response.headers["set-cookie"]


def test_check_in_without_csrf_token_is_refused(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    client.get(seeded.checkin_path)
    assert client.post(seeded.checkin_path, data=PROFILE, follow_redirects=False).status_code == 403
    assert len(attendee_rows(settings)) == 1


def test_emoji_rtl_and_html_are_stored_as_typed_and_shown_escaped(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    response = check_in(
        client, seeded, display_name=XSS[:80], affiliation="شركة ناشئة 🚀", interests="🌱 growth, " + XSS[:39]
    )
    assert response.status_code == 303
    stored = attendee_rows(settings)[-1]
    assert stored[0] == XSS[:80] and stored[6] == "شركة ناشئة 🚀"
    pages = [
        client.get(response.headers["location"]).text,
        client.get(seeded.organiser_path).text,
        client.get(seeded.organiser_path + "/attendees").text,
        client.get(seeded.checkin_path + "?new=1").text,
    ]
    for page in pages:
        assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0]
    assert "شركة ناشئة 🚀" in pages[0]


# --- the attendee's own page -----------------------------------------------------------


def test_a_wrong_attendee_token_is_404(client: TestClient[Litestar], seeded: SeededEvent) -> None:
    for path in ("/a/wrong-token", "/a/wrong-token/edit", "/a/" + seeded.attendee_tokens[0][:-1]):
        assert client.get(path).status_code == 404
    assert post_form(client, "/a/wrong-token/edit", PROFILE).status_code == 404


def test_contact_is_linked_only_when_safe_and_its_sharing_is_explained(
    client: TestClient[Litestar], seeded: SeededEvent
) -> None:
    location = check_in(client, seeded, contact="example.com/ana", share_contact="").headers["location"]
    page = client.get(location).text
    assert 'href="https://example.com/ana"' in page
    assert "Not shared: only you and the organiser see it." in page


def test_attendees_edit_their_own_profile(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    token = seeded.attendee_tokens[0]
    form = client.get(f"/a/{token}/edit")
    assert form.status_code == 200 and 'value="Person 000"' in form.text
    response = post_form(
        client, f"/a/{token}/edit", {**PROFILE, "display_name": "Renamed", "interests": "Chess, chess"}
    )
    assert response.status_code == 303 and response.headers["location"] == f"/a/{token}?saved=1"
    assert attendee_rows(settings)[0][:2] == ("Renamed", '["Chess"]')
    assert "Your profile is saved." in client.get(response.headers["location"]).text


def test_the_edit_page_nudges_only_while_something_to_help_with_or_to_look_for_is_missing(
    client: TestClient[Litestar], seeded: SeededEvent
) -> None:
    full = client.get(f"{check_in(client, seeded).headers['location'].split('?')[0]}/edit").text
    assert "data-profile-nudge" not in full
    token = check_in(client, seeded, seeks="", someone_else="1").headers["location"].split("?")[0]
    page = client.get(f"{token}/edit").text
    nudge = page.split("data-profile-nudge", 1)[1].split("</div>\n</div>", 1)[0]
    assert "You can still save without them." in nudge
    assert 'data-add-tag="climate tech" data-field="seeks"' in nudge
    assert '<script src="/static/checkin_nudge.js" defer></script>' in page


def test_a_bad_edit_changes_nothing(client: TestClient[Litestar], settings: Settings, seeded: SeededEvent) -> None:
    token = seeded.attendee_tokens[0]
    response = post_form(client, f"/a/{token}/edit", {**PROFILE, "display_name": ""})
    assert response.status_code == 400 and "Please enter your name" in response.text
    assert attendee_rows(settings)[0][0] == "Person 000"


# --- the organiser's attendee tools ----------------------------------------------------


def test_the_organiser_adds_a_walk_up_by_hand(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    assert client.get(seeded.organiser_path + "/attendees/new").status_code == 200
    response = post_form(client, seeded.organiser_path + "/attendees/new", {"display_name": "Walk Up"})
    assert response.status_code == 303 and response.headers["location"] == seeded.organiser_path + "?notice=added"
    assert attendee_rows(settings)[-1][:4] == ("Walk Up", "[]", 1, 1)
    listing = client.get(seeded.organiser_path + "/attendees").text
    assert listing.index("Walk Up") < listing.index("Person 000")  # newest first
    assert "<strong>2</strong> people" in listing


def test_the_organiser_edits_marks_and_removes_an_attendee(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    attendee = as_uuid(attendee_ids(settings)[0])
    base = f"{seeded.organiser_path}/attendees/{attendee}"
    assert 'value="Person 000"' in client.get(base).text
    assert post_form(client, base, {**PROFILE, "display_name": "Edited"}).status_code == 303
    assert attendee_rows(settings)[0][0] == "Edited"
    assert post_form(client, base, {"display_name": ""}).status_code == 400
    assert attendee_rows(settings)[0][0] == "Edited"
    assert post_form(client, base + "/presence", {}).status_code == 303
    assert attendee_rows(settings)[0][2] == 0
    assert "Mark present" in client.get(seeded.organiser_path + "/attendees").text
    assert post_form(client, base + "/presence", {"present": "1"}).status_code == 303
    assert attendee_rows(settings)[0][2] == 1
    assert post_form(client, base + "/remove", {}).status_code == 303
    assert attendee_rows(settings) == []


def test_attendees_of_another_event_or_bad_ids_are_404(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    other = seed_event(settings, people=1, name="Other")
    theirs = as_uuid(attendee_ids(settings)[-1])
    for attendee in (theirs, "not-a-uuid", "00000000-0000-0000-0000-000000000000"):
        assert client.get(f"{seeded.organiser_path}/attendees/{attendee}").status_code == 404
        assert post_form(client, f"{seeded.organiser_path}/attendees/{attendee}/remove", {}).status_code == 404
    assert post_form(client, f"/o/{other.organiser_token}x/attendees/{theirs}/remove", {}).status_code == 404
    assert len(attendee_rows(settings)) == 2


def test_a_csv_import_adds_everyone(client: TestClient[Litestar], settings: Settings, seeded: SeededEvent) -> None:
    assert client.get(seeded.organiser_path + "/import").status_code == 200
    csv_text = "name,email,affiliation,interests,offers,seeks,shoe size\nZoë,zoe@example.com,Pocketvet,pets;apps,marketing,iOS,42\nBo,,,,,,\n"
    response = import_file(client, seeded.organiser_path, csv_text.encode())
    assert response.status_code == 303
    rows = attendee_rows(settings)
    assert len(rows) == 3
    assert ("Zoë", '["pets", "apps"]', 1, 0, 0, "zoe@example.com", "Pocketvet") in rows


def test_a_csv_with_bad_rows_imports_nothing_and_names_the_lines(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    # A row without a name is skipped (and said so in the preview); a bad email stops it all.
    csv_text = "name,email\nGood,good@example.com\n,nobody@example.com\nBad,bad-email\n"
    response = post_form(
        client, seeded.organiser_path + "/import", {}, files={"file": ("p.csv", csv_text.encode(), "text/csv")}
    )
    assert response.status_code == 400
    assert "Nothing was imported." in response.text
    assert "Line 3" not in response.text and "Line 4: email:" in response.text
    assert len(attendee_rows(settings)) == 1


def test_an_import_without_a_file_is_explained(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    response = post_form(client, seeded.organiser_path + "/import", {"file": "not a file"})
    assert response.status_code == 400 and "The file is empty." in response.text
    response = post_form(
        client,
        seeded.organiser_path + "/import",
        {},
        files={"file": ("x.bin", b"\xff\xfe\x00\x81" * 10, "application/octet-stream")},
    )
    assert response.status_code == 400
    assert len(attendee_rows(settings)) == 1


def test_the_export_is_a_csv_of_everyone(client: TestClient[Litestar], seeded: SeededEvent) -> None:
    check_in(client, seeded, display_name="=cmd|' /C calc'!A0")
    response = client.get(seeded.organiser_path + "/export.csv")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("name,email,affiliation,interests,offers,seeks")
    assert any(line.startswith("Person 000,") for line in lines)
    assert any(line.startswith(("\"'=cmd", "'=cmd")) for line in lines)


def test_sending_the_form_again_from_the_same_phone_adds_nobody(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    first = check_in(client, seeded).headers["location"].split("?")[0]
    again = check_in(client, seeded, display_name="Ana again")
    assert again.status_code == 303 and again.headers["location"] == first
    assert len(attendee_rows(settings)) == 2
    assert 'href="/c/' + seeded.checkin_code + '?new=1"' in client.get(first).text
    friend = post_form(client, seeded.checkin_path, {"display_name": "Friend", "someone_else": "1"})
    assert friend.status_code == 303 and friend.headers["location"] != first
    assert [row[0] for row in attendee_rows(settings)][-1] == "Friend"


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.dictionaries(
        st.sampled_from(
            ["display_name", "pronouns", "affiliation", "interests", "offers", "seeks", "contact", "share_contact"]
        ),
        st.text(max_size=300),
    )
)
def test_any_check_in_form_is_either_accepted_or_explained(
    client: TestClient[Litestar], seeded: SeededEvent, fields: dict[str, str]
) -> None:
    response = post_form(client, seeded.checkin_path, {**fields, "someone_else": "1"})
    assert response.status_code in (303, 400), response.text[:300]
    if response.status_code == 400 and "\x00" in "".join(fields.values()):
        assert "contains a NUL character" in response.text  # refused before the form is read
    elif response.status_code == 400:
        assert 'class="field-error"' in response.text


def test_a_csv_with_nul_bytes_or_broken_quotes_is_explained(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    for data in (b"name\nAna\x00Silva\n", b'name,email\n"Ana,unterminated\n', b"\x00\x00\x00"):
        response = post_form(client, seeded.organiser_path + "/import", {}, files={"file": ("x.csv", data, "text/csv")})
        assert response.status_code in (303, 400)
    assert all("\x00" not in row[0] for row in attendee_rows(settings))


def test_a_form_without_its_csrf_cookie_says_what_to_do(client: TestClient[Litestar], seeded: SeededEvent) -> None:
    response = client.post(seeded.checkin_path, data={"display_name": "Ana", "_csrf_token": "stale"})
    assert response.status_code == 403
    assert "Go back, reload the page and send it again." in response.text
