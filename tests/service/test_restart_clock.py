"""The round clock lives in the database: stopping the server mid-round and starting it again
resumes with the right remaining time (running rounds keep counting, paused ones stay put)."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.factories import SeededEvent, make_settings, plan_and_wait, post_form, rounds_status, seed_rounds_event
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
