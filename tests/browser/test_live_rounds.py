"""One organiser, the projector and attendees' phones in one browser session: everything
follows the organiser's actions live, without a reload, over Server-Sent Events."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.factories import (
    PHONE_VIEWPORT,
    SeededEvent,
    make_settings,
    plan_and_wait,
    post_form,
    seed_rounds_event,
    stored_attendees,
    stored_plans,
)
from tests.live_server import LiveServer

LIVE_TIMEOUT_MS = 10_000

# What a phone shows in its rounds section, next to the same for HTML the server sent: text
# without prepared templates, ticking digits as "#", and the countdowns' end times.
SHOWN_JS = """(served) => {
  const shown = (root) => {
    const copy = root.cloneNode(true);
    copy.querySelectorAll("template").forEach((node) => node.remove());
    const ends = Array.from(copy.querySelectorAll("[data-ends-at]")).map((n) => n.getAttribute("data-ends-at"));
    return copy.textContent.replace(/\\d+:\\d\\d/g, "#").replace(/\\s+/g, " ").trim() + " | ends " + ends.join(",");
  };
  const fromServer = document.createElement("div");
  fromServer.innerHTML = served;
  return [shown(document.querySelector("#my-rounds")), shown(fromServer)];
}"""


def no_reload_marker(page: Page) -> None:
    page.evaluate("window.__sameDocument = true")


def still_same_document(page: Page) -> bool:
    return bool(page.evaluate("window.__sameDocument === true"))


def open_phone(browser: Browser, url: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(url)
    return context, page


def count_requests(page: Page, path_part: str) -> list[str]:
    """Every request this page makes from now on whose URL contains ``path_part``."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url) if path_part in request.url else None)
    return seen


def shows_what_the_server_renders(live_server: LiveServer, phone: Page, token: str) -> None:
    served = httpx.get(f"{live_server.url}/a/{token}/rounds").text  # not through the phone
    on_phone, from_server = phone.evaluate(SHOWN_JS, served)
    assert on_phone == from_server


def seat(plan_rounds: list, person_id: str, round_index: int, names: dict[str, str]) -> tuple[str, list[str]]:
    group = next(g for g in plan_rounds[round_index] if person_id in g["members"])
    return group["table"], sorted(names[m] for m in group["members"] if m != person_id)


def published_rounds(server: LiveServer, seeded: SeededEvent) -> list:
    settings = make_settings(server.data_dir)
    [plan] = [p for p in stored_plans(settings, seeded.event_id) if p.status == "published"]
    return plan.rounds


