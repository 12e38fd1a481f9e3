"""A double tap on "Check in" over slow Wi-Fi (issue 11 §4): the same form arriving several times,
at once and later, creates one attendee, and every copy is answered with that person's page.
Against a real server process on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import re

import httpx
import pytest

from service.settings import Settings
from tests.factories import SeededEvent, make_settings, run_async, seed_event, stored_attendees
from tests.live_server import LiveServer

COPIES = 8


def drawn_form(server: LiveServer, seeded: SeededEvent) -> tuple[str, str]:
    """(csrf token, submission id) of a freshly drawn check-in form, as a new phone gets it."""
    with httpx.Client(base_url=server.url, timeout=30) as phone:
        page = phone.get(seeded.checkin_path)
        match = re.search(r'name="submission" value="([^"]+)"', page.text)
        assert page.status_code == 200 and match
        return phone.cookies["csrftoken"], match.group(1)


def send_copies(server: LiveServer, path: str, csrf: str, fields: dict[str, str], copies: int) -> list[httpx.Response]:
    async def send() -> list[httpx.Response]:
        limits = httpx.Limits(max_connections=copies)
        async with httpx.AsyncClient(
            base_url=server.url, cookies={"csrftoken": csrf}, timeout=60, limits=limits
        ) as phone:
            data = {"_csrf_token": csrf, **fields}
            return list(await asyncio.gather(*(phone.post(path, data=data) for _ in range(copies))))

    return run_async(send())


def check_double_taps(server: LiveServer, settings: Settings) -> None:
    seeded = seed_event(settings, people=2)
    csrf, submission = drawn_form(server, seeded)
    fields = {"display_name": "Dana Tapper", "offers": "design", "submission": submission}
    responses = send_copies(server, seeded.checkin_path, csrf, fields, COPIES)
    assert [r.status_code for r in responses] == [303] * COPIES
    pages = {r.headers["location"] for r in responses}
    assert len(pages) == 1
    assert all("mingle_me_" in r.headers.get("set-cookie", "") for r in responses)
    # Later, the same form again (Back, then Send): still the same person.
    again = send_copies(server, seeded.checkin_path, csrf, fields, 1)[0]
    assert again.status_code == 303 and again.headers["location"] in pages
    names = [a.display_name for a in stored_attendees(settings, seeded.event_id)]
    assert names.count("Dana Tapper") == 1
    # A form drawn anew is a new person, even with the same name (two Danas may come).
    csrf, other = drawn_form(server, seeded)
    second = send_copies(server, seeded.checkin_path, csrf, {**fields, "submission": other}, 1)[0]
    assert second.status_code == 303 and second.headers["location"] not in pages
    names = [a.display_name for a in stored_attendees(settings, seeded.event_id)]
    assert names.count("Dana Tapper") == 2
    assert "Traceback" not in server.log_text()


@pytest.mark.slow
def test_the_same_check_in_sent_many_times_at_once_is_one_attendee_on_sqlite(server: LiveServer) -> None:
    check_double_taps(server, make_settings(server.data_dir, base_url=server.url))


@pytest.mark.slow
def test_the_same_check_in_sent_many_times_at_once_is_one_attendee_on_postgres(
    postgres_server: LiveServer, postgres_settings: Settings
) -> None:
    check_double_taps(postgres_server, postgres_settings)
