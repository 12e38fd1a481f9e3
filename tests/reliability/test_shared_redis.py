"""Several server processes with one Redis (``MINGLE_REDIS_URL``), as a multi-worker deployment
runs: they share one rate-limit count per client (with a count per process each worker added a
budget of its own) and a live update made on one reaches pages streaming from another."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator

import httpx
import pytest
from redis.asyncio import Redis

from service.middleware.rate_limits import LIMITS
from tests.factories import SeededEvent, make_settings, run_async, seed_event
from tests.live_server import LiveServer
from tests.reliability.clients import csrf_token

NEW_EVENTS_PER_CLIENT = next(limit.requests for limit in LIMITS if limit.name == "new-event-client-minute")
NEW_EVENT = {"name": "Spam", "format": "pairs", "rounds_count": "3", "round_minutes": "5"}


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory, redis_url: str) -> Iterator[tuple[LiveServer, LiveServer]]:
    """Two server processes on one SQLite file and one Redis (for the whole module: starting a
    server takes seconds; each test uses client addresses and events of its own)."""
    tmp_path = tmp_path_factory.mktemp("workers")
    first = LiveServer(data_dir=tmp_path, extra_env={"MINGLE_REDIS_URL": redis_url})
    first.migrate()
    second = LiveServer(data_dir=tmp_path, extra_env={"MINGLE_REDIS_URL": redis_url})
    first.start()
    try:
        second.start()
        yield first, second
    finally:
        second.stop()
        first.stop()


def new_event(server: LiveServer, client_address: str, csrf: str) -> int:
    response = httpx.post(
        f"{server.url}/",
        data={"_csrf_token": csrf, **NEW_EVENT},
        headers={"cookie": f"csrftoken={csrf}", "x-forwarded-for": client_address},
        timeout=30,
    )
    return response.status_code


def test_two_workers_count_one_client_s_requests_together(two_workers: tuple[LiveServer, LiveServer]) -> None:
    first, second = two_workers
    csrf = csrf_token(first)
    # Taking turns, as a load balancer would hand them out: the budget is spent once, not twice.
    statuses = [new_event(two_workers[i % 2], "203.0.113.60", csrf) for i in range(NEW_EVENTS_PER_CLIENT)]
    assert statuses == [303] * NEW_EVENTS_PER_CLIENT
    assert new_event(first, "203.0.113.60", csrf) == 429
    assert new_event(second, "203.0.113.60", csrf) == 429
    assert new_event(second, "203.0.113.61", csrf) == 303  # another network has a budget of its own


def test_a_flood_spread_over_both_workers_gets_exactly_one_budget(two_workers: tuple[LiveServer, LiveServer]) -> None:
    """40 requests in flight at once, half on each worker: without the lock shared through Redis,
    racing workers overwrote each other's counts and 51 of a limit of 30 passed."""
    csrf = csrf_token(two_workers[0])

    async def flood(total: int, in_flight: int) -> list[int]:
        gate = asyncio.Semaphore(in_flight)
        async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=in_flight)) as client:

            async def one(index: int) -> int:
                async with gate:
                    response = await client.post(
                        f"{two_workers[index % 2].url}/",
                        data={"_csrf_token": csrf, **NEW_EVENT},
                        headers={"cookie": f"csrftoken={csrf}", "x-forwarded-for": "203.0.113.90"},
                    )
                    return response.status_code

            return await asyncio.gather(*(one(i) for i in range(total)))

    statuses = run_async(flood(200, 40))
    assert statuses.count(303) == NEW_EVENTS_PER_CLIENT and statuses.count(429) == 200 - NEW_EVENTS_PER_CLIENT


def test_the_counts_live_in_redis_under_mingle_s_names(
    two_workers: tuple[LiveServer, LiveServer], redis_url: str
) -> None:
    first, _ = two_workers
    assert new_event(first, "203.0.113.70", csrf_token(first)) == 303

    async def keys() -> list[bytes]:
        async with Redis.from_url(redis_url) as redis:
            return [key async for key in redis.scan_iter("mingle-rate-limit-*")]

    found = run_async(keys())
    assert any(b"new-event-client-minute" in key and b"203.0.113.70" in key for key in found), found


def next_topic(lines: Iterator[str]) -> str:
    for line in lines:
        if line.startswith("data:"):
            return str(json.loads(line.removeprefix("data:"))["topic"])
    raise AssertionError("the stream ended")


def test_a_check_in_on_one_worker_is_announced_on_a_stream_from_the_other(
    two_workers: tuple[LiveServer, LiveServer],
) -> None:
    first, second = two_workers
    seeded: SeededEvent = seed_event(make_settings(first.data_dir), name="Two workers")
    with (
        httpx.Client(base_url=second.url, timeout=10) as organiser,
        httpx.Client(base_url=first.url, timeout=10) as phone,
        organiser.stream("GET", seeded.organiser_path + "/live") as stream,
    ):
        lines = stream.iter_lines()
        assert next_topic(lines) == "connected"
        phone.get(seeded.checkin_path)
        posted = phone.post(
            seeded.checkin_path, data={"_csrf_token": phone.cookies["csrftoken"], "display_name": "Late Larry"}
        )
        assert posted.status_code == 303
        assert next_topic(lines) == "attendees"
