"""Shared test helpers: events and attendees made through Mingle's own service functions.

Stable API (other test packages use it):
- ``seed_event(settings, people=0, **event_fields) -> SeededEvent`` from synchronous tests;
- ``run_async(coroutine)`` runs async code from a synchronous test (safe beside Playwright);
- ``make_event(session, **event_fields)`` / ``make_attendee(session, event, **profile_fields)``
  from async code that already has a session;
- ``csrf_token(client)`` and ``post_form(client, url, data)`` for posting HTML forms through
  Litestar's TestClient (the CSRF token is added for you).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.attendees.schemas import ProfileInput
from service.attendees.services import check_in
from service.db.config import build_engine
from service.db.models import Attendee, Event
from service.events.schemas import EventInput
from service.events.services import create_event
from service.settings import Settings

CSRF_COOKIE = "csrftoken"
T = TypeVar("T")


async def make_event(session: AsyncSession, **fields: Any) -> Event:
    data = {"name": "Test Meetup", **fields}
    return await create_event(session, EventInput(**data))


async def make_attendee(session: AsyncSession, event: Event, **fields: Any) -> Attendee:
    data = {"display_name": "Test Person", **fields}
    return await check_in(session, event, ProfileInput(**data))


def person_fields(index: int) -> dict[str, Any]:
    """A varied, valid profile for the ``index``-th generated person."""
    topics = ["climate tech", "fundraising", "kubernetes", "design", "hiring", "machine learning"]
    return {
        "display_name": f"Person {index:03d}",
        "interests": [topics[index % len(topics)]],
        "offers": [topics[(index + 1) % len(topics)]],
        "seeks": [topics[(index + 2) % len(topics)]],
    }


@dataclass
class SeededEvent:
    organiser_token: str
    checkin_code: str
    screen_code: str
    event_id: Any
    attendee_tokens: list[str] = field(default_factory=list)

    @property
    def organiser_path(self) -> str:
        return f"/o/{self.organiser_token}"

    @property
    def checkin_path(self) -> str:
        return f"/c/{self.checkin_code}"


async def _seed(settings: Settings, people: int, event_fields: dict[str, Any]) -> SeededEvent:
    engine = build_engine(settings)
    try:
        async with async_sessionmaker(engine, expire_on_commit=False)() as session:
            event = await make_event(session, **event_fields)
            attendees = [await make_attendee(session, event, **person_fields(i)) for i in range(people)]
            await session.commit()
            return SeededEvent(
                organiser_token=event.organiser_token,
                checkin_code=event.checkin_code,
                screen_code=event.screen_code,
                event_id=event.id,
                attendee_tokens=[attendee.token for attendee in attendees],
            )
    finally:
        await engine.dispose()


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to the end from synchronous test code.

    On a thread of its own: the Playwright fixtures keep an event loop running on the main
    thread for the whole session, where ``asyncio.run`` (and anyio tests) would fail.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def seed_event(settings: Settings, people: int = 0, **event_fields: Any) -> SeededEvent:
    """Create an event (and ``people`` checked-in attendees) in the settings' database."""
    return run_async(_seed(settings, people, event_fields))


def csrf_token(client: Any) -> str:
    """The CSRF token of a TestClient (or httpx.Client) session; fetched from the home page if needed."""
    token = client.cookies.get(CSRF_COOKIE)
    if not token:
        client.get("/")
        token = client.cookies.get(CSRF_COOKIE)
    assert token, "the server did not set a CSRF cookie"
    return str(token)


def post_form(client: Any, url: str, data: dict[str, str], **kwargs: Any) -> httpx.Response:
    """POST an HTML form (url-encoded) with the CSRF token, without following the redirect."""
    kwargs.setdefault("follow_redirects", False)
    return client.post(url, data={"_csrf_token": csrf_token(client), **data}, **kwargs)
