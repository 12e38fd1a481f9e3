"""Events with hand-written attendee profiles, made through Mingle's own service functions."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from service.db.config import build_engine
from service.db.models import Attendee
from service.rounds.models import RoundPlan
from service.settings import Settings
from tests.factories import make_attendee, make_event


@dataclass(frozen=True)
class SeededPeople:
    organiser_token: str
    event_id: Any
    # display name -> attendee token
    tokens: dict[str, str]
    # display name -> attendee id (what the organiser's badge page chooses people by)
    ids: dict[str, str] = field(default_factory=dict)
    # display name -> public code (what a badge's QR code opens: /p/{code})
    public_codes: dict[str, str] = field(default_factory=dict)

    @property
    def badges_path(self) -> str:
        return f"/o/{self.organiser_token}/badges"


async def _seed(settings: Settings, profiles: Sequence[dict[str, Any]], event_fields: dict[str, Any]) -> SeededPeople:
    engine = build_engine(settings)
    try:
        async with async_sessionmaker(engine, expire_on_commit=False)() as session:
            event = await make_event(session, **event_fields)
            attendees = [await make_attendee(session, event, **profile) for profile in profiles]
            await session.commit()
            return SeededPeople(
                event.organiser_token,
                event.id,
                {a.display_name: a.token for a in attendees},
                {a.display_name: str(a.id) for a in attendees},
                {a.display_name: a.public_code for a in attendees},
            )
    finally:
        await engine.dispose()


def seed_people(settings: Settings, profiles: Sequence[dict[str, Any]], **event_fields: Any) -> SeededPeople:
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _seed(settings, profiles, event_fields)).result()


def numbered_people(count: int) -> list[dict[str, Any]]:
    topics = ["climate tech", "fundraising", "kubernetes", "design", "hiring", "machine learning"]
    return [
        {
            "display_name": f"Person {index:03d} Example",
            "pronouns": "they/them",
            "affiliation": "Example Org",
            "interests": [topics[index % 6], topics[(index + 3) % 6]],
            "offers": [topics[(index + 1) % 6]],
            "seeks": [topics[(index + 2) % 6]],
        }
        for index in range(count)
    ]


async def _store_plan(settings: Settings, event_id: Any, rounds: list[list[dict[str, Any]]], status: str) -> None:
    engine = build_engine(settings)
    try:
        async with async_sessionmaker(engine)() as session:
            session.add(RoundPlan(event_id=event_id, status=status, rounds=rounds))
            await session.commit()
    finally:
        await engine.dispose()


def store_plan(settings: Settings, event_id: Any, rounds: list[list[dict[str, Any]]], status: str) -> None:
    """A rounds plan as the rounds domain stores it: ``[[{"table": "4", "members": [id, ...]}, ...], ...]``."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, _store_plan(settings, event_id, rounds, status)).result()


async def _attendee_ids(settings: Settings, event_id: Any) -> dict[str, str]:
    engine = build_engine(settings)
    try:
        async with async_sessionmaker(engine)() as session:
            rows = await session.execute(
                select(Attendee.display_name, Attendee.id).where(Attendee.event_id == event_id)
            )
            return {name: str(attendee_id) for name, attendee_id in rows}
    finally:
        await engine.dispose()


def attendee_ids(settings: Settings, event_id: Any) -> dict[str, str]:
    """Display name -> attendee id (the id plans refer to)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _attendee_ids(settings, event_id)).result()
