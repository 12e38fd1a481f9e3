"""Security headers on every route family, against a real server (issue 11 §3): a CSP without
inline script, framing denied, nosniff, no referrer, and nothing stored for secret pages."""

from __future__ import annotations

from html.parser import HTMLParser

import httpx
import pytest

from tests.factories import SeededEvent
from tests.live_server import LiveServer

EXPECTED = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}


def route_families(seeded: SeededEvent) -> dict[str, str]:
    """One address per kind of page, by who sees it."""
    o, a = seeded.organiser_path, f"/a/{seeded.attendee_tokens[0]}"
    return {
        "home": "/",
        "check-in": seeded.checkin_path,
        "attendee page": a,
        "attendee edit": a + "/edit",
        "attendee rounds": a + "/rounds",
        "dashboard": o,
        "attendee list": o + "/attendees",
        "organiser add": o + "/attendees/new",
        "import": o + "/import",
        "export": o + "/export.csv",
        "settings": o + "/settings",
        "poster": o + "/poster",
        "rounds": o + "/rounds",
        "round status": o + "/rounds/status",
        "badges": o + "/badges",
        "table cards": o + "/table-cards",
        "projector": f"/s/{seeded.screen_code}",
        "projector board": f"/s/{seeded.screen_code}/board",
        "static": "/static/mingle.css",
        "health": "/healthz",
        "wrong link": "/o/not-a-real-token",
        "no such page": "/nothing-here",
    }


class InlineScriptFinder(HTMLParser):
    """Collects inline <script> bodies, on* event handler attributes and javascript: links."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script":
            self._in_script = "src" not in names
        self.problems += [f"<{tag} {name}=…>" for name, _ in attrs if name.startswith("on")]
        self.problems += [f"<{tag} {n}={v}>" for n, v in attrs if (v or "").strip().lower().startswith("javascript:")]

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.problems.append(f"inline script: {data.strip()[:60]}")


def inline_script_in(html: str) -> list[str]:
    finder = InlineScriptFinder()
    finder.feed(html)
    return finder.problems


@pytest.mark.slow
def test_every_route_family_sends_the_security_headers(server: LiveServer, seeded: SeededEvent) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        for family, path in route_families(seeded).items():
            response = client.get(path)
            assert response.status_code in (200, 404), (family, response.status_code)
            headers = response.headers
            for name, value in EXPECTED.items():
                assert headers.get(name) == value, (family, name, headers.get(name))
            policy = headers["content-security-policy"]
            assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("style-src")[0]
            assert "frame-ancestors 'none'" in policy
            if path.startswith(("/o/", "/a/", "/c/")):  # secret links and personal data
                assert headers.get("cache-control") == "no-store", family
            if headers.get("content-type", "").startswith("text/html"):
                assert inline_script_in(response.text) == [], family


def test_the_live_streams_send_the_headers_too(server: LiveServer, seeded: SeededEvent) -> None:
    with (
        httpx.Client(base_url=server.url, timeout=10) as client,
        client.stream("GET", seeded.organiser_path + "/live") as stream,
    ):
        assert stream.headers["content-type"].startswith("text/event-stream")
        assert stream.headers["cache-control"] == "no-store"
        assert stream.headers["x-content-type-options"] == "nosniff"


def test_the_export_names_its_charset_once(server: LiveServer, seeded: SeededEvent) -> None:
    response = httpx.get(server.url + seeded.organiser_path + "/export.csv", timeout=10)
    assert response.headers["content-type"] == "text/csv; charset=utf-8"


def test_a_wrong_page_is_not_cached_and_a_public_one_may_be(server: LiveServer, seeded: SeededEvent) -> None:
    assert httpx.get(f"{server.url}/s/{seeded.screen_code}", timeout=10).headers.get("cache-control") != "no-store"
    assert httpx.get(f"{server.url}/a/wrong-token", timeout=10).headers["cache-control"] == "no-store"
