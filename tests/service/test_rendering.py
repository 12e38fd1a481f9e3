"""Big pages stream (service.rendering): the page arrives in slices, and a failure is never shown
as a page that looks whole — before the first byte it is the ordinary error page; part-way, the
page ends with a notice and the response is cut off."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
import uvicorn
from litestar import Litestar
from litestar.testing import TestClient

from service.app import create_app
from service.printing import badges
from service.rendering import CHUNK_CHARACTERS, INCOMPLETE_NOTICE
from service.settings import Settings
from tests.factories import make_settings, numbered_people, seed_event
from tests.live_server import LiveServer, free_port

PEOPLE = 300  # about 1.3 MB of badges: several slices


@pytest.fixture
def quiet_client(settings: Settings) -> Iterator[TestClient[Litestar]]:
    """A client that gets the server's answer to a failure (as a browser would) instead of its exception."""
    app = create_app(settings)
    with TestClient(app=app, base_url="http://testserver.local", raise_server_exceptions=False) as client:
        yield client


def fail_on_badge(monkeypatch: pytest.MonkeyPatch, failing_name: str) -> None:
    """A fault injected into drawing one person's badge, standing for a bug nobody has found yet."""
    draw = badges.build_badge

    def build_badge(attendee, *args, **kwargs):  # type: ignore[no-untyped-def]
        if attendee.display_name == failing_name:
            raise RuntimeError("a badge that cannot be drawn")
        return draw(attendee, *args, **kwargs)

    monkeypatch.setattr(badges, "build_badge", build_badge)


def test_a_big_page_arrives_in_slices_and_whole(live_server: LiveServer) -> None:
    seeded = seed_event(make_settings(live_server.data_dir), numbered_people(PEOPLE))
    with httpx.stream("GET", live_server.url + seeded.badges_path, timeout=60) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        # Sent as it is drawn: no length known up front.
        assert "content-length" not in response.headers and response.headers["transfer-encoding"] == "chunked"
        page = response.read().decode()
    assert len(page) > 4 * CHUNK_CHARACTERS  # several slices
    assert page.count('<article class="badge"') == PEOPLE and page.rstrip().endswith("</html>")


def test_a_failure_before_the_first_slice_is_the_ordinary_error_page(
    quiet_client: TestClient[Litestar], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded = seed_event(settings, numbered_people(PEOPLE))
    fail_on_badge(monkeypatch, "Person 000 Example")  # first in name order: drawn in the first slice
    response = quiet_client.get(seeded.badges_path)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
    assert 'class="badge"' not in response.text


@contextmanager
def serving_in_this_process(app: Litestar) -> Iterator[str]:
    """The app behind a real uvicorn server on a thread of this process, so that a fault injected
    here reaches it and the client sees what a browser would: the bytes sent, then the cut."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        assert thread.is_alive(), "the server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{server.config.port}"
    finally:
        server.should_exit = True
        thread.join(10)


def test_a_failure_part_way_ends_the_page_with_a_notice_and_cuts_the_response(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded = seed_event(settings, numbered_people(PEOPLE))
    fail_on_badge(monkeypatch, f"Person {PEOPLE - 10:03d} Example")  # near the end: slices were already sent
    received: list[bytes] = []
    with (
        serving_in_this_process(create_app(settings)) as url,
        httpx.stream("GET", url + seeded.badges_path, timeout=60) as response,
    ):
        assert response.status_code == 200
        with pytest.raises(httpx.RemoteProtocolError):  # the browser learns the page is incomplete
            received.extend(response.iter_raw())
    page = b"".join(received).decode()
    assert page.count('<article class="badge"') >= PEOPLE // 2
    assert page.endswith(str(INCOMPLETE_NOTICE))
    assert "Do not print it" in page
