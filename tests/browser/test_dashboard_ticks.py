"""The organiser ticks "Here" for several people on the dashboard while others check in on their
phones: the live list refreshes (its HTML is replaced) and the ticks stay, the button counts them,
and pressing it checks in exactly the ticked people."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees.schemas import ProfileInput
from service.attendees.services import add_many
from service.events.services import event_by_organiser_token
from tests.factories import in_session, make_settings, seed_event, stored_attendees
from tests.live_server import LiveServer

GUESTS = ("Maja Novak", "Tomás Ruiz", "Aoife Ní Bhriain", "Kenji Watanabe")
LIVE_TIMEOUT_MS = 15_000


def test_ticks_survive_a_live_refresh_and_the_button_checks_in_exactly_them(
    live_server: LiveServer, page: Page, phone: Page
) -> None:
    settings = make_settings(live_server.data_dir)
    seeded = seed_event(settings, name="Ticks Night")

    async def expect_guests(session: AsyncSession) -> dict[str, str]:
        event = await event_by_organiser_token(session, seeded.organiser_token)
        people = await add_many(session, event, [ProfileInput(display_name=name) for name in GUESTS])
        await session.commit()
        return {person.display_name: person.token for person in people}

    tokens = in_session(settings, expect_guests)
    maja, tomas, aoife, kenji = GUESTS

    page.goto(live_server.url + seeded.organiser_path)
    attendees = page.locator("#attendee-list")
    button = page.locator("#check-in-ticked")
    expect(button).to_have_text("Check in the people ticked “Here”")
    page.get_by_label(f"Here: {maja}").check()
    page.get_by_label(f"Here: {aoife}").check()
    expect(button).to_have_text("Check in the 2 people ticked “Here”")
    page.get_by_label(f"Here: {aoife}").focus()
    page.evaluate("document.querySelector('#attendee-list ul').dataset.before = 'refresh'")

    # Tomás arrives: his phone opens his personal link, scans the poster and says "I'm here".
    phone.goto(f"{live_server.url}/a/{tokens[tomas]}")
    phone.goto(live_server.url + seeded.checkin_path)
    phone.get_by_role("button", name="I'm here").click()
    expect(phone.get_by_role("heading", name=f"Hi {tomas}")).to_be_visible()

    tomas_row = attendees.locator(".attendee", has_text=tomas)
    expect(tomas_row).to_contain_text("Checked in", timeout=LIVE_TIMEOUT_MS)
    assert page.evaluate("document.querySelector('#attendee-list ul').dataset.before") is None, (
        "the list was not replaced, so this proves nothing"
    )
    expect(page.get_by_label(f"Here: {maja}")).to_be_checked()
    expect(page.get_by_label(f"Here: {aoife}")).to_be_checked()
    expect(page.get_by_label(f"Here: {aoife}")).to_be_focused()
    expect(page.get_by_label(f"Here: {kenji}")).not_to_be_checked()
    expect(page.get_by_label(f"Here: {tomas}")).to_have_count(0)
    expect(button).to_have_text("Check in the 2 people ticked “Here”")

    button.click()
    expect(attendees.locator(".attendee", has_text=aoife)).to_contain_text("Checked in", timeout=LIVE_TIMEOUT_MS)
    checked_in = {person.display_name for person in stored_attendees(settings, seeded.event_id) if person.checked_in_at}
    assert checked_in == {maja, aoife, tomas}, "exactly the two ticked people, and Tomás who checked himself in"
    expect(attendees.locator(".attendee", has_text=kenji)).to_contain_text("not checked in")
    expect(button).to_have_text("Check in the people ticked “Here”")
