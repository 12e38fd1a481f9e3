"""With the Content-Security-Policy on (no inline script), Chromium reports no violation on the
pages that use JavaScript, and their scripts still work (issue 11 §3)."""

from __future__ import annotations

from playwright.sync_api import ConsoleMessage, Page, expect

from tests.factories import make_settings, seed_event
from tests.live_server import LiveServer


def csp_violations(page: Page) -> list[str]:
    found: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            found.append(message.text)

    page.on("console", on_console)
    return found


def test_pages_run_their_scripts_without_any_policy_violation(live_server: LiveServer, page: Page) -> None:
    seeded = seed_event(make_settings(live_server.data_dir, base_url=live_server.url), people=3)
    violations = csp_violations(page)

    page.goto(live_server.url + "/")
    sizes = page.locator(".table-sizes")
    expect(sizes).to_be_hidden()  # the event form's script hides them until "Small tables" is chosen
    page.get_by_label("Small tables").check()
    expect(sizes).to_be_visible()

    page.goto(live_server.url + seeded.organiser_path)
    expect(page.locator("#attendee-list")).to_contain_text("Person 000")
    for path in ("/poster", "/rounds", "/badges", "/table-cards"):
        page.goto(live_server.url + seeded.organiser_path + path)
    page.goto(f"{live_server.url}/s/{seeded.screen_code}")
    page.goto(f"{live_server.url}/a/{seeded.attendee_tokens[0]}")
    page.goto(live_server.url + seeded.checkin_path + "?new=1")
    page.wait_for_timeout(300)
    assert violations == []
