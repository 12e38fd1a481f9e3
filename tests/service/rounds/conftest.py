"""Rounds tests: an event with named people (distinct first names), made through Mingle's own
service functions, and helpers to drive the organiser's rounds pages."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from service.db.config import build_engine
from service.db.models import Attendee, Event
from service.rounds.models import RoundPlan
from service.settings import Settings
from tests.factories import make_attendee, make_event, post_form, run_async

PEOPLE = [
    {"display_name": "Ana Souza", "offers": ["fundraising"], "seeks": ["kubernetes"], "interests": ["climate tech"]},
    {
        "display_name": "Ben Okafor",
        "offers": ["kubernetes"],
        "seeks": ["design"],
        "interests": ["climate tech"],
        "contact": "ben@example.org",
        "share_contact": True,
    },
    {
        "display_name": "Chloé Martin",
        "offers": ["design"],
        "seeks": ["fundraising"],
        "interests": ["hiring"],
        "contact": "chloe@example.org",
        "share_contact": False,
    },
    {"display_name": "Dev Patel", "offers": ["hiring"], "seeks": ["machine learning"], "interests": ["design"]},
    {"display_name": "Eve Larsen", "offers": ["machine learning"], "seeks": ["hiring"], "interests": ["kubernetes"]},
    {"display_name": "Farah Haddad", "offers": ["climate tech"], "seeks": ["fundraising"], "interests": ["design"]},
]


@dataclass(frozen=True)
class Seeded:
    organiser_token: str
    screen_code: str
    checkin_code: str
    event_id: Any
    tokens: dict[str, str]  # display name -> attendee token
    ids: dict[str, str]  # display name -> attendee id

    @property
    def rounds_path(self) -> str:
        return f"/o/{self.organiser_token}/rounds"


def seed(settings: Settings, people: list[dict[str, Any]] = PEOPLE, **event_fields: Any) -> Seeded:
    async def make() -> Seeded:
        engine = build_engine(settings)
        try:
            async with async_sessionmaker(engine, expire_on_commit=False)() as session:
                event = await make_event(session, **{"rounds_count": 3, "round_minutes": 8, **event_fields})
                attendees = [await make_attendee(session, event, **p) for p in people]
                await session.commit()
                return Seeded(
                    organiser_token=event.organiser_token,
                    screen_code=event.screen_code,
                    checkin_code=event.checkin_code,
                    event_id=event.id,
                    tokens={a.display_name: a.token for a in attendees},
                    ids={a.display_name: str(a.id) for a in attendees},
                )
        finally:
            await engine.dispose()

    return run_async(make())


def check_in_late(settings: Settings, event_id: Any, **profile: Any) -> tuple[str, str]:
    """Someone arriving now; returns (token, id)."""

    async def arrive() -> tuple[str, str]:
        engine = build_engine(settings)
        try:
            async with async_sessionmaker(engine, expire_on_commit=False)() as session:
                event = await session.get(Event, event_id)
                attendee = await make_attendee(session, event, **profile)
                await session.commit()
                return attendee.token, str(attendee.id)
        finally:
            await engine.dispose()

    return run_async(arrive())


def stored_plans(settings: Settings, event_id: Any) -> list[RoundPlan]:
    async def read() -> list[RoundPlan]:
        engine = build_engine(settings)
        try:
            async with async_sessionmaker(engine, expire_on_commit=False)() as session:
                rows = await session.scalars(
                    select(RoundPlan).where(RoundPlan.event_id == event_id).order_by(RoundPlan.created_at)
                )
                return list(rows)
        finally:
            await engine.dispose()

    return run_async(read())


def stored_attendees(settings: Settings, event_id: Any) -> list[Attendee]:
    async def read() -> list[Attendee]:
        engine = build_engine(settings)
        try:
            async with async_sessionmaker(engine, expire_on_commit=False)() as session:
                return list(await session.scalars(select(Attendee).where(Attendee.event_id == event_id)))
        finally:
            await engine.dispose()

    return run_async(read())


def status(client: TestClient[Litestar], seeded: Seeded) -> dict[str, Any]:
    response = client.get(f"{seeded.rounds_path}/status")
    assert response.status_code == 200
    return response.json()


def plan_and_wait(client: TestClient[Litestar], seeded: Seeded, seconds: int = 2) -> dict[str, Any]:
    response = post_form(client, f"{seeded.rounds_path}/plan", {"seconds": str(seconds)})
    assert response.status_code == 303, response.text
    deadline = time.monotonic() + seconds + 30
    while time.monotonic() < deadline:
        state = status(client, seeded)
        if state["planning"] and not state["planning"]["running"]:
            assert state["planning"]["error"] is None
            return state
        time.sleep(0.05)
    raise AssertionError("planning did not finish")


def shown(html: str) -> str:
    """What a phone or the projector shows of a section: the part before its prepared templates."""
    return html.split("<template", 1)[0]


def without_numbers(clock_line: str) -> str:
    """A clock line without what a page fills in from a notice: end time, server's now, digits."""
    clock_line = re.sub(r'data-(ends-at|server-now)="\d+"', r'data-\1="#"', clock_line)
    return re.sub(r'(<span class="countdown"[^>]*>)[^<]*(</span>)', r"\1#\2", clock_line)


def act(client: TestClient[Litestar], seeded: Seeded, path: str, data: dict[str, str] | None = None) -> Any:
    return post_form(client, f"{seeded.rounds_path}/{path}", data or {})


@pytest.fixture
def seeded(settings: Settings) -> Seeded:
    return seed(settings)
