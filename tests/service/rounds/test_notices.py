"""The "rounds" notice, read from a real server's public stream (the projector's): it carries the
rounds' public state, enough to show the new moment, and nothing private."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from service.db.migrate import upgrade
from tests.factories import (
    PEOPLE,
    SeededEvent,
    make_settings,
    plan_and_wait,
    post_form,
    seed_rounds_event,
    stored_plans,
)
from tests.live_server import LiveServer

READ_TIMEOUT_SECONDS = 10


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    live = LiveServer(data_dir=tmp_path)
    upgrade(make_settings(tmp_path))
    live.start()
    try:
        yield live
    finally:
        live.stop()


def next_notice(lines: Iterator[str]) -> dict:  # type: ignore[type-arg]
    for line in lines:
        if line.startswith("data: "):
            return json.loads(line.removeprefix("data: "))
    raise AssertionError("the stream ended")


def publish(client: httpx.Client, seeded: SeededEvent) -> None:
    plan_and_wait(client, seeded, seconds=1)
    assert post_form(client, f"{seeded.rounds_path}/publish", {}).status_code == 303


def test_every_clock_action_tells_the_pages_the_new_moment(server: LiveServer) -> None:
    settings = make_settings(server.data_dir)
    seeded = seed_rounds_event(settings)
    timeout = httpx.Timeout(READ_TIMEOUT_SECONDS)
    with httpx.Client(base_url=server.url, timeout=timeout) as client:
        publish(client, seeded)
        [plan] = [p for p in stored_plans(settings, seeded.event_id) if p.status == "published"]
        with client.stream("GET", f"/s/{seeded.screen_code}/live") as stream:
            lines = stream.iter_lines()
            assert next_notice(lines) == {"topic": "connected"}

            assert post_form(client, f"{seeded.rounds_path}/clock/start", {}).status_code == 303
            started = next_notice(lines)
            assert started["topic"] == "rounds" and started["plan"] == str(plan.id)
            assert (started["view"], started["round_number"], started["total_rounds"]) == ("round-1-now", 1, 3)
            clock = started["clock"]
            assert clock["phase"] == "running"
            assert abs(clock["ends_at_ms"] - clock["server_now_ms"] - 8 * 60_000) < 2000

            assert post_form(client, f"{seeded.rounds_path}/clock/pause", {}).status_code == 303
            paused = next_notice(lines)
            assert paused["view"] == "round-1-now" and paused["clock"]["phase"] == "paused"
            assert paused["clock"]["ends_at_ms"] is None and 470 <= paused["clock"]["remaining_seconds"] <= 480

            assert post_form(client, f"{seeded.rounds_path}/clock/end-round", {"confirm": "yes"}).status_code == 303
            between = next_notice(lines)
            assert (between["view"], between["round_number"], between["clock"]["phase"]) == (
                "round-2-next",
                2,
                "between",
            )

            # A refused action changes nothing and tells nobody; the next notice is the next change.
            assert post_form(client, f"{seeded.rounds_path}/clock/pause", {}).status_code == 400
            assert post_form(client, f"{seeded.rounds_path}/clock/next", {}).status_code == 303
            assert next_notice(lines)["view"] == "round-2-now"

        text = json.dumps([started, paused, between])
        for person in PEOPLE:  # nothing private on the public stream
            assert person["display_name"].split()[0] not in text
        assert all(token not in text for token in seeded.tokens.values())
        assert seeded.organiser_token not in text
