"""Rate limits on the public forms, against a real server (issue 11 §2). Before the fix 10,000
fake check-ins from one client were all accepted. Clients are told apart by the address the
server sees; here a trusted local proxy header (X-Forwarded-For, which uvicorn honours from
127.0.0.1 only) stands for different networks."""

from __future__ import annotations

import asyncio
import sqlite3

import httpx
import pytest

from service.middleware.rate_limits import LIMITS
from tests.factories import SeededEvent, run_async
from tests.live_server import LiveServer
from tests.reliability.clients import csrf_token

CHECKIN_PER_CLIENT = next(limit.requests for limit in LIMITS if limit.name == "checkin-client-minute")
CHECKIN_PER_EVENT = next(limit.requests for limit in LIMITS if limit.name == "checkin-event-minute")
NEW_EVENTS_PER_CLIENT = next(limit.requests for limit in LIMITS if limit.name == "new-event-client-minute")


async def post_many(
    server: LiveServer, path: str, forms: list[tuple[str, dict[str, str]]], csrf: str, parallel: int = 20
) -> list[httpx.Response]:
    """POST each (client address, form) with a few requests in flight at a time."""
    limits = httpx.Limits(max_connections=parallel)
    gate = asyncio.Semaphore(parallel)
    async with httpx.AsyncClient(base_url=server.url, limits=limits, timeout=60) as client:

        async def one(address: str, form: dict[str, str]) -> httpx.Response:
            async with gate:
                return await client.post(
                    path,
                    data={"_csrf_token": csrf, **form},
                    headers={"cookie": f"csrftoken={csrf}", "x-forwarded-for": address},
                )

        return await asyncio.gather(*(one(address, form) for address, form in forms))


def stored_names(server: LiveServer, seeded: SeededEvent) -> list[str]:
    with sqlite3.connect(server.data_dir / "mingle.sqlite3") as db:
        rows = db.execute(
            "select display_name from attendee join event on event.id = attendee.event_id where checkin_code = ?",
            (seeded.checkin_code,),
        )
        return [row[0] for row in rows]


def check_in_form(index: int) -> dict[str, str]:
    return {"display_name": f"Guest {index:04d}", "interests": "climate", "someone_else": "1"}


@pytest.mark.slow
def test_a_whole_room_behind_one_nat_checks_in_and_a_flood_is_cut_off(server: LiveServer, seeded: SeededEvent) -> None:
    """300 people on the venue Wi-Fi (one public address) all get in, even within one minute;
    what the same address sends beyond that is refused with a 429 page, and nothing of it stored."""
    venue = "203.0.113.7"
    flood = CHECKIN_PER_CLIENT + 40
    responses = run_async(
        post_many(server, seeded.checkin_path, [(venue, check_in_form(i)) for i in range(flood)], csrf_token(server))
    )
    statuses = [r.status_code for r in responses]
    assert CHECKIN_PER_CLIENT >= 300
    assert statuses.count(303) == CHECKIN_PER_CLIENT and statuses.count(429) == flood - CHECKIN_PER_CLIENT
    refused = next(r for r in responses if r.status_code == 429)
    assert "Too many forms were sent from your network" in refused.text and "Please wait" in refused.text
    assert int(refused.headers["retry-after"]) > 0
    assert len(stored_names(server, seeded)) - 12 == CHECKIN_PER_CLIENT
    # Another network is not affected by that one's flood.
    other = run_async(
        post_many(server, seeded.checkin_path, [("198.51.100.9", check_in_form(9999))], csrf_token(server))
    )
    assert other[0].status_code == 303


@pytest.mark.slow
def test_one_event_cannot_be_flooded_from_many_addresses(server: LiveServer, seeded: SeededEvent) -> None:
    forms = [(f"192.0.2.{i % 250 + 1}", check_in_form(i)) for i in range(CHECKIN_PER_EVENT + 30)]
    responses = run_async(post_many(server, seeded.checkin_path, forms, csrf_token(server)))
    statuses = [r.status_code for r in responses]
    assert statuses.count(303) == CHECKIN_PER_EVENT and statuses.count(429) == 30
    refused = next(r for r in responses if r.status_code == 429).text
    assert "Too many forms were sent to this event" in refused, refused.split("<main")[-1][:600]


def test_ipv6_addresses_of_one_network_share_a_budget() -> None:
    from litestar.testing import RequestFactory

    from service.middleware.rate_limits import client_network

    def network(host: str) -> str:
        request = RequestFactory().get("/")
        request.scope["client"] = (host, 1234)
        return client_network(request)

    assert network("2001:db8:1:2:aaaa::1") == network("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert network("2001:db8:1:3::1") != network("2001:db8:1:2::1")
    assert network("::ffff:203.0.113.7") == network("203.0.113.7") == "203.0.113.7"


def test_creating_events_is_limited_per_client(server: LiveServer) -> None:
    event = {"name": "Spam", "format": "pairs", "rounds_count": "3", "round_minutes": "5"}
    forms = [("203.0.113.50", event)] * (NEW_EVENTS_PER_CLIENT + 5)
    statuses = [r.status_code for r in run_async(post_many(server, "/", forms, csrf_token(server), parallel=5))]
    assert statuses.count(303) == NEW_EVENTS_PER_CLIENT and statuses.count(429) == 5
