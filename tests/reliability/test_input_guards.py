"""Impossible input gets a clear 4xx, never a 500 (issue 11 §3): a NUL in any token, code or the
check-in cookie is a 404 (PostgreSQL refuses NUL in text: 11 of 11 routes were a 500 there),
thousands of digits for table cards are a 400, and a form that is not UTF-8 is refused with a
message instead of being stored as mojibake. Run on SQLite against a real server, and on
PostgreSQL when MINGLE_TEST_POSTGRES_URL is set (as CI does)."""

from __future__ import annotations

import sqlite3
from typing import Any

import httpx
import pytest
from litestar.testing import TestClient

from service.app import create_app
from service.settings import Settings
from tests.factories import SeededEvent, csrf_token, seed_event
from tests.live_server import LiveServer

NUL = "%00"


def nul_links(seeded: SeededEvent) -> list[str]:
    """Every route family that looks a token or code up, with a NUL in it."""
    o, a, c, s = (
        seeded.organiser_path,
        f"/a/{seeded.attendee_tokens[0]}",
        seeded.checkin_path,
        f"/s/{seeded.screen_code}",
    )
    return [
        f"/o/{NUL}",
        f"{o}{NUL}",
        f"{o}{NUL}/rounds",
        f"{o}/attendees/{NUL}",
        f"{a}{NUL}",
        f"{a}{NUL}/edit",
        f"{a}{NUL}/rounds",
        f"{c}{NUL}",
        f"{s}{NUL}",
        f"{s}{NUL}/board",
        f"/c/x{NUL}y",
    ]


def check_nul_guards(client: Any, seeded: SeededEvent) -> None:
    for path in nul_links(seeded):
        assert client.get(path).status_code == 404, path
    token = csrf_token(client)
    for path in (f"/c/{seeded.checkin_code}{NUL}", f"/a/{seeded.attendee_tokens[0]}{NUL}/edit"):
        posted = client.post(path, data={"_csrf_token": token, "display_name": "Eve"}, follow_redirects=False)
        assert posted.status_code == 404, path
    cookie = {"cookie": f"csrftoken={token}; mingle_me_{seeded.checkin_code}=abc%00def"}
    assert client.get(seeded.checkin_path, headers=cookie).status_code == 404
    assert client.get(seeded.organiser_path + "/badges?which=one&attendee=%00").status_code == 400
    printed = client.post(
        seeded.organiser_path + "/badges/printed",
        data={"_csrf_token": token, "attendee": "\x00"},
        follow_redirects=False,
    )
    assert printed.status_code == 400 and "NUL" in printed.text


@pytest.mark.slow
def test_nul_in_links_and_cookies_is_a_404_on_sqlite(server: LiveServer, seeded: SeededEvent) -> None:
    with httpx.Client(base_url=server.url, timeout=30) as client:
        check_nul_guards(client, seeded)


def test_nul_in_links_and_cookies_is_a_404_on_postgres(postgres_settings: Settings) -> None:
    seeded = seed_event(postgres_settings, people=2)
    with TestClient(app=create_app(postgres_settings), base_url="http://testserver.local") as client:
        check_nul_guards(client, seeded)


def test_five_thousand_digits_of_tables_are_a_400(server: LiveServer, seeded: SeededEvent) -> None:
    response = httpx.get(f"{server.url}{seeded.organiser_path}/table-cards?tables={'9' * 5000}", timeout=30)
    assert response.status_code == 400
    assert "whole number from 1 to" in response.text


def attendee_names(server: LiveServer, seeded: SeededEvent) -> list[str]:
    with sqlite3.connect(server.data_dir / "mingle.sqlite3") as db:
        rows = db.execute(
            "select display_name from attendee join event on event.id = attendee.event_id where checkin_code = ?",
            (seeded.checkin_code,),
        )
        return [row[0] for row in rows]


def test_a_form_that_is_not_utf8_is_refused_not_stored_as_mojibake(server: LiveServer, seeded: SeededEvent) -> None:
    before = attendee_names(server, seeded)
    with httpx.Client(base_url=server.url, timeout=30) as client:
        token = csrf_token(client)
        headers = {"content-type": "application/x-www-form-urlencoded", "x-csrftoken": token}
        latin1 = client.post(seeded.checkin_path, content=b"someone_else=1&display_name=Ren%E9e", headers=headers)
        assert latin1.status_code == 400 and "not readable text (not UTF-8)" in latin1.text
        multipart = client.post(
            seeded.checkin_path,
            data={"_csrf_token": token, "someone_else": "1"},
            files={"display_name": (None, "Renée".encode("latin-1"))},
        )
        assert multipart.status_code == 400 and "not UTF-8" in multipart.text
        assert attendee_names(server, seeded) == before
        # UTF-8 sent without escaping (some scripts do) is read as UTF-8, not as Latin-1.
        raw = client.post(
            seeded.checkin_path,
            content="someone_else=1&display_name=Renée Zoë".encode(),
            headers=headers,
            follow_redirects=False,
        )
        assert raw.status_code == 303
    assert attendee_names(server, seeded) == [*before, "Renée Zoë"]
