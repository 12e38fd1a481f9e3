"""The round clock lives in the database: stopping the server mid-round and starting it again
resumes with the right remaining time (running rounds keep counting, paused ones stay put), and
automatic advance moves on rounds that ran out while it was down."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from service.rounds.store import clock_row, clock_state, save_clock
from tests.factories import (
    SeededEvent,
    in_session,
    make_settings,
    plan_and_wait,
    post_form,
    rounds_status,
    seed_rounds_event,
)
from tests.live_server import LiveServer

pytestmark = pytest.mark.slow
ROUND_SECONDS = 8 * 60


def start_round_one(client: httpx.Client, seeded: SeededEvent) -> float:
    plan_and_wait(client, seeded)
    assert post_form(client, f"{seeded.rounds_path}/publish", {}).status_code == 303
    assert post_form(client, f"{seeded.rounds_path}/clock/start", {}).status_code == 303
    return time.monotonic()


def restart(live_server: LiveServer) -> None:
    live_server.stop()
    time.sleep(1.5)  # the clock keeps running while the server is down
    live_server.start()


def test_a_running_round_keeps_counting_across_a_restart(live_server: LiveServer) -> None:
    seeded = seed_rounds_event(make_settings(live_server.data_dir))
    with httpx.Client(base_url=live_server.url) as client:
        started = start_round_one(client, seeded)
        time.sleep(1)
    restart(live_server)
    with httpx.Client(base_url=live_server.url) as client:
        state = rounds_status(client, seeded)
        elapsed = time.monotonic() - started
    assert (state["phase"], state["round_number"]) == ("running", 1)
    # The remaining time is what is left of the round by the wall clock, server downtime included.
    assert state["remaining_seconds"] == pytest.approx(ROUND_SECONDS - elapsed, abs=1.0)
    assert state["remaining_seconds"] < ROUND_SECONDS - 2.5


def test_a_paused_round_stays_paused_with_the_same_time_left(live_server: LiveServer) -> None:
    seeded = seed_rounds_event(make_settings(live_server.data_dir))
    with httpx.Client(base_url=live_server.url) as client:
        start_round_one(client, seeded)
        assert post_form(client, f"{seeded.rounds_path}/clock/pause", {}).status_code == 303
        before = rounds_status(client, seeded)["remaining_seconds"]
    restart(live_server)
    with httpx.Client(base_url=live_server.url) as client:
        state = rounds_status(client, seeded)
        assert state["phase"] == "paused" and state["remaining_seconds"] == pytest.approx(before)
        assert post_form(client, f"{seeded.rounds_path}/clock/resume", {}).status_code == 303
        assert rounds_status(client, seeded)["remaining_seconds"] == pytest.approx(before, abs=1.0)


def move_end_time(live_server: LiveServer, seeded: SeededEvent, ends_at: datetime) -> None:
    """Time passing while the server is down: the stored end time of the running round moves."""

    async def move(session: AsyncSession) -> None:
        state = clock_state(await clock_row(session, seeded.event_id))
        await save_clock(session, seeded.event_id, replace(state, ends_at=ends_at))
        await session.commit()

    in_session(make_settings(live_server.data_dir), move)


def wait_for_round(client: httpx.Client, seeded: SeededEvent, number: int, seconds: float = 30) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    while (state := rounds_status(client, seeded))["round_number"] != number:
        assert time.monotonic() < deadline, f"round {number} did not start by itself: {state}"
        time.sleep(0.1)
    return state


def test_automatic_advance_picks_up_rounds_that_ran_out_or_run_out_after_a_restart(live_server: LiveServer) -> None:
    seeded = seed_rounds_event(make_settings(live_server.data_dir))
    with httpx.Client(base_url=live_server.url) as client:
        start_round_one(client, seeded)
        saved = post_form(client, f"{seeded.rounds_path}/auto-advance", {"auto_advance": "on", "break_minutes": "0"})
        assert saved.status_code == 303
    live_server.stop()
    move_end_time(live_server, seeded, datetime.now(UTC) - timedelta(minutes=2))  # ran out while down
    live_server.start()
    with httpx.Client(base_url=live_server.url) as client:
        state = wait_for_round(client, seeded, 2)
        assert state["phase"] == "running" and state["remaining_seconds"] > ROUND_SECONDS - 30
    live_server.stop()
    ends_at = datetime.now(UTC) + timedelta(seconds=6)  # runs out after the server is back
    move_end_time(live_server, seeded, ends_at)
    live_server.start()
    with httpx.Client(base_url=live_server.url) as client:
        wait_for_round(client, seeded, 3)
        assert datetime.now(UTC) >= ends_at  # not a moment early
        assert rounds_status(client, seeded)["phase"] == "running"
    assert "Traceback" not in live_server.log_text()
