"""The organiser's live stream (/o/{token}/live) against a real server: a check-in is announced."""

import json
from collections.abc import Iterator

import httpx

from tests.factories import SeededEvent, make_settings, seed_event
from tests.live_server import LiveServer


def next_topic(lines: Iterator[str]) -> str:
    for line in lines:
        if line.startswith("data:"):
            return str(json.loads(line.removeprefix("data:"))["topic"])
    raise AssertionError("the stream ended")


def test_a_check_in_is_announced_on_the_organiser_stream(live_server: LiveServer) -> None:
    seeded: SeededEvent = seed_event(make_settings(live_server.data_dir), name="Live")
    with (
        httpx.Client(base_url=live_server.url, timeout=10) as organiser,
        httpx.Client(base_url=live_server.url) as phone,
        organiser.stream("GET", seeded.organiser_path + "/live") as stream,
    ):
        assert stream.status_code == 200
        assert stream.headers["content-type"].startswith("text/event-stream")
        lines = stream.iter_lines()
        assert next_topic(lines) == "connected"
        phone.get(seeded.checkin_path)
        posted = phone.post(
            seeded.checkin_path,
            data={
                "_csrf_token": phone.cookies["csrftoken"],
                "display_name": "Late Larry",
            },
        )
        assert posted.status_code == 303
        assert next_topic(lines) == "attendees"
    assert httpx.get(f"{live_server.url}/o/wrong-token/live").status_code == 404
