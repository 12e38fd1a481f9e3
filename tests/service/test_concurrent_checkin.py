"""200 people check in at the same moment against a real server on a real SQLite file: none is lost."""

import asyncio
import re
import sqlite3

import httpx
import pytest

from tests.factories import run_async
from tests.live_server import LiveServer

CHECK_INS = 200


def create_event(live_server: LiveServer) -> tuple[str, str]:
    """Create an event through the home page form; return the check-in path and the CSRF token."""
    with httpx.Client(base_url=live_server.url, follow_redirects=True) as client:
        client.get("/")
        token = client.cookies["csrftoken"]
        created = client.post(
            "/",
            data={
                "_csrf_token": token,
                "name": "Rush hour",
                "format": "pairs",
                "rounds_count": "3",
                "round_minutes": "5",
            },
        )
        match = re.search(r"/c/([a-z0-9]+)", created.text)
        assert created.status_code == 200 and match, created.text[:500]
    return match.group(0), token


async def check_in_everyone(live_server: LiveServer, checkin_path: str, csrf: str) -> list[int]:
    limits = httpx.Limits(max_connections=CHECK_INS, max_keepalive_connections=0)
    async with httpx.AsyncClient(base_url=live_server.url, limits=limits, timeout=60) as client:

        async def one(index: int) -> int:
            response = await client.post(
                checkin_path,
                data={"_csrf_token": csrf, "display_name": f"Guest {index:03d}", "interests": f"topic {index % 7}"},
                headers={"cookie": f"csrftoken={csrf}"},
            )
            return response.status_code

        return await asyncio.gather(*(one(i) for i in range(CHECK_INS)))


@pytest.mark.slow
def test_two_hundred_simultaneous_check_ins_are_all_stored(live_server: LiveServer) -> None:
    checkin_path, csrf = create_event(live_server)
    statuses = run_async(check_in_everyone(live_server, checkin_path, csrf))
    assert statuses == [303] * CHECK_INS, f"{statuses}\n{live_server.log_text()[-2000:]}"
    with sqlite3.connect(live_server.data_dir / "mingle.sqlite3") as db:
        names = [row[0] for row in db.execute("select display_name from attendee")]
        tokens = {row[0] for row in db.execute("select token from attendee")}
    assert len(names) == CHECK_INS
    assert sorted(names) == [f"Guest {i:03d}" for i in range(CHECK_INS)]
    assert len(tokens) == CHECK_INS
