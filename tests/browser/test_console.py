"""The live console as an organiser uses it: what ends a round asks first (with and without
JavaScript), the timer says "Time's up", the projector chimes (and can be silenced), keeps the
check-in code in a corner, and swaps and late arrivals are handled from the page."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.running_event import running_event
from tests.factories import check_in_late, make_settings, numbered_people, seed_rounds_event, stored_plans
from tests.live_server import LiveServer

LIVE_TIMEOUT_MS = 15_000


def wait_until_true(page: Page, expression: str, timeout_ms: int) -> None:
    """Poll with ``page.evaluate``: Playwright's ``wait_for_function`` compiles its predicate with
    eval inside the page when it has to poll, which the page's Content-Security-Policy forbids."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"{expression} did not become true in {timeout_ms} ms"
        page.wait_for_timeout(100)


def test_ending_a_round_with_time_left_asks_first_in_a_dialog(live_server: LiveServer, page: Page) -> None:
    event = running_event(live_server)
    page.goto(event.rounds)
    frequent = page.locator(".console .frequent")
    expect(frequent.get_by_role("button", name="Pause")).to_be_visible()
    # The actions that end a round are not among the frequent ones.
    expect(frequent.get_by_role("button", name=re.compile("End round|Start round"))).to_have_count(0)
    expect(page.locator(".organiser-timer .countdown")).to_have_text(re.compile(r"^[78]:\d\d left$"))

    page.get_by_role("button", name="End round 1 now").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("End round 1 now? It still has time left")
    expect(dialog.get_by_role("button", name="No, keep the round going")).to_be_focused()
    dialog.get_by_role("button", name="No, keep the round going").click()
    expect(dialog).to_have_count(0)
    assert event.status()["phase"] == "running"

    page.get_by_role("button", name="End round 1 now").click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, end round 1 now").click()
    expect(page.locator(".clock-status")).to_contain_text("Round 1 of 3 has ended", timeout=LIVE_TIMEOUT_MS)
    assert event.status()["phase"] == "between"
    expect(page.locator(".console .frequent").get_by_role("button", name="Start round 2")).to_be_visible()


def test_without_javascript_the_server_asks_before_ending_a_round(live_server: LiveServer, browser: Browser) -> None:
    event = running_event(live_server)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(event.rounds)
    page.get_by_role("button", name="Start round 2 now").click()
    expect(page.get_by_role("heading", name="End round 1 early?")).to_be_visible()
    expect(page.locator(".confirm-question")).to_contain_text(re.compile(r"still has [78]:\d\d left"))
    assert event.status()["round_number"] == 1
    page.get_by_role("link", name="Keep round 1 going").click()
    assert event.status()["phase"] == "running" and event.status()["round_number"] == 1

    page.get_by_role("button", name="Start round 2 now").click()
    page.get_by_role("button", name="End round 1 and start round 2").click()
    expect(page.locator(".clock-status")).to_contain_text("Round 2 of 3 is on")
    assert event.status()["round_number"] == 2
    context.close()


def test_times_up_on_the_console_and_a_chime_on_the_projector(live_server: LiveServer, browser: Browser) -> None:
    event = running_event(live_server)
    event.end_round_in(3)
    console = browser.new_page()
    console.goto(event.rounds)
    screen_context = browser.new_context(viewport={"width": 1920, "height": 1080})
    screen = screen_context.new_page()
    screen.goto(event.screen)
    toggle = screen.get_by_role("button", name=re.compile("Chime at the end of each round"))
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(console.locator(".organiser-timer")).to_have_text("Time's up", timeout=LIVE_TIMEOUT_MS)
    expect(console.locator(".organiser-timer")).not_to_contain_text("0:00")
    wait_until_true(screen, "window.mingleChimes === 1", LIVE_TIMEOUT_MS)

    # Turned off, it stays off after a reload, and the next round ends in silence.
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    assert event.act("clock/next").status_code == 303  # time is up: no question asked
    event.end_round_in(2)
    screen.reload()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(toggle).to_contain_text("off")
    expect(screen.locator(".big-clock .countdown")).to_have_class(re.compile("is-over"), timeout=LIVE_TIMEOUT_MS)
    screen.wait_for_timeout(600)
    assert screen.evaluate("window.mingleChimes") == 0
    screen_context.close()


