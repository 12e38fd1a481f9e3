"""The log: one access line per request at INFO (secret tokens masked), errors with tracebacks."""

from __future__ import annotations

import logging

import httpx
import pytest
from litestar import Litestar, get
from litestar.testing import TestClient

from service.access_log import loggable_path
from tests.factories import SeededEvent
from tests.live_server import LiveServer


def access_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "mingle.access" and r.levelno == logging.INFO]


def test_each_request_is_logged_once_without_its_secret_token(
    client: TestClient[Litestar], seeded: SeededEvent, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mingle.access")
    assert client.get(f"{seeded.rounds_path}/status").status_code == 200
    assert client.get(f"/a/{seeded.tokens['Ana Souza']}").status_code == 200
    lines = access_lines(caplog)
    assert len(lines) == 2
    assert lines[0].startswith("GET /o/…/rounds/status 200 ") and lines[0].endswith(" ms")
    assert lines[1].startswith("GET /a/… 200 ")
    assert not any(seeded.organiser_token in line or seeded.tokens["Ana Souza"] in line for line in lines)


def test_public_codes_stay_in_the_path_and_only_tokens_are_masked() -> None:
    assert loggable_path("/o/abc123/rounds/clock/start") == "/o/…/rounds/clock/start"
    assert loggable_path("/a/xyz") == "/a/…"
    assert loggable_path("/s/CODE1/board") == "/s/CODE1/board"
    assert loggable_path("/") == "/"


def test_an_unexpected_error_is_logged_with_its_traceback_and_never_shown(
    app: Litestar, caplog: pytest.LogCaptureFixture
) -> None:
    @get("/test-only/boom", sync_to_thread=False)
    def boom() -> str:
        raise RuntimeError("internal detail 42")

    app.register(boom)
    with TestClient(app=app, base_url="http://testserver.local") as client:
        response = client.get("/test-only/boom")
    assert response.status_code == 500
    assert "internal detail 42" not in response.text and "Traceback" not in response.text
    [record] = [r for r in caplog.records if r.name == "mingle" and r.levelno == logging.ERROR]
    assert record.getMessage() == "Unhandled error on GET /test-only/boom"
    assert record.exc_info is not None and "internal detail 42" in str(record.exc_info[1])
    assert access_lines(caplog)[-1].startswith("GET /test-only/boom 500 ")


def test_the_server_writes_the_access_log(live_server: LiveServer) -> None:
    assert httpx.get(f"{live_server.url}/healthz").status_code == 200
    assert httpx.get(f"{live_server.url}/o/some-secret-token").status_code == 404
    log = live_server.log_text()
    assert "INFO mingle.access: GET /healthz 200 " in log
    assert "INFO mingle.access: GET /o/… 404 " in log and "some-secret-token" not in log
