"""Scanning a printed badge: a stranger's phone opens the wearer's public card; the wearer's own
phone (the one they checked in on) opens their own page."""

from __future__ import annotations

import io
import re

import zxingcpp
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from service.settings import Settings
from tests.factories import PHONE_VIEWPORT, seed_event
from tests.live_server import LiveServer


def decode_badge_qr(png: bytes) -> str:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert len(results) == 1, f"expected one QR code on the badge, found {len(results)}"
    return str(results[0].text)


def test_a_badge_opens_the_public_card_and_the_wearers_own_phone_opens_their_page(
    live_server: LiveServer, page: Page, phone: Page, browser: Browser
) -> None:
    seeded = seed_event(Settings.from_env(live_server.env()), people=3)
    phone.goto(live_server.url + seeded.checkin_path)
    phone.get_by_label("Your name").fill("Ana Silva")
    phone.get_by_label("Pronouns").fill("she/her")
    phone.get_by_label("Organisation or role").fill("SunCrate")
    offers = phone.locator("#f-offers")
    offers.fill("supply chains")
    offers.press("Enter")
    phone.get_by_label("Email or link").fill("ana@example.com")
    phone.get_by_role("button", name="Check in").click()
    expect(phone).to_have_url(re.compile(r"/a/[\w-]{32}\?welcome=1$"))
    own_page = phone.url.split("?")[0]

    page.goto(f"{live_server.url}{seeded.organiser_path}/badges?layout=avery-5395")
    badge = page.get_by_role("article", name="Badge: Ana Silva")
    link = decode_badge_qr(badge.locator("svg").screenshot())
    assert re.fullmatch(re.escape(live_server.url) + r"/p/[a-z0-9]{16}", link), link
    assert own_page.rsplit("/", 1)[1] not in page.content()

    stranger_context = browser.new_context(viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True)
    try:
        stranger = stranger_context.new_page()
        stranger.goto(link)
        expect(stranger.get_by_role("heading", name="Ana")).to_be_visible()
        expect(stranger.get_by_text("SunCrate")).to_be_visible()
        assert "ana@example.com" not in stranger.content() and "Silva" not in stranger.content()
        assert stranger.url == link
        expect(stranger.get_by_role("link", name="Edit my profile")).to_have_count(0)
    finally:
        stranger_context.close()

    phone.goto(link)
    expect(phone).to_have_url(own_page)
    expect(phone.get_by_role("heading", name="Hi Ana Silva")).to_be_visible()