def test_the_projector_keeps_the_check_in_code_in_a_corner_and_grows_names(
    live_server: LiveServer, browser: Browser
) -> None:
    event = running_event(live_server)
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    screen = context.new_page()
    screen.goto(event.screen)
    screen.screenshot(path="/tmp/mingle-projector-round.png")
    corner = screen.locator(".corner-checkin")
    expect(corner.locator("svg")).to_be_visible()
    box = corner.locator(".checkin-qr").bounding_box()
    assert box is not None
    assert box["x"] > 1920 / 2 and box["y"] > 1080 / 2, "the QR code sits in the bottom right corner"
    assert box["width"] < 1920 * 0.15, "small, during a round"
    # The check-in path with its code is on one line.
    assert screen.locator(".corner-checkin .url-path").evaluate("node => node.getClientRects().length") == 1
    # Three tables of two: the names grow well beyond their usual size, and everything still fits.
    grow = float(screen.locator(".table-list").evaluate("node => getComputedStyle(node).getPropertyValue('--grow')"))
    assert grow > 1.5
    assert screen.locator(".table-list").evaluate(
        "n => n.scrollHeight <= n.clientHeight + 1 && n.scrollWidth <= n.clientWidth + 1"
    )
    context.close()


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720)])
def test_the_chime_switch_covers_nothing_on_a_projector_with_pages_of_tables(
    live_server: LiveServer, browser: Browser, width: int, height: int
) -> None:
    event = running_event(live_server, people=numbered_people(40))
    context = browser.new_context(viewport={"width": width, "height": height})
    screen = context.new_page()
    screen.goto(event.screen)
    switch = screen.locator("#chime-toggle")
    expect(switch).to_be_visible()
    expect(screen.locator(".tables .page-indicator")).to_contain_text("Page 1 of")
    box = switch.bounding_box()
    assert box is not None
    # What shows: a card's whole box, a line of text only as far as its text reaches.
    shown = screen.locator(".table-card, .corner-checkin, .page-indicator, .name-index li").evaluate_all(
        """nodes => nodes.filter(n => n.offsetParent !== null).map(n => {
            const range = document.createRange();
            range.selectNodeContents(n);
            const r = n.matches('.table-card, .corner-checkin') ? n.getBoundingClientRect() : range.getBoundingClientRect();
            return {text: n.innerText, x: r.x, y: r.y, width: r.width, height: r.height};
        })"""
    )
    assert len(shown) > 10
    for other in shown:
        apart = (
            other["x"] >= box["x"] + box["width"]
            or other["x"] + other["width"] <= box["x"]
            or other["y"] >= box["y"] + box["height"]
            or other["y"] + other["height"] <= box["y"]
        )
        assert apart or not other["width"], f"the chime switch covers {other['text']!r}"
    context.close()


def test_a_name_starting_with_an_emoji_shows_its_first_word_with_letters(live_server: LiveServer, page: Page) -> None:
    people = [
        {"display_name": "🎉 Zoë Park", "interests": ["design"]},
        {"display_name": "Ana Souza", "interests": ["design"]},
    ]
    event = running_event(live_server, people=people)
    page.goto(event.screen)
    expect(page.locator(".name-index")).to_contain_text("Zoë")
    expect(page.locator(".index-name", has_text="🎉")).to_have_count(0)


def test_swaps_pick_people_by_table_keep_the_round_open_and_can_be_undone(live_server: LiveServer, page: Page) -> None:
    settings = make_settings(live_server.data_dir)
    event = running_event(live_server)
    check_in_late(settings, event.seeded.event_id, display_name="Gus Late", offers=["design"])
    event.plan()  # a re-plan from round 2, not published yet
    [draft] = [p for p in stored_plans(settings, event.seeded.event_id) if p.status == "draft"]
    page.goto(event.rounds)
    round_3 = page.locator("#draft-round-3")
    round_3.locator("summary").click()
    first = round_3.get_by_label("Swap", exact=True)
    second = round_3.get_by_label("with", exact=True)
    groups = first.locator("optgroup")
    assert groups.count() == len(draft.rounds[2])
    assert all((groups.nth(i).get_attribute("label") or "").startswith("Table ") for i in range(groups.count()))
    round_3.get_by_role("button", name="Swap their seats in round 3").click()
    expect(page.locator(".swap-done")).to_contain_text("in round 3")
    expect(page.locator("#draft-round-3")).to_have_attribute("open", "")
    [swapped] = [p for p in stored_plans(settings, event.seeded.event_id) if p.status == "draft"]
    assert swapped.rounds[2] != draft.rounds[2]
    page.get_by_role("button", name="Undo this swap").click()
    expect(page.locator("#draft-round-3")).to_have_attribute("open", "")
    [undone] = [p for p in stored_plans(settings, event.seeded.event_id) if p.status == "draft"]
    assert [sorted(g["members"]) for g in undone.rounds[2]] == [sorted(g["members"]) for g in draft.rounds[2]]
    assert second.count() == 1


def test_a_late_arrival_shows_on_the_dashboard_and_one_click_re_plans(live_server: LiveServer, page: Page) -> None:
    settings = make_settings(live_server.data_dir)
    event = running_event(live_server)
    page.goto(event.organiser)
    check_in_late(settings, event.seeded.event_id, display_name="Gus Late", offers=["design"])
    card = page.locator("#rounds-card")
    page.reload()
    expect(card).to_contain_text("1 person is waiting for a seat: Gus Late")
    card.get_by_role("button", name="Re-plan to seat them from round 2").click()
    expect(page.get_by_role("heading", name="Proposed re-plan (not published yet)")).to_be_visible(
        timeout=LIVE_TIMEOUT_MS
    )
    # The round that changes is the one open, not round 1 (which has started and stays).
    expect(page.locator("#draft-round-2")).to_have_attribute("open", "")
    expect(page.locator("#draft-round-1")).not_to_have_attribute("open", "")


def test_loopback_links_are_warned_about_and_the_organiser_link_copies(
    live_server: LiveServer, browser: Browser
) -> None:
    seeded = seed_rounds_event(make_settings(live_server.data_dir))
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    for path in (f"/o/{seeded.organiser_token}", f"/o/{seeded.organiser_token}/poster", f"/s/{seeded.screen_code}"):
        page.goto(live_server.url + path)
        expect(page.locator(".loopback-warning")).to_contain_text("Phones can't open these links yet")
        expect(page.locator(".loopback-warning")).to_contain_text("MINGLE_BASE_URL=http://")
    page.goto(live_server.url + f"/o/{seeded.organiser_token}")
    page.get_by_role("button", name="Copy the link").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == f"{live_server.url}/o/{seeded.organiser_token}"
    context.close()
