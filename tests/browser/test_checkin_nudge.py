"""Check-in nudges, never forces: a tip until something to help with and something sought are
there, with the event's popular tags as one-tap ideas."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.factories import make_settings, seed_event
from tests.live_server import LiveServer

PEOPLE = [
    {"display_name": "Ana Souza", "offers": ["fundraising"], "seeks": ["kubernetes"], "interests": ["climate tech"]},
    {"display_name": "Ben Okafor", "offers": ["kubernetes"], "seeks": ["fundraising"], "interests": ["climate tech"]},
]


def test_the_nudge_offers_popular_tags_and_goes_once_both_lists_have_something(
    live_server: LiveServer, phone: Page
) -> None:
    seeded = seed_event(make_settings(live_server.data_dir, base_url=live_server.url), PEOPLE)
    phone.goto(live_server.url + seeded.checkin_path)
    tip = phone.locator("[data-profile-nudge]")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("add at least one thing you can help with and one thing you are looking for")
    helps = phone.locator('[data-field="offers"][data-add-tag="climate tech"]')
    helps.click()  # the most used tag of the event comes first
    offers = phone.locator('input[name="offers"]')
    expect(offers).to_have_value("climate tech")
    expect(tip).to_contain_text("Nearly there: add one thing you are looking for")
    phone.locator('[data-field="seeks"][data-add-tag="fundraising"]').click()
    expect(tip).to_be_hidden()
    phone.get_by_label("Your name").fill("Cai Lee")
    phone.get_by_role("button", name="Check in").click()
    expect(phone).to_have_url(re.compile(r"/a/[A-Za-z0-9_-]{32}\?welcome=1$"))


def test_checking_in_with_empty_lists_is_still_allowed(live_server: LiveServer, phone: Page) -> None:
    seeded = seed_event(make_settings(live_server.data_dir, base_url=live_server.url), PEOPLE)
    phone.goto(live_server.url + seeded.checkin_path)
    phone.get_by_label("Your name").fill("Dev Patel")
    phone.get_by_role("button", name="Check in").click()
    expect(phone).to_have_url(re.compile(r"/a/[A-Za-z0-9_-]{32}\?welcome=1$"))
