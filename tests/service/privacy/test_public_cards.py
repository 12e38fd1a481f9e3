"""Badges open a public card; only the wearer's own phone is sent on to their page; the organiser
can replace a secret link; nothing printed or projected carries a secret token."""

from __future__ import annotations

import re

from litestar import Litestar
from litestar.testing import TestClient

from service.app import create_app
from service.printing.layouts import LAYOUTS
from service.settings import Settings
from tests.factories import act, plan_and_wait, post_form, seed_rounds_event, stored_attendees

Client = TestClient[Litestar]
PROFILE = {
    "display_name": "Ana Silva",
    "pronouns": "she/her",
    "affiliation": "SunCrate",
    "interests": "solar hardware",
    "offers": "supply chains",
    "seeks": "seed fundraising",
    "contact": "ana@example.com",
    "share_contact": "yes",
}


def another_phone(settings: Settings) -> Client:
    """A second phone on the same server (its own cookies): an app of its own on the same database."""
    return TestClient(app=create_app(settings), base_url="http://testserver.local")


def check_in(client: Client, checkin_code: str) -> tuple[str, str]:
    """Check in on this client (the phone) as Ana; returns her (token, public code)."""
    response = post_form(client, f"/c/{checkin_code}", PROFILE)
    assert response.status_code == 303
    token = re.fullmatch(r"/a/([\w-]+)\?welcome=1", response.headers["location"]).group(1)  # type: ignore[union-attr]
    code = re.search(r'href="/p/(\w+)"', client.get(f"/a/{token}").text).group(1)  # type: ignore[union-attr]
    return token, code


def test_the_public_card_shows_only_what_the_badge_says(client: Client, settings: Settings) -> None:
    seeded = seed_rounds_event(settings)
    _, code = check_in(client, seeded.checkin_code)
    with another_phone(settings) as stranger:
        card = stranger.get(f"/p/{code}")
    assert card.status_code == 200
    assert card.headers["cache-control"] == "no-store"
    for shown in ("Ana", "she/her", "SunCrate", "supply chains", "seed fundraising"):
        assert shown in card.text
    [ana] = [a for a in stored_attendees(settings, seeded.event_id) if a.display_name == "Ana Silva"]
    for hidden in ("Silva", "ana@example.com", "solar hardware", ana.token, "/a/", "<form", "edit"):
        assert hidden not in card.text, hidden
    assert 'id="keep-in-touch"' not in card.text  # the slot stays empty until that flow exists
    assert client.get("/p/nosuchcode234567").status_code == 404
    assert client.get(f"/p/{ana.token}").status_code == 404


def test_only_the_wearers_own_phone_is_sent_on_to_their_page(client: Client, settings: Settings) -> None:
    seeded = seed_rounds_event(settings)
    token, code = check_in(client, seeded.checkin_code)
    own = client.get(f"/p/{code}", follow_redirects=False)
    assert (own.status_code, own.headers["location"]) == (303, f"/a/{token}")
    assert own.headers["cache-control"] == "no-store" and "cookie" in own.headers["vary"].lower()

    with another_phone(settings) as someone_else:
        check_in(someone_else, seeded.checkin_code)  # a phone that checked in as another attendee
        theirs = someone_else.get(f"/p/{code}", follow_redirects=False)
        assert theirs.status_code == 200 and token not in theirs.text
        someone_else.cookies.set(f"mingle_me_{seeded.checkin_code}", "forged-token-value", domain="testserver.local")
        assert someone_else.get(f"/p/{code}", follow_redirects=False).status_code == 200


def test_a_new_secret_link_stops_the_old_one_and_the_phones_cookie(client: Client, settings: Settings) -> None:
    seeded = seed_rounds_event(settings)
    old_token, code = check_in(client, seeded.checkin_code)
    [ana] = [a for a in stored_attendees(settings, seeded.event_id) if a.display_name == "Ana Silva"]
    organiser = f"/o/{seeded.organiser_token}/attendees/{ana.id}"
    assert "Issue a new link" in client.get(organiser).text
    assert client.post(organiser + "/new-link").status_code == 403  # no form token: nothing changes
    assert client.get(f"/a/{old_token}").status_code == 200

    issued = post_form(client, organiser + "/new-link", {})
    assert (issued.status_code, issued.headers["location"]) == (303, organiser + "/link?new=1")
    link_page = client.get(issued.headers["location"])
    assert link_page.headers["cache-control"] == "no-store"
    new_token = re.search(r"/a/([\w-]{32})", link_page.text).group(1)  # type: ignore[union-attr]
    assert new_token != old_token and "New link issued" in link_page.text
    for path in ("", "/edit", "/rounds", "/delete"):
        assert client.get(f"/a/{old_token}{path}").status_code == 404
    assert client.get(f"/a/{new_token}").status_code == 200
    # The phone still holds the old token in its cookie: it opens nothing private any more.
    assert client.get(f"/p/{code}", follow_redirects=False).status_code == 200
    assert client.get(f"/c/{seeded.checkin_code}", follow_redirects=False).status_code == 200
    other = f"/o/{seeded.organiser_token}/attendees/00000000-0000-4000-8000-000000000000"
    assert post_form(client, other + "/new-link", {}).status_code == 404
    assert post_form(client, f"/o/not-the-organiser/attendees/{ana.id}/new-link", {}).status_code == 404


def printed_and_public_pages(client: Client, organiser: str, screen: str) -> dict[str, str]:
    pages = {}
    for layout in LAYOUTS:
        for options in ("", "&rounds=true&outline=true", "&which=unprinted"):
            pages[f"badges {layout}{options}"] = client.get(f"{organiser}/badges?layout={layout}{options}").text
    for paper in ("a4", "letter"):
        pages[f"table cards {paper}"] = client.get(f"{organiser}/table-cards?paper={paper}").text
        pages[f"poster {paper}"] = client.get(f"{organiser}/poster?paper={paper}").text
    pages["projector"] = client.get(screen).text
    pages["projector board"] = client.get(screen + "/board").text
    return pages


def test_no_printed_or_projected_page_carries_a_secret_token(client: Client, settings: Settings) -> None:
    seeded = seed_rounds_event(settings)
    plan_and_wait(client, seeded, seconds=1)
    assert act(client, seeded, "publish").status_code == 303
    assert act(client, seeded, "clock/start").status_code == 303
    people = stored_attendees(settings, seeded.event_id)
    organiser = f"/o/{seeded.organiser_token}"
    pages = printed_and_public_pages(client, organiser, f"/s/{seeded.screen_code}")
    badges = pages["badges a6&rounds=true&outline=true"]
    assert badges.count('aria-label="Badge: ') == len(people) and "Round</th>" in badges
    assert all(a.public_code for a in people)
    for name, html in pages.items():
        for person in people:
            assert person.token not in html, (name, person.display_name)
        assert "/a/" not in html, name
    # Picking one person's badge, and marking badges printed, go by id.
    one = client.get(f"{organiser}/badges", params={"which": "one", "attendee": str(people[0].id)}).text
    assert one.count('aria-label="Badge: ') == 1
    assert all(person.token not in one for person in people)
