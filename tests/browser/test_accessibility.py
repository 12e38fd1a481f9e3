"""Accessibility, checked by a machine: axe-core (bundled by axe-playwright-python, no network)
on the main pages, focus after a form error, no sideways scrolling at 200 % zoom on a phone,
and targets of at least 24 × 24 CSS pixels (WCAG 2.2, 2.5.8)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.running_event import LiveEvent, running_event
from tests.factories import PHONE_VIEWPORT
from tests.live_server import LiveServer

SERIOUS = ("serious", "critical")
# 200 % zoom halves the CSS pixels a 390 px wide phone has: the layout gets 195 px.
ZOOMED_PHONE = {"width": PHONE_VIEWPORT["width"] // 2, "height": PHONE_VIEWPORT["height"] // 2}
MIN_TARGET_PX = 24

# Targets that are not links inside a sentence (those are exempt in WCAG 2.5.8).
SMALL_TARGETS_JS = """(min) => Array.from(document.querySelectorAll(
    'button, input:not([type=hidden]), select, textarea, summary, a.button, nav a, .actions a'))
  .filter((node) => { const box = node.getBoundingClientRect(); return box.width > 0 && box.height > 0; })
  .filter((node) => { const box = node.getBoundingClientRect(); return box.width < min || box.height < min; })
  .map((node) => { const box = node.getBoundingClientRect();
    return `${node.outerHTML.slice(0, 80)} ${Math.round(box.width)}×${Math.round(box.height)}`; })"""


@pytest.fixture
def event(live_server: LiveServer) -> LiveEvent:
    return running_event(live_server)


def main_pages(event: LiveEvent) -> dict[str, str]:
    seeded = event.seeded
    return {
        "start page": event.url("/"),
        "check-in": event.url(f"/c/{seeded.checkin_code}"),
        "attendee page": event.url(f"/a/{seeded.tokens['Ana Souza']}"),
        "profile editing": event.url(f"/a/{seeded.tokens['Ana Souza']}/edit"),
        "dashboard": event.organiser,
        "rounds console": event.rounds,
        "projector": event.screen,
        "poster": event.organiser + "/poster",
        "report": event.organiser + "/report",
        "organiser rules": event.organiser + "/rules",
        "event settings": event.organiser + "/settings",
        "privacy": event.organiser + "/privacy",
        "list import": event.organiser + "/import",
        "people met": event.url(f"/a/{seeded.tokens['Ana Souza']}/met"),
        "public card": event.url(f"/p/{seeded.public_codes['Ana Souza']}"),
    }


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


def test_axe_finds_no_serious_or_critical_violations(event: LiveEvent, browser: Browser) -> None:
    found: dict[str, list[str]] = {}
    for viewport in ({"width": 1280, "height": 900}, PHONE_VIEWPORT):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for name, url in main_pages(event).items():
            page.goto(url)
            page.wait_for_timeout(300)  # live regions fill in and pages lay themselves out
            problems = serious_violations(page)
            if problems:
                found[f"{name} at {viewport['width']} px"] = problems
        context.close()
    assert found == {}


def test_axe_passes_on_the_confirmation_page(event: LiveEvent, page: Page) -> None:
    page.goto(event.rounds)
    # form.submit() skips the page's dialog, as a browser without JavaScript would.
    page.locator("form[data-confirm]").first.evaluate("form => form.submit()")
    expect(page.get_by_role("heading", name="End round 1 early?")).to_be_visible()
    assert serious_violations(page) == []


def test_axe_really_runs_and_reports(live_server: LiveServer, page: Page) -> None:
    """The check can fail: an image without a text alternative is reported as critical."""
    page.goto(live_server.url + "/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/static/x.png\">')")
    assert any(line.startswith("image-alt") for line in serious_violations(page))


@pytest.mark.parametrize("where", ["start page", "check-in"])
def test_after_a_form_error_the_focus_moves_to_the_error_summary(event: LiveEvent, page: Page, where: str) -> None:
    page.goto(main_pages(event)[where])
    form = page.locator("main form").first
    form.evaluate("form => { form.noValidate = true; }")  # let the server, not the browser, say no
    if where == "start page":
        page.get_by_label("Event name").fill("")
    else:
        page.get_by_label("Your name").fill("")
    form.locator("button[type=submit]").last.click()
    summary = page.locator("#form-errors")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert summary.get_attribute("role") == "alert"


def test_no_page_scrolls_sideways_at_200_percent_zoom_on_a_phone(event: LiveEvent, browser: Browser) -> None:
    context = browser.new_context(viewport=ZOOMED_PHONE, device_scale_factor=4, is_mobile=True, has_touch=True)
    page = context.new_page()
    too_wide = {}
    for name, url in main_pages(event).items():
        page.goto(url)
        widths = page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
        if widths[0] > widths[1]:
            too_wide[name] = widths
    context.close()
    assert too_wide == {}, "scrollWidth > clientWidth"


def test_targets_are_at_least_24_by_24_pixels(event: LiveEvent, browser: Browser) -> None:
    small = {}
    for viewport in ({"width": 1280, "height": 900}, PHONE_VIEWPORT):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for name, url in main_pages(event).items():
            page.goto(url)
            found = page.evaluate(SMALL_TARGETS_JS, MIN_TARGET_PX)
            if found:
                small[f"{name} at {viewport['width']} px"] = found
        context.close()
    assert small == {}
