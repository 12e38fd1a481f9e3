"""Automatic advance as an organiser uses it: turned on with a break on the console, then the
server moves on by itself when the round's time runs out, and projector and phone show the break."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from tests.browser.running_event import running_event
from tests.live_server import LiveServer

# The server looks at the clocks at least every 5 s, besides waking at each end time it knows.
MOVE_ON_TIMEOUT_MS = 20_000


def test_the_console_turns_it_on_and_the_projector_and_phone_show_the_break(
    live_server: LiveServer, browser: Browser
) -> None:
    event = running_event(live_server)
    console = browser.new_page()
    console.goto(event.rounds)
    setting = console.locator("section.auto-advance")
    expect(setting).to_contain_text("Off: you start each round yourself.")
    setting.get_by_label("Move on by itself when a round's time runs out").check()
    setting.get_by_label("Break between rounds (minutes)").fill("1")
    setting.get_by_role("button", name="Save").click()
    expect(setting).to_contain_text("On: each round moves on by itself when its time runs out, with a 1-minute break")
    expect(console.locator(".auto-advance-line")).to_have_text(
        "Automatic: When round 1's time runs out, a 1-minute break starts, then round 2 starts by itself."
    )
    expect(setting.get_by_label("Move on by itself when a round's time runs out")).to_be_checked()
    assert event.status()["phase"] == "running"

    screen = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    screen.goto(event.screen)
    phone = browser.new_page()
    phone.goto(event.url(f"/a/{event.seeded.attendee_tokens[0]}"))
    expect(screen.locator(".round-title")).to_contain_text("Round 1")

    event.end_round_in(1)  # as if the eight minutes had passed; nobody touches the console
    big_clock = screen.locator(".big-clock")
    expect(big_clock).to_contain_text(re.compile(r"Break — next round in (1:00|0:5\d)"), timeout=MOVE_ON_TIMEOUT_MS)
    expect(screen.locator(".round-title")).to_contain_text("Next: round 2")
    expect(screen.locator(".table-card").first).to_be_visible()  # the next tables, to find one's seat
    expect(phone.locator(".now-clock")).to_contain_text("Break — next round in")
    expect(phone.locator(".now-line")).to_contain_text("Next: Round 2 of 3")
    expect(console.locator(".clock-status")).to_contain_text("Break after round 1")
    expect(console.locator(".auto-advance-line")).to_contain_text("When the break is over, round 2 starts by itself.")
    assert (event.status()["phase"], event.status()["round_number"]) == ("break", 1)
    assert "Traceback" not in live_server.log_text()  # the notice went out, nothing failed on the way
