"""A double tap on "Check in" (issue 11 §4): after the first tap the button says "Sending…" and
is marked busy, and the second tap sends nothing. (That the server makes one attendee of the
same form sent twice is tested in tests/reliability/test_double_taps.py.)"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.factories import make_settings, seed_event
from tests.live_server import LiveServer

# Stands in for slow Wi-Fi: counts the submits the page really lets go, and keeps the page where
# it is (a listener on window runs after static/busy.js's listener on the document).
HOLD_SUBMITS = """() => {
  window.sentForms = 0;
  window.addEventListener("submit", (event) => {
    if (!event.defaultPrevented) { window.sentForms += 1; }
    event.preventDefault();
  });
}"""


def test_a_double_tap_on_check_in_sends_one_form_and_shows_it_is_busy(live_server: LiveServer, phone: Page) -> None:
    seeded = seed_event(make_settings(live_server.data_dir, base_url=live_server.url), people=1)
    phone.goto(live_server.url + seeded.checkin_path)
    phone.evaluate(HOLD_SUBMITS)
    phone.get_by_label("Your name").fill("Dana Tapper")
    phone.get_by_role("button", name="Check in").click()
    busy = phone.get_by_role("button", name="Sending…")
    expect(busy).to_have_attribute("aria-disabled", "true")
    expect(phone.locator("form[aria-busy=true]")).to_have_count(1)
    # Playwright waits for an aria-disabled button to become enabled; a finger does not.
    busy.click(force=True)  # the second tap
    busy.click(force=True)  # and a third
    assert phone.evaluate("window.sentForms") == 1
