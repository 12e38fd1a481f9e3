"""Two phones after the rounds: Keep in touch shows contacts only when both pressed it, and the
vCard downloaded on a phone parses; one press alone leaks the contact nowhere."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import vobject
from playwright.sync_api import Browser, BrowserContext, Page, Response, expect

from tests.factories import PHONE_VIEWPORT, make_settings, post_form
from tests.live_server import LiveServer
from tests.service.followup.seeding import Event, seed

CHLOE_CONTACT, DEV_CONTACT = "chloe@example.org", "dev@example.org"
FOLLOW_MS = 20_000  # the section waits a random pause of up to 8 s before it reads itself again


class Phone:
    """One attendee's phone: its own browser context, and every response body it received."""

    def __init__(self, browser: Browser) -> None:
        self.context: BrowserContext = browser.new_context(
            viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True, accept_downloads=True
        )
        self.page: Page = self.context.new_page()
        self.bodies: list[str] = []
        self.page.on("response", self._keep_body)

    def _keep_body(self, response: Response) -> None:
        try:
            self.bodies.append(response.text())
        except Exception:  # a redirect or a download has no body to read here
            self.bodies.append("")


@pytest.fixture
def phones(browser: Browser) -> Iterator[tuple[Phone, Phone]]:
    chloe, dev = Phone(browser), Phone(browser)
    yield chloe, dev
    chloe.context.close()
    dev.context.close()


@pytest.fixture
def event(live_server: LiveServer) -> Event:
    return seed(make_settings(live_server.data_dir, base_url=live_server.url))


def press_keep_in_touch(phone: Phone, live_server: LiveServer, event: Event, who: str, partner: str) -> None:
    phone.page.goto(f"{live_server.url}{event.page(who)}/met")
    card = phone.page.locator(f"#p-{event.ids[partner]}")
    card.get_by_role("button", name="Keep in touch").click()
    expect(phone.page.locator(f"#p-{event.ids[partner]}")).to_be_visible()


def test_both_press_keep_in_touch_and_both_get_a_vcard_that_parses(
    live_server: LiveServer, event: Event, phones: tuple[Phone, Phone], tmp_path: Path
) -> None:
    chloe, dev = phones
    press_keep_in_touch(chloe, live_server, event, "chloe", "dev")
    expect(chloe.page.locator(f"#p-{event.ids['dev']}")).to_contain_text("You want to keep in touch")
    press_keep_in_touch(dev, live_server, event, "dev", "chloe")
    expect(dev.page.locator(f"#p-{event.ids['chloe']}")).to_contain_text(CHLOE_CONTACT)
    chloe.page.reload()
    dev_card = chloe.page.locator(f"#p-{event.ids['dev']}")
    expect(dev_card).to_contain_text("You both want to keep in touch")
    expect(dev_card).to_contain_text(DEV_CONTACT)
    for phone, partner, name, contact in (
        (chloe, "dev", "Dev Patel", DEV_CONTACT),
        (dev, "chloe", "Chloé Martin", CHLOE_CONTACT),
    ):
        with phone.page.expect_download() as info:
            phone.page.locator(f"#p-{event.ids[partner]}").get_by_role("link", name="Save contact (vCard)").click()
        saved = tmp_path / f"{partner}.vcf"
        info.value.save_as(saved)
        card = vobject.readOne(saved.read_text(encoding="utf-8"))
        assert (card.fn.value, card.email.value) == (name, contact)


def test_one_press_alone_shows_the_contact_nowhere(
    live_server: LiveServer, event: Event, phones: tuple[Phone, Phone]
) -> None:
    chloe, dev = phones
    press_keep_in_touch(chloe, live_server, event, "chloe", "dev")
    dev.page.goto(f"{live_server.url}{event.page('dev')}")
    dev.page.goto(f"{live_server.url}{event.page('dev')}/met")
    chloe_card = dev.page.locator(f"#p-{event.ids['chloe']}")
    expect(chloe_card.get_by_role("button", name="Keep in touch")).to_be_visible()  # no "no", no hint
    expect(dev.page.locator("body")).not_to_contain_text(CHLOE_CONTACT)
    expect(chloe.page.locator("body")).not_to_contain_text(DEV_CONTACT)
    # Everything either phone can fetch: pages, fragments, files, JSON answers.
    urls = {
        "dev": ["", "/met", "/met.csv", "/met.vcf", "/rounds", f"/met/{event.ids['chloe']}/contact.vcf"],
        "chloe": ["", "/met", "/met.csv", "/met.vcf", "/rounds", f"/met/{event.ids['dev']}/contact.vcf"],
    }
    for phone, who, secret in ((dev, "dev", CHLOE_CONTACT), (chloe, "chloe", DEV_CONTACT)):
        for path in urls[who]:
            for accept in ("text/html", "application/json"):
                response = phone.context.request.get(
                    f"{live_server.url}{event.page(who)}{path}", headers={"accept": accept}
                )
                assert secret not in response.text(), (who, path, accept)
        assert not any(secret in body for body in phone.bodies), who


def test_the_phone_asks_about_the_round_just_played_without_a_reload(live_server: LiveServer, browser: Browser) -> None:
    event = seed(make_settings(live_server.data_dir, base_url=live_server.url), phase="waiting", round_number=0)
    phone = Phone(browser)
    try:
        phone.page.goto(f"{live_server.url}{event.page('ana')}")
        phone.page.evaluate("window.__sameDocument = true")
        section = phone.page.locator("#followup-live")
        expect(section).not_to_contain_text("Ben Okafor")  # nothing has happened yet
        with httpx.Client(base_url=live_server.url) as organiser:
            assert post_form(organiser, f"/o/{event.organiser_token}/rounds/clock/start", {}).status_code == 303
            expect(section.locator(f"#p-{event.ids['ben']}")).to_contain_text("Did you meet?", timeout=FOLLOW_MS)
            assert (
                post_form(organiser, f"/o/{event.organiser_token}/rounds/clock/next", {"confirm": "yes"}).status_code
                == 303
            )
            expect(section.locator(f"#p-{event.ids['chloe']}")).to_be_visible(timeout=FOLLOW_MS)
        assert phone.page.evaluate("window.__sameDocument === true")
        # The answer buttons work in the section that arrived live.
        section.locator(f"#p-{event.ids['chloe']}").get_by_role("button", name="Yes, we met").click()
        expect(
            phone.page.locator(f"#p-{event.ids['chloe']}").get_by_role("button", name="Yes, we met")
        ).to_have_attribute("aria-pressed", "true")
    finally:
        phone.context.close()
