"""Big pages stay responsive (issue 11 §2): the badge page for 10,000 attendees blocked the whole
server for 17 s. While the badge sheets (a QR code each) and the table cards of a large event are
drawn, a probe asking /healthz over and over must answer about as fast as when the server idles.
``MINGLE_BIG_EVENT_PEOPLE`` sets the size of the first test (2,000, so it runs in seconds); the
second checks the issue's 10,000 on the badges and the dashboard, which list everyone (about 40 s)."""

from __future__ import annotations

import os
import time
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees.schemas import ProfileInput
from service.attendees.services import add_many
from tests.factories import in_session, make_event, make_settings, numbered_people
from tests.live_server import LiveServer
from tests.reliability.clients import LatencyProbe

pytestmark = pytest.mark.alone  # response times: measured with no other test running

PEOPLE = int(os.environ.get("MINGLE_BIG_EVENT_PEOPLE", "2000"))
ISSUE_PEOPLE = 10_000
ALLOWED_EXTRA_LAG_SECONDS = 0.1
# The idle baseline: long enough to catch the machine's own hiccups (other work on it), which the
# much longer render would otherwise be blamed for.
IDLE_SECONDS = 3.0


def seed_big_event(server: LiveServer, people: int) -> str:
    """An event of ``people`` attendees in the server's database; its organiser path."""

    async def make(session: AsyncSession) -> str:
        event = await make_event(session, name="Big Conference")
        await add_many(session, event, [ProfileInput(**fields) for fields in numbered_people(people)])
        await session.commit()
        return f"/o/{event.organiser_token}"

    return in_session(make_settings(server.data_dir, base_url=server.url), make)


def lag_while(server: LiveServer, url: str) -> tuple[float, float, float, Any]:
    """(slowest idle probe answer, slowest while ``url`` renders, the page's own time, its response)."""
    with LatencyProbe(server) as probe:
        time.sleep(IDLE_SECONDS)
        idle = max(probe.latencies)
        before = len(probe.latencies)
        started = time.perf_counter()
        response = httpx.get(server.url + url, timeout=300)
        page_seconds = time.perf_counter() - started
        time.sleep(0.3)
    busy = probe.latencies[before:]
    assert busy and not probe.failures, probe.failures
    return idle, max(busy), page_seconds, response


@pytest.mark.slow
@pytest.mark.parametrize("page", ["badges?layout=a4-8&which=all", "table-cards?tables=200"])
def test_a_big_event_s_printed_pages_do_not_stall_other_requests(server: LiveServer, page: str) -> None:
    organiser_path = seed_big_event(server, PEOPLE)
    idle, busy, page_seconds, response = lag_while(server, f"{organiser_path}/{page}")
    print(
        f"{page} for {PEOPLE} people: page {page_seconds:.1f} s; /healthz idle max {idle * 1000:.0f} ms, "
        f"while rendering max {busy * 1000:.0f} ms"
    )
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    if page.startswith("badges"):
        assert response.text.count('<article class="badge"') >= PEOPLE
    assert busy < idle + ALLOWED_EXTRA_LAG_SECONDS


@pytest.fixture(scope="module")
def issue_sized_event(server: LiveServer) -> str:
    return seed_big_event(server, ISSUE_PEOPLE)


@pytest.mark.slow
@pytest.mark.parametrize("page", ["/badges?layout=a4-8&which=all", ""], ids=["badges", "dashboard"])
def test_the_pages_listing_10000_people_do_not_stall_other_requests(
    server: LiveServer, issue_sized_event: str, page: str
) -> None:
    idle, busy, page_seconds, response = lag_while(server, issue_sized_event + page)
    print(
        f"{page or 'dashboard'} for {ISSUE_PEOPLE} people: page {page_seconds:.1f} s, {len(response.content) / 1e6:.0f} MB; "
        f"/healthz idle max {idle * 1000:.0f} ms, while rendering max {busy * 1000:.0f} ms"
    )
    assert response.status_code == 200, response.text[:500]
    assert response.text.count("Person 9999 Example") >= 1 and response.text.rstrip().endswith(">")
    if page.startswith("/badges"):
        assert response.text.count('<article class="badge"') == ISSUE_PEOPLE
    assert busy < idle + ALLOWED_EXTRA_LAG_SECONDS
