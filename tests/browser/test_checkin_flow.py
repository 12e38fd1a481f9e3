"""The whole arrival, as people do it: create an event, print the poster, scan it, check in, and the
organiser's dashboard shows the newcomer without a reload."""

from __future__ import annotations

import io
import re

import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.factories import PHONE_VIEWPORT, make_settings, seed_event
from tests.live_server import LiveServer


def decode_qr(png: bytes) -> str:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(results) == 1, f"expected one QR code on the poster, found {len(results)}"
    return str(results[0].text)


UNLABELLED_FIELDS = """() => Array.from(document.querySelectorAll("input, select, textarea"))
  .filter((field) => field.type !== "hidden" && !field.disabled)
  .filter((field) => !(field.labels && field.labels.length) && !field.getAttribute("aria-label"))
  .map((field) => field.outerHTML)"""


def assert_every_field_is_labelled(page: Page) -> None:
    assert page.evaluate(UNLABELLED_FIELDS) == []


def create_event(page: Page, server: LiveServer) -> None:
    page.goto(server.url + "/")
    assert_every_field_is_labelled(page)
    page.get_by_label("Event name").fill("Climate Founders Night")
    page.get_by_label("Venue").fill("The Boiler House")
    page.get_by_label("Small tables").check()
    page.get_by_label("Smallest table").fill("3")
    page.get_by_label("Largest table").fill("4")
    page.get_by_role("button", name="Create event").click()
    expect(page).to_have_url(re.compile(r"/o/[A-Za-z0-9_-]{32}\?notice=created$"))
    expect(page.get_by_role("heading", name="Bookmark this link: it is your key")).to_be_visible()


def test_scan_the_poster_check_in_and_appear_on_the_dashboard(
    live_server: LiveServer, page: Page, context: BrowserContext, phone: Page
) -> None:
    create_event(page, live_server)
    expect(page.locator("#attendee-list")).to_contain_text("Nobody has checked in yet")
    page.evaluate("window.stillTheSamePage = true")

    poster = context.new_page()
    poster.goto(live_server.url + (page.get_by_role("link", name="Check-in poster").get_attribute("href") or ""))
    expect(poster.get_by_role("heading", name="Climate Founders Night")).to_be_visible()
    checkin_url = decode_qr(poster.screenshot())
    assert re.fullmatch(re.escape(live_server.url) + r"/c/[a-z0-9]{8}", checkin_url), checkin_url
    expect(poster.get_by_text(checkin_url.split("://", 1)[1])).to_be_visible()

    phone.goto(checkin_url)
    assert phone.viewport_size == {"width": 390, "height": 844}
    assert_every_field_is_labelled(phone)  # after the tag inputs were enhanced
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    phone.get_by_label("Your name").fill("Ana Silva")
    phone.get_by_label("Pronouns").fill("she/her")
    interests = phone.get_by_role("combobox", name=re.compile(r"^Interests"))
    interests.fill("solar")
    interests.press("Enter")
    interests.fill("climate tech")
    interests.press("Enter")
    expect(phone.locator(".tag-input .tags li")).to_have_count(2)
    phone.get_by_role("combobox", name=re.compile(r"^I.m looking for")).fill("seed fundraising")
    phone.get_by_label("Email or link").fill("ana@example.com")
    phone.get_by_label("Share my contact with people I meet").check()
    phone.get_by_role("button", name="Check in").click()

    expect(phone).to_have_url(re.compile(r"/a/[A-Za-z0-9_-]{32}\?welcome=1$"))
    expect(phone.get_by_role("heading", name="Hi Ana Silva")).to_be_visible()
    expect(phone.locator("#rounds")).to_be_visible()
    expect(phone.locator(".profile")).to_contain_text("climate tech")
    expect(phone.locator(".profile")).to_contain_text("seed fundraising")

    # Scanning again on the same phone opens the same page instead of a new check-in.
    personal_page = phone.url.split("?")[0]
    phone.goto(checkin_url)
    expect(phone).to_have_url(personal_page)

    attendees = page.locator("#attendee-list")
    expect(attendees).to_contain_text("Ana Silva", timeout=10_000)
    expect(attendees).to_contain_text("1 person")
    expect(attendees.locator("time")).to_have_count(1)
    assert_every_field_is_labelled(page)
    assert page.evaluate("window.stillTheSamePage") is True


def test_check_in_works_without_javascript(live_server: LiveServer, browser: Browser) -> None:
    seeded = seed_event(make_settings(live_server.data_dir), people=1, name="No Script Night")
    context = browser.new_context(viewport=PHONE_VIEWPORT, java_script_enabled=False)
    try:
        phone = context.new_page()
        phone.goto(live_server.url + seeded.checkin_path)
        phone.get_by_role("button", name="Check in").click()
        expect(phone.get_by_text("Please enter your name")).to_be_visible()
        phone.get_by_label("Your name").fill("Noah Script")
        phone.get_by_label("Interests").fill("cycling, Cycling ,  open   source")
        phone.get_by_role("button", name="Check in").click()
        expect(phone.get_by_role("heading", name="Hi Noah Script")).to_be_visible()
        chips = phone.locator(".profile .tags li")
        expect(chips).to_have_text(["cycling", "open source"])
    finally:
        context.close()
