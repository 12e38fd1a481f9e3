"""Imported people taking part, in a browser: the organiser imports a list and downloads the
mail-merge file; a guest checks in on the poster, then opens their personal link on the same
phone and says "Yes, that's me"; the dashboard shows one person, checked in; the organiser
checks in another guest with one click."""

from __future__ import annotations

import csv
import io
import re

from playwright.sync_api import Page, expect

from tests.factories import make_settings, seed_event
from tests.live_server import LiveServer

GUEST_LIST = "name,email,affiliation\nMaja Novak,maja@example.si,Sunny Labs\nTomás Ruiz,tomas@example.es,\n"


def import_guest_list(page: Page, server: LiveServer, organiser_path: str) -> None:
    page.goto(server.url + organiser_path + "/import")
    page.get_by_label("CSV file").set_input_files(
        files=[{"name": "guests.csv", "mimeType": "text/csv", "buffer": GUEST_LIST.encode()}]
    )
    page.get_by_role("button", name="Preview the import").click()
    page.get_by_role("button", name="Import 2 people").click()
    page.goto(server.url + organiser_path)
    expect(page.locator("#attendee-list")).to_contain_text("Maja Novak")


def mail_merge_links(page: Page) -> dict[str, str]:
    page.get_by_text("Before the event: send everyone on your list their personal link").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the mail-merge file").click()
    path = download_info.value.path()
    rows = list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))
    return {row["name"]: row["personal_link"] for row in rows}


def test_a_guest_checks_in_at_the_door_then_joins_their_registration(
    live_server: LiveServer, page: Page, phone: Page
) -> None:
    seeded = seed_event(make_settings(live_server.data_dir), name="Claim Night")
    import_guest_list(page, live_server, seeded.organiser_path)
    links = mail_merge_links(page)
    assert set(links) == {"Maja Novak", "Tomás Ruiz"}
    assert all(re.fullmatch(re.escape(live_server.url) + r"/a/[A-Za-z0-9_-]{32}", url) for url in links.values())

    # At the door, without opening the mail first: the poster says nothing about the list.
    phone.goto(live_server.url + seeded.checkin_path)
    phone.get_by_label("Your name").fill("Maja")
    phone.get_by_label("Email or link").fill("maja@example.si")
    phone.get_by_role("button", name="Check in").click()
    expect(phone.get_by_role("heading", name="Hi Maja")).to_be_visible()
    expect(phone.get_by_text("Registered in advance")).to_be_visible()
    expect(phone.locator("body")).not_to_contain_text("Sunny Labs")

    # Then the personal link from the mail, on the same phone: the offer to make them one.
    phone.goto(links["Maja Novak"])
    expect(phone.get_by_role("heading", name="You already checked in on this phone")).to_be_visible()
    phone.get_by_role("button", name="Yes, that's me").click()
    expect(phone.get_by_role("status")).to_contain_text("are one now")
    expect(phone.get_by_role("heading", name="Hi Maja")).to_be_visible()
    expect(phone.locator(".profile")).to_contain_text("Sunny Labs")  # their registration, now theirs
    phone.goto(live_server.url + seeded.checkin_path)
    expect(phone).to_have_url(links["Maja Novak"])

    attendees = page.locator("#attendee-list")
    expect(attendees).to_contain_text("2 people", timeout=10_000)
    expect(attendees.locator(".attendee", has_text="Maja")).to_contain_text("Checked in")
    page.get_by_role("button", name="Check in Tomás Ruiz").click()
    expect(attendees.locator(".attendee", has_text="Tomás Ruiz")).to_contain_text("Checked in")
    expect(page.get_by_role("button", name=re.compile("^Check in all"))).to_have_count(0)
