"""Imported people taking part, through the real endpoints on a real SQLite file: checking them
in, their personal links (the mail-merge file), claiming, and joining a poster check-in."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from service.settings import Settings
from tests.factories import (
    SeededEvent,
    act,
    csrf_token,
    post_form,
    seed_event,
    store_plan,
    stored_attendees,
    stored_plans,
    wait_for_planning,
)
from tests.service.imports.flow import import_file

GUEST_LIST = (
    "name,email,affiliation,offers\n"
    "Jörg Müller,joerg@example.de,Solarwerk GmbH,solar\n"
    "李小龙,li@example.cn,深圳智造,robots\n"
    "=HYPERLINK(1),formula@example.org,,\n"
    "Ana Sin Correo,,,\n"
).encode()


@pytest.fixture
def seeded(settings: Settings, client: TestClient[Litestar]) -> SeededEvent:
    event = seed_event(settings, name="Jörg's Night: 李")
    response = import_file(client, event.organiser_path, GUEST_LIST)
    assert response.status_code == 303, response.text[:2000]
    return event


def by_name(settings: Settings, seeded: SeededEvent) -> dict[str, Any]:
    return {person.display_name: person for person in stored_attendees(settings, seeded.event_id)}


def read_csv(body: bytes) -> list[list[str]]:
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def personal_links(client: TestClient[Litestar], seeded: SeededEvent) -> dict[str, str]:
    response = client.get(seeded.organiser_path + "/invitations.csv")
    assert response.status_code == 200
    rows = read_csv(response.content)
    assert rows[0] == ["name", "email", "personal_link"]
    return {row[0]: row[2] for row in rows[1:]}


def check_in_on_poster(client: TestClient[Litestar], seeded: SeededEvent, **fields: str) -> Any:
    return post_form(client, seeded.checkin_path, {"display_name": "Door Person", **fields})


def test_imported_people_are_planned_only_once_checked_in(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    refused = act(client, seeded, "plan", {"seconds": "1"})
    assert refused.status_code == 400 and "there are 0 now" in refused.text
    assert "4 people from your list are expected but not checked in yet" in refused.text
    people = by_name(settings, seeded)
    one = post_form(client, f"{seeded.organiser_path}/attendees/{people['Jörg Müller'].id}/check-in", {})
    assert one.status_code == 303 and "notice=checked-in" in one.headers["location"]
    ticked = [str(people["李小龙"].id), str(people["Ana Sin Correo"].id)]
    many = client.post(
        seeded.organiser_path + "/check-in",
        data={"_csrf_token": csrf_token(client), "attendee": ticked},
        follow_redirects=False,
    )
    assert many.status_code == 303, many.text
    checked = {name for name, person in by_name(settings, seeded).items() if person.checked_in_at}
    assert checked == {"Jörg Müller", "李小龙", "Ana Sin Correo"}
    assert act(client, seeded, "plan", {"seconds": "1"}).status_code == 303
    state = wait_for_planning(client, seeded)
    assert state["planning"]["error"] is None
    plan = client.get(seeded.rounds_path).text
    assert "Jörg Müller" in plan and "HYPERLINK" not in plan  # the one not checked in gets no seat


def test_check_in_everyone_expected_and_bad_lists(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    nobody = post_form(client, seeded.organiser_path + "/check-in", {})
    assert "notice=nobody-ticked" in nobody.headers["location"]
    bad = post_form(client, seeded.organiser_path + "/check-in", {"attendee": "not-an-id"})
    assert bad.status_code == 400 and "not right" in bad.text
    assert not any(person.checked_in_at for person in by_name(settings, seeded).values())
    dashboard = client.get(seeded.organiser_path).text
    assert "Check in all 4 expected people" in dashboard and "mail-merge" in dashboard
    assert post_form(client, seeded.organiser_path + "/check-in", {"everyone": "1"}).status_code == 303
    assert all(person.checked_in_at for person in by_name(settings, seeded).values())
    assert "Check in all" not in client.get(seeded.organiser_path).text


def test_the_mail_merge_file_has_absolute_personal_links_and_defused_formulas(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    response = client.get(seeded.organiser_path + "/invitations.csv")
    assert response.headers["content-type"].startswith("text/csv")
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    assert "personal%20links.csv" in response.headers["content-disposition"]
    rows = read_csv(response.content)
    tokens = {person.display_name: person.token for person in by_name(settings, seeded).values()}
    assert rows[1:] == [
        ["'=HYPERLINK(1)", "formula@example.org", f"{settings.base_url}/a/{tokens['=HYPERLINK(1)']}"],
        ["Jörg Müller", "joerg@example.de", f"{settings.base_url}/a/{tokens['Jörg Müller']}"],
        ["李小龙", "li@example.cn", f"{settings.base_url}/a/{tokens['李小龙']}"],
    ]  # Ana has no email; nobody who already arrived is in it
    assert client.get("/o/wrong-token/invitations.csv").status_code == 404


def test_the_personal_link_is_claimed_on_first_visit_and_the_poster_checks_them_in(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    link = personal_links(client, seeded)["Jörg Müller"].removeprefix(settings.base_url)
    first = client.get(link)
    assert first.status_code == 200
    # The list gave Jörg an offer: asked to check it, not to fill in what is there.
    assert "Check what you can offer and what you're looking for" in first.text
    assert "Fill in what you can offer" not in first.text
    assert client.cookies.get(f"mingle_me_{seeded.checkin_code}") == link.removeprefix("/a/")
    assert by_name(settings, seeded)["Jörg Müller"].claimed_at is not None
    again = client.get(link).text
    assert "This phone remembers you now" not in again  # claimed once
    assert "Check what you can offer" not in again
    edit = post_form(client, link + "/edit", {"display_name": "Jörg Müller", "offers": "solar, batteries"})
    assert edit.status_code == 303
    assert "This phone remembers you now" in first.text
    poster = client.get(seeded.checkin_path, follow_redirects=False)
    assert poster.headers["location"] == link + "?arrive=1"
    assert "I'm here" in client.get(poster.headers["location"]).text
    assert by_name(settings, seeded)["Jörg Müller"].checked_in_at is None  # scanning alone changes nothing
    here = post_form(client, link + "/here", {})
    assert here.status_code == 303
    people = by_name(settings, seeded)
    assert len(people) == 4 and people["Jörg Müller"].checked_in_at is not None
    assert people["Jörg Müller"].offers == ["solar", "batteries"]
    assert client.get(seeded.checkin_path, follow_redirects=False).headers["location"] == link


def welcome_page(client: TestClient[Litestar], response: Any) -> str:
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    return page


def another_phone(client: TestClient[Litestar]) -> TestClient[Litestar]:
    """A phone that never visited: no attendee cookie (and a fresh CSRF cookie on the next form)."""
    client.cookies.clear()
    return client


def test_a_poster_check_in_with_a_listed_email_reveals_nothing_until_the_link_joins_it(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    links = personal_links(client, seeded)
    stranger = another_phone(client)
    unlisted = welcome_page(stranger, check_in_on_poster(stranger, seeded, contact="nobody@example.net"))
    phone = another_phone(client)
    listed = welcome_page(
        phone, check_in_on_poster(phone, seeded, display_name="Jörg", contact="joerg@example.de", offers="pv")
    )
    # The same welcome whether or not the email is on the list, and nothing from the list on it.
    for page in (listed, unlisted):
        assert "You are checked in" in page and "Registered in advance" in page
    assert "Solarwerk" not in listed and "Müller" not in listed
    assert len(by_name(settings, seeded)) == 6
    link = links["Jörg Müller"].removeprefix(settings.base_url)
    offer = phone.get(link)
    assert "You already checked in on this phone" in offer.text and "Yes, that's me" in offer.text
    joined = post_form(phone, link + "/join", {})
    assert joined.status_code == 303 and joined.headers["location"] == link + "?joined=1"
    people = by_name(settings, seeded)
    assert len(people) == 5 and "Jörg Müller" not in people  # one record; the name typed at the door won
    listed_person = next(p for p in people.values() if p.contact == "joerg@example.de")
    assert listed_person.display_name == "Jörg" and listed_person.offers == ["pv"]
    assert listed_person.affiliation == "Solarwerk GmbH" and listed_person.checked_in_at is not None
    assert listed_person.token == link.removeprefix("/a/")
    assert phone.cookies.get(f"mingle_me_{seeded.checkin_code}") == listed_person.token
    assert post_form(phone, link + "/join", {}).status_code == 400  # nothing left to join


def test_keeping_them_apart_claims_the_link_and_joining_moves_seats(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    links = {name: url.removeprefix(settings.base_url) for name, url in personal_links(client, seeded).items()}
    phone = another_phone(client)
    check_in_on_poster(phone, seeded, display_name="Partner")
    assert "Yes, that's me" in phone.get(links["李小龙"]).text
    assert by_name(settings, seeded)["李小龙"].claimed_at is None  # not before the phone answers
    assert post_form(phone, links["李小龙"] + "/claim", {}).status_code == 303
    assert phone.cookies.get(f"mingle_me_{seeded.checkin_code}") == links["李小龙"].removeprefix("/a/")
    assert len(by_name(settings, seeded)) == 5 and by_name(settings, seeded)["李小龙"].claimed_at

    phone = another_phone(client)
    check_in_on_poster(phone, seeded, display_name="Jörg at the door")
    people = by_name(settings, seeded)
    walk_up, listed = str(people["Jörg at the door"].id), str(people["Jörg Müller"].id)
    partner = str(people["Partner"].id)
    store_plan(settings, seeded.event_id, [[{"table": "1", "members": [walk_up, partner]}]], "published")
    assert post_form(phone, links["Jörg Müller"] + "/join", {}).status_code == 303
    ids = {str(p.id) for p in stored_attendees(settings, seeded.event_id)}
    assert walk_up not in ids and listed in ids
    response = client.get(seeded.organiser_path + "/rounds/schedule.csv")
    assert response.status_code == 200
    assert "schedule.csv" in response.headers["content-disposition"]
    # The seat moved to the listed record, which now carries the name typed at the door.
    assert read_csv(response.content) == [["round", "table", "people"], ["1", "1", "Jörg at the door; Partner"]]
    plan_members = stored_plans(settings, seeded.event_id)[0].rounds[0][0]["members"]
    assert plan_members == [listed, partner]


def test_the_schedule_needs_a_published_plan(client: TestClient[Litestar], seeded: SeededEvent) -> None:
    response = client.get(seeded.organiser_path + "/rounds/schedule.csv")
    assert response.status_code == 400 and "no schedule yet" in response.text


def test_the_organiser_can_make_a_door_check_in_and_a_listed_person_one(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    phone = another_phone(client)
    check_in_on_poster(phone, seeded, display_name="Li at the door", contact="LI@example.cn")
    organiser = another_phone(client)
    fragment = organiser.get(seeded.organiser_path + "/attendees").text
    assert "Maybe the same person as <strong><bdi>Li at the door</bdi></strong>" in fragment
    assert fragment.count("Maybe the same person") == 1
    people = by_name(settings, seeded)
    listed, door = people["李小龙"], people["Li at the door"]
    join = f"{seeded.organiser_path}/attendees/{listed.id}/join"
    assert post_form(organiser, join, {"walk_up": "not-an-id"}).status_code == 404
    jorg = people["Jörg Müller"]
    refused = post_form(organiser, f"{seeded.organiser_path}/attendees/{jorg.id}/join", {"walk_up": str(listed.id)})
    assert refused.status_code == 400 and "cannot be made one" in refused.text
    assert len(by_name(settings, seeded)) == 5
    done = post_form(organiser, join, {"walk_up": str(door.id)})
    assert done.status_code == 303 and "notice=joined" in done.headers["location"]
    after = {person.id: person for person in stored_attendees(settings, seeded.event_id)}
    assert door.id not in after and after[listed.id].display_name == "Li at the door"
    assert after[listed.id].checked_in_at is not None and after[listed.id].affiliation == "深圳智造"
    assert "Maybe the same person" not in organiser.get(seeded.organiser_path + "/attendees").text
