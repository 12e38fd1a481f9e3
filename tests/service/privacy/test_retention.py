"""Personal data deleted N days after the event, by the server itself."""

from __future__ import annotations

import dataclasses
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from litestar import Litestar
from litestar.testing import TestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from service.app import create_app
from service.db.config import build_engine
from service.db.models import Event
from service.privacy.retention import purge_expired_personal_data
from service.settings import Settings
from tests.factories import (
    check_in_late,
    make_attendee,
    make_event,
    person_fields,
    post_form,
    run_async,
    store_plan,
    stored_attendees,
    stored_plans,
)
from tests.service.privacy.traces import needles_for, traces_in_tables

Client = TestClient[Litestar]
NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def seed_dated(settings: Settings, name: str, people: int = 2, **fields: Any) -> Any:
    async def make() -> Any:
        engine = build_engine(settings)
        try:
            async with async_sessionmaker(engine, expire_on_commit=False)() as session:
                event = await make_event(session, name=name, **fields)
                for index in range(people):
                    profile = {**person_fields(index), "display_name": f"{name} Person {index}"}
                    await make_attendee(session, event, **profile, contact=f"{name}{index}@example.org")
                await session.commit()
                return event.id
        finally:
            await engine.dispose()

    event_id = run_async(make())
    ids = [str(a.id) for a in stored_attendees(settings, event_id)]
    store_plan(settings, event_id, [[{"table": "1", "members": ids}]], "published")
    return event_id


def stored_event(settings: Settings, event_id: Any) -> Event | None:
    async def read() -> Event | None:
        engine = build_engine(settings)
        try:
            async with async_sessionmaker(engine)() as session:
                return await session.scalar(select(Event).where(Event.id == event_id))
        finally:
            await engine.dispose()

    return run_async(read())


def purge(settings: Settings, now: datetime) -> list[str]:
    async def run() -> list[str]:
        engine = build_engine(settings)
        try:
            return await purge_expired_personal_data(engine, now)
        finally:
            await engine.dispose()

    return run_async(run())


def test_events_past_their_retention_lose_their_peoples_data_and_keep_their_settings(settings: Settings) -> None:
    expired = seed_dated(settings, "Expired", starts_at=NOW - timedelta(days=32), retention_days=30)
    recent = seed_dated(settings, "Recent", starts_at=NOW - timedelta(days=10), retention_days=30)
    forever = seed_dated(settings, "Kept", starts_at=NOW - timedelta(days=400))
    gone = stored_attendees(settings, expired)

    # The date is the venue's wall-clock time: a day of margin before anything is deleted.
    assert purge(settings, NOW - timedelta(days=1, seconds=1)) == []
    assert len(stored_attendees(settings, expired)) == 2
    assert purge(settings, NOW) == ["Expired"]

    assert stored_attendees(settings, expired) == [] and stored_plans(settings, expired) == []
    needles = [n for person in gone for n in needles_for(person)]
    assert traces_in_tables(settings, needles) == []
    event = stored_event(settings, expired)
    assert event is not None and event.name == "Expired" and event.personal_data_deleted_at is not None
    for kept in (recent, forever):
        assert len(stored_attendees(settings, kept)) == 2 and len(stored_plans(settings, kept)) == 1
    assert purge(settings, NOW) == []  # nothing left to delete


def test_an_event_without_a_date_counts_from_the_day_it_was_created(settings: Settings) -> None:
    event_id = seed_dated(settings, "Undated", retention_days=1)
    assert purge(settings, datetime.now(UTC) + timedelta(days=1, hours=23)) == []
    assert purge(settings, datetime.now(UTC) + timedelta(days=2, minutes=1)) == ["Undated"]
    assert stored_attendees(settings, event_id) == []


def test_the_server_deletes_at_start_and_then_on_its_own_schedule(settings: Settings) -> None:
    expired = seed_dated(settings, "Expired", starts_at=datetime.now(UTC) - timedelta(days=9), retention_days=7)
    kept = seed_dated(settings, "Kept", starts_at=datetime.now(UTC) - timedelta(days=2), retention_days=7)
    app = create_app(dataclasses.replace(settings, retention_check_seconds=0.3))
    with TestClient(app=app, base_url="http://testserver.local") as client:
        wait_until(lambda: stored_attendees(settings, expired) == [])
        # Someone checks in after the deletion: the next run deletes them too, with nobody acting.
        check_in_late(settings, expired, display_name="Late Comer")
        wait_until(lambda: stored_attendees(settings, expired) == [])
        assert client.get("/healthz").status_code == 200
    assert len(stored_attendees(settings, kept)) == 2


def wait_until(condition: Any, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the server did not delete the expired data in time"
        time.sleep(0.1)


def test_the_organiser_sets_retention_on_the_event_form_and_on_the_privacy_page(client: Client) -> None:
    form = {"name": "Meetup", "format": "pairs", "rounds_count": "3", "round_minutes": "8"}
    for bad in ("abc", "0", "-3", "3651", "1.5"):
        refused = post_form(client, "/", {**form, "retention_days": bad})
        assert refused.status_code == 400 and "whole number from 1 to 3650" in refused.text, bad
    created = post_form(client, "/", {**form, "retention_days": "30"})
    organiser = created.headers["location"].split("?")[0]
    privacy = client.get(organiser + "/privacy").text
    assert 'name="retention_days" value="30"' in privacy and "With this setting: on or after" in privacy
    assert 'value="30"' in client.get(organiser + "/settings").text

    assert post_form(client, organiser + "/privacy", {"retention_days": "x"}).status_code == 400
    assert 'value="30"' in client.get(organiser + "/privacy").text
    saved = post_form(client, organiser + "/privacy", {"retention_days": ""})
    assert saved.headers["location"] == organiser + "/privacy?saved=1"
    assert 'name="retention_days" value=""' in client.get(organiser + "/privacy").text