def test_organiser_projector_and_phones_follow_the_rounds_live(
    live_server: LiveServer, browser: Browser, page: Page
) -> None:
    seeded = seed_rounds_event(make_settings(live_server.data_dir))
    names = {pid: name for name, pid in seeded.ids.items()}
    organiser = page
    organiser.goto(f"{live_server.url}{seeded.rounds_path}")

    # Plan in the background and publish.
    organiser.get_by_label("Thinking time (seconds)").fill("2")
    organiser.get_by_role("button", name="Plan 3 rounds").click()
    expect(organiser.get_by_role("heading", name="New plan (not published yet)")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    organiser.get_by_role("button", name="Publish these rounds").click()
    expect(organiser.get_by_role("button", name="Start round 1")).to_be_visible()

    screen_context = browser.new_context(viewport={"width": 1280, "height": 720})
    screen = screen_context.new_page()
    screen.goto(f"{live_server.url}/s/{seeded.screen_code}")
    expect(screen.locator(".round-title")).to_contain_text("Next: round 1")
    ana_context, ana = open_phone(browser, f"{live_server.url}/a/{seeded.tokens['Ana Souza']}")
    ben_context, ben = open_phone(browser, f"{live_server.url}/a/{seeded.tokens['Ben Okafor']}")
    for watcher in (screen, ana, ben):
        no_reload_marker(watcher)
    # Changes are announced to screen readers; the ticking clocks are not.
    expect(screen.locator("#board")).to_have_attribute("aria-live", "polite")
    expect(ana.locator("#my-rounds")).to_have_attribute("aria-live", "polite")

    # Round 1: the projector and both phones show the right tables without a reload.
    organiser.get_by_role("button", name="Start round 1").click()
    rounds = published_rounds(live_server, seeded)
    expect(screen.locator(".round-title")).to_contain_text("Round 1 of 3", timeout=LIVE_TIMEOUT_MS)
    for group in rounds[0]:
        firsts = " · ".join(sorted(names[m].split()[0] for m in group["members"]))
        expect(screen.locator(".table-card", has_text=f"Table {group['table']} ")).to_contain_text(firsts)
    for phone, name in ((ana, "Ana Souza"), (ben, "Ben Okafor")):
        table, partners = seat(rounds, seeded.ids[name], 0, names)
        line = phone.locator(".now-line")
        expect(line).to_contain_text("Now: Round 1 of 3", timeout=LIVE_TIMEOUT_MS)
        expect(line).to_contain_text(f"Table {table} with")
        for partner in partners:
            expect(line).to_contain_text(partner)
        expect(phone.locator("#my-rounds .countdown")).to_have_text(re.compile(r"^[78]:\d\d$"))
        expect(phone.locator("#my-rounds .countdown")).to_have_attribute("aria-live", "off")

    # A late arrival checks in on their own phone; the organiser sees them waiting, re-plans,
    # checks what changes, and confirms.
    gus_context, gus = open_phone(browser, f"{live_server.url}/c/{seeded.checkin_code}")
    gus.get_by_label("Your name").fill("Gus Late")
    gus.get_by_role("button", name="Check in").click()
    expect(gus.locator("#my-rounds")).to_contain_text("The organiser will give you a seat")
    no_reload_marker(gus)
    expect(organiser.locator("#rounds-panel")).to_contain_text("Waiting for a seat: Gus Late", timeout=LIVE_TIMEOUT_MS)
    organiser.get_by_label("Thinking time (seconds)").fill("2")
    organiser.get_by_role("button", name="Re-plan from round 2").click()
    expect(organiser.get_by_role("heading", name="Proposed re-plan (not published yet)")).to_be_visible(
        timeout=LIVE_TIMEOUT_MS
    )
    expect(organiser.locator(".change-list")).to_contain_text("Round 2: Gus Late — Table")
    expect(organiser.locator(".change-list")).not_to_contain_text("Round 1:")
    organiser.get_by_role("button", name="Confirm and publish the re-plan").click()
    expect(organiser.get_by_role("heading", name="Proposed re-plan (not published yet)")).to_have_count(0)
    rounds_after = published_rounds(live_server, seeded)
    assert rounds_after[0] == rounds[0], "the round under way changed"
    everyone = {
        str(a.id): a.display_name for a in stored_attendees(make_settings(live_server.data_dir), seeded.event_id)
    }
    gus_id = next(pid for pid, name in everyone.items() if name == "Gus Late")
    gus_table, _ = seat(rounds_after, gus_id, 1, everyone)
    expect(gus.locator(".later-rounds")).to_contain_text(f"Round 2: Table {gus_table}", timeout=LIVE_TIMEOUT_MS)

    # The phones re-read their section once for the new plan; from then on they need no request.
    [new_plan] = [
        p for p in stored_plans(make_settings(live_server.data_dir), seeded.event_id) if p.status == "published"
    ]
    gus_token = next(
        a.token
        for a in stored_attendees(make_settings(live_server.data_dir), seeded.event_id)
        if a.display_name == "Gus Late"
    )
    phones = (
        (ana, "Ana Souza", seeded.tokens["Ana Souza"]),
        (ben, "Ben Okafor", seeded.tokens["Ben Okafor"]),
        (gus, "Gus Late", gus_token),
    )
    for phone, _, _ in phones:
        expect(phone.locator("#my-rounds template.live-state")).to_have_attribute(
            "data-plan", str(new_plan.id), timeout=LIVE_TIMEOUT_MS
        )
    section_reads = {name: count_requests(phone, "/rounds") for phone, name, _ in phones}
    board_reads = count_requests(screen, "/board")

    # Round 2: every screen moves on, the late arrival included; the phones from the notice alone.
    organiser.get_by_role("button", name="Start round 2").click()
    # Round 1 still has time left: the console asks first, and only "yes" moves on.
    organiser.get_by_role("button", name="Yes, start round 2 now").click()
    expect(screen.locator(".round-title")).to_contain_text("Round 2 of 3", timeout=LIVE_TIMEOUT_MS)
    expect(screen.locator(".name-index")).to_contain_text("Gus")
    expect(gus.locator(".now-line")).to_contain_text(f"Now: Round 2 of 3 — Table {gus_table} with")
    for phone, name in ((ana, "Ana Souza"), (ben, "Ben Okafor")):
        table, partners = seat(rounds_after, seeded.ids[name], 1, everyone)
        expect(phone.locator(".now-line")).to_contain_text(f"Now: Round 2 of 3 — Table {table} with")
        for partner in partners:
            expect(phone.locator(".talking-points")).to_contain_text(partner)
    for phone, _, token in phones:
        expect(phone.locator("#my-rounds .countdown")).to_have_text(re.compile(r"^[78]:\d\d$"))
        shows_what_the_server_renders(live_server, phone, token)
    assert len(board_reads) == 1, "the projector re-reads its board once for a new round"

    # Pausing changes the clock line only: no screen asks the server, and the change is announced.
    organiser.get_by_role("button", name="Pause").click()
    expect(screen.locator(".big-clock")).to_contain_text("Paused", timeout=LIVE_TIMEOUT_MS)
    for phone, _, token in phones:
        expect(phone.locator(".now-clock")).to_have_text(re.compile(r"Paused, [78]:\d\d left"))
        shows_what_the_server_renders(live_server, phone, token)
    assert len(board_reads) == 1, "the projector re-read its board for a pause"
    assert section_reads == {"Ana Souza": [], "Ben Okafor": [], "Gus Late": []}, "a phone asked the server"
    expect(ana.locator("#my-rounds")).to_have_attribute("aria-live", "polite")
    expect(ana.locator("#my-rounds .countdown")).to_have_attribute("aria-live", "off")
    for watcher in (screen, ana, ben, gus):
        assert still_same_document(watcher), "a page reloaded instead of updating live"
    for context in (screen_context, ana_context, ben_context, gus_context):
        context.close()


def test_the_projector_reconnects_by_itself_and_catches_up_after_a_server_restart(
    live_server: LiveServer, browser: Browser
) -> None:
    seeded = seed_rounds_event(make_settings(live_server.data_dir))
    with httpx.Client(base_url=live_server.url) as client:
        plan_and_wait(client, seeded)
        assert post_form(client, f"{seeded.rounds_path}/publish", {}).status_code == 303
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    screen = context.new_page()
    screen.goto(f"{live_server.url}/s/{seeded.screen_code}")
    expect(screen.locator(".round-title")).to_contain_text("Next: round 1")
    no_reload_marker(screen)

    live_server.stop()
    live_server.start()
    with httpx.Client(base_url=live_server.url) as client:
        assert post_form(client, f"{seeded.rounds_path}/clock/start", {}).status_code == 303
    expect(screen.locator(".round-title")).to_contain_text("Round 1 of 3", timeout=15_000)
    expect(screen.locator(".big-clock .countdown")).to_have_text(re.compile(r"^[78]:\d\d$"))
    assert still_same_document(screen)
    context.close()


def test_a_phone_switching_rounds_live_shows_the_partners_organisation_role_and_opener(
    live_server: LiveServer, browser: Browser
) -> None:
    people = [
        {"display_name": "Ana Souza", "offers": ["seed fundraising"], "affiliation": "Acme"},
        {"display_name": "Eve Adams"},  # wrote nothing
    ]
    seeded = seed_rounds_event(make_settings(live_server.data_dir), people=people, rounds_count=1)
    with httpx.Client(base_url=live_server.url) as client:
        rules = {"roles": "investor, founder", "role_rules": ""}
        assert post_form(client, f"{seeded.organiser_path}/rules", rules).status_code == 303
        ana = {"display_name": "Ana Souza", "offers": "seed fundraising", "affiliation": "Acme", "role": "investor"}
        assert post_form(client, f"/a/{seeded.tokens['Ana Souza']}/edit", ana).status_code == 303
        plan_and_wait(client, seeded)
        assert post_form(client, f"{seeded.rounds_path}/publish", {}).status_code == 303
    context, eve = open_phone(browser, f"{live_server.url}/a/{seeded.tokens['Eve Adams']}")
    partner = eve.locator(".talking-points > li")
    expect(partner).to_contain_text("Ana Souza · Acme · here as investor")
    expect(eve.locator(".partner-role .visually-hidden")).to_have_text("here as ")
    no_reload_marker(eve)
    with httpx.Client(base_url=live_server.url) as client:
        assert post_form(client, f"{seeded.rounds_path}/clock/start", {}).status_code == 303
    expect(eve.locator(".now-line")).to_contain_text("Now: Round 1 of 1", timeout=LIVE_TIMEOUT_MS)
    expect(partner).to_contain_text("Ana Souza · Acme · here as investor")
    expect(partner).to_contain_text("Ana Souza can help with “seed fundraising”: tell them what you're working on")
    assert still_same_document(eve)
    shows_what_the_server_renders(live_server, eve, seeded.tokens["Eve Adams"])
    context.close()
