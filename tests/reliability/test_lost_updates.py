"""Organiser actions sent at the same moment (issue 11 §4), against a real server process on
SQLite and on PostgreSQL. Before the fix: 3 different swaps all answered success and 1 was
stored; 10 "+1 minute" moved the clock 1–2 minutes; 50 "next" without the page's ``seen`` field
all answered success and moved the clock 2–10 rounds. Now every success is applied, and a
request made on a page that is out of date is a 409 that changed nothing."""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import httpx
import pytest

from service.rounds.models import DRAFT
from service.rounds.seating import Seating
from service.settings import Settings
from tests.factories import (
    SeededEvent,
    act,
    make_settings,
    plan_and_wait,
    rounds_status,
    run_async,
    seed_rounds_event,
    stored_plans,
)
from tests.live_server import LiveServer

CONFLICT_TEXT = "at the same moment"


def post_at_once(server: LiveServer, csrf: str, posts: list[tuple[str, dict[str, str]]]) -> list[httpx.Response]:
    """Send every form at the same moment, each on a connection of its own."""

    async def send() -> list[httpx.Response]:
        cookies = {"csrftoken": csrf}
        limits = httpx.Limits(max_connections=len(posts))
        async with httpx.AsyncClient(base_url=server.url, cookies=cookies, timeout=60, limits=limits) as client:
            return list(
                await asyncio.gather(*(client.post(path, data={"_csrf_token": csrf, **data}) for path, data in posts))
            )

    return run_async(send())


def statuses(responses: list[httpx.Response]) -> Counter[int]:
    return Counter(response.status_code for response in responses)


def the_draft(settings: Settings, seeded: SeededEvent) -> Any:
    return next(plan for plan in stored_plans(settings, seeded.event_id) if plan.status == DRAFT)


def three_swaps(seating: Seating) -> list[tuple[str, str]]:
    """Three swaps in round 2 among six different people: each fits whatever order they run in."""
    (a, b), (c, d), (e, f) = (table.members for table in seating[1])
    return [(a, c), (b, e), (d, f)]


def check_swaps(server: LiveServer, settings: Settings, seeded: SeededEvent, client: httpx.Client) -> None:
    plan_and_wait(client, seeded, seconds=1)
    draft = the_draft(settings, seeded)
    swaps = three_swaps(draft.seating)
    csrf = client.cookies["csrftoken"]
    path = f"{seeded.rounds_path}/swap"

    # From one page: the first applies, the other two were made on a plan that changed.
    shown = rounds_status(client, seeded)["draft_key"]
    posts = [(path, {"round": "2", "first": x, "second": y, "plan": shown}) for x, y in swaps]
    responses = post_at_once(server, csrf, posts)
    assert statuses(responses) == {303: 1, 409: 2}, [r.text[:300] for r in responses]
    assert all(CONFLICT_TEXT in r.text for r in responses if r.status_code == 409)
    after_one = the_draft(settings, seeded)
    assert after_one.swaps == 1
    applied = swaps[[r.status_code for r in responses].index(303)]
    assert after_one.seating == draft.seating.swapped(1, *applied)

    # Without the page's plan field (a script): each one applies on top of the one before.
    rest = [pair for pair in swaps if pair != applied]
    responses = post_at_once(server, csrf, [(path, {"round": "2", "first": x, "second": y}) for x, y in rest])
    assert statuses(responses) == {303: 2}
    final = the_draft(settings, seeded)
    expected = draft.seating
    for pair in swaps:
        expected = expected.swapped(1, *pair)
    assert final.swaps == 3 and final.seating == expected


def remaining(client: httpx.Client, seeded: SeededEvent) -> float:
    return float(rounds_status(client, seeded)["remaining_seconds"])


def check_clock(server: LiveServer, seeded: SeededEvent, client: httpx.Client) -> None:
    assert act(client, seeded, "publish").status_code == 303
    assert act(client, seeded, "clock/start").status_code == 303
    csrf = client.cookies["csrftoken"]
    clock = f"{seeded.rounds_path}/clock"

    # Ten "+1 minute" from one page: one minute more, nine 409s.
    before = remaining(client, seeded)
    seen = rounds_status(client, seeded)["clock_key"]
    responses = post_at_once(server, csrf, [(f"{clock}/add-minute", {"seen": seen})] * 10)
    assert statuses(responses) == {303: 1, 409: 9}
    assert 50 < remaining(client, seeded) - before <= 60

    # Ten without ``seen`` (each a pure "+1 minute" on the current clock): ten minutes more.
    before = remaining(client, seeded)
    responses = post_at_once(server, csrf, [(f"{clock}/add-minute", {})] * 10)
    assert statuses(responses) == {303: 10}
    assert 590 < remaining(client, seeded) - before <= 600

    # Fifty "next" from one page: round 2 starts, once.
    seen = rounds_status(client, seeded)["clock_key"]
    responses = post_at_once(server, csrf, [(f"{clock}/next", {"seen": seen, "confirm": "yes"})] * 50)
    assert statuses(responses) == {303: 1, 409: 49}
    assert rounds_status(client, seeded)["round_number"] == 2

    # Fifty without ``seen``: one moves to the last round, the others are told there is no next.
    responses = post_at_once(server, csrf, [(f"{clock}/next", {"confirm": "yes"})] * 50)
    assert statuses(responses) == {303: 1, 400: 49}
    assert rounds_status(client, seeded)["round_number"] == 3


def check_all(server: LiveServer, settings: Settings) -> None:
    seeded = seed_rounds_event(settings)
    with httpx.Client(base_url=server.url, timeout=60) as client:
        client.get("/")
        check_swaps(server, settings, seeded, client)
        check_clock(server, seeded, client)
    assert "Traceback" not in server.log_text()


@pytest.mark.slow
def test_simultaneous_organiser_actions_lose_nothing_on_sqlite(server: LiveServer) -> None:
    check_all(server, make_settings(server.data_dir, base_url=server.url))


@pytest.mark.slow
def test_simultaneous_organiser_actions_lose_nothing_on_postgres(
    postgres_server: LiveServer, postgres_settings: Settings
) -> None:
    check_all(postgres_server, postgres_settings)
