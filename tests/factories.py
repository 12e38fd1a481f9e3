"""Everything tests share: settings, events and attendees made through Mingle's own service
functions, reading rows back, and driving the pages (forms with CSRF, planning, rounds actions).

No test module imports from another test module; what two of them need lives here.

- ``make_settings(data_dir)``: settings on a SQLite file in that directory;
- ``seed_event(settings, people, **event_fields) -> SeededEvent``: an event and its checked-in
  attendees (``people`` is a count of generated people, or a list of profile fields);
  ``seed_rounds_event`` is the same with the rounds tests' six named people and 3 rounds;
- ``in_session(settings, work)``: run ``work(session)`` on a fresh engine, disposed after;
- ``stored_plans`` / ``stored_attendees`` / ``attendee_ids`` / ``store_plan`` / ``check_in_late``;
- ``csrf_token(client)`` / ``post_form(client, url, data)`` for HTML forms (TestClient or httpx);
- ``rounds_status`` / ``wait_for_planning`` / ``plan_and_wait`` / ``act`` for the rounds pages;
- ``run_async(coroutine)`` runs async code from a synchronous test (safe beside Playwright).
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.attendees.schemas import ProfileInput
from service.attendees.services import check_in
from service.db.config import build_engine
from service.db.models import Attendee, Event
from service.events.schemas import EventInput
from service.events.services import create_event
from service.rounds.models import RoundPlan
from service.settings import Settings, sqlite_url

CSRF_COOKIE = "csrftoken"
DB_FILENAME = "mingle.sqlite3"
PHONE_VIEWPORT = {"width": 390, "height": 844}
PLANNING_TIMEOUT_SECONDS = 30
T = TypeVar("T")

# The rounds tests' people: distinct first names, and profiles that help each other.
PEOPLE: list[dict[str, Any]] = [
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
TOPICS = ["climate tech", "fundraising", "kubernetes", "design", "hiring", "machine learning"]


def make_settings(data_dir: Path, base_url: str = "http://testserver.local") -> Settings:
    return Settings(
        data_dir=data_dir,
        database_url=sqlite_url(data_dir / DB_FILENAME),
        secret_key="test-secret-key-not-for-production",
        base_url=base_url,
    )


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to the end from synchronous test code.

    On a thread of its own: the Playwright fixtures keep an event loop running on the main
    thread for the whole session, where ``asyncio.run`` (and anyio tests) would fail.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def in_session(settings: Settings, work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """``work(session)`` on an engine of its own, disposed afterwards (work commits what it keeps)."""

    async def main() -> T:
        engine = build_engine(settings)
        try:
            async with async_sessionmaker(engine, expire_on_commit=False)() as session:
                return await work(session)
        finally:
            await engine.dispose()

    return run_async(main())


# ---- making rows ------------------------------------------------------------------------


async def make_event(session: AsyncSession, **fields: Any) -> Event:
    data = {"name": "Test Meetup", **fields}
    return await create_event(session, EventInput(**data))


async def make_attendee(session: AsyncSession, event: Event, **fields: Any) -> Attendee:
    data = {"display_name": "Test Person", **fields}
    return await check_in(session, event, ProfileInput(**data))


def person_fields(index: int) -> dict[str, Any]:
    """A varied, valid profile for the ``index``-th generated person."""
    return {
        "display_name": f"Person {index:03d}",
        "interests": [TOPICS[index % len(TOPICS)]],
        "offers": [TOPICS[(index + 1) % len(TOPICS)]],
        "seeks": [TOPICS[(index + 2) % len(TOPICS)]],
    }


def numbered_people(count: int) -> list[dict[str, Any]]:
    """Full profiles (pronouns, affiliation, two interests) for badge and layout tests."""
    return [
        {
            "display_name": f"Person {index:03d} Example",
            "pronouns": "they/them",
            "affiliation": "Example Org",
            "interests": [TOPICS[index % 6], TOPICS[(index + 3) % 6]],
            "offers": [TOPICS[(index + 1) % 6]],
            "seeks": [TOPICS[(index + 2) % 6]],
        }
        for index in range(count)
    ]


@dataclass(frozen=True)
class SeededEvent:
    organiser_token: str
    checkin_code: str
    screen_code: str
    event_id: Any
    attendee_tokens: list[str] = field(default_factory=list)  # in the order given
    tokens: dict[str, str] = field(default_factory=dict)  # display name -> attendee token
    ids: dict[str, str] = field(default_factory=dict)  # display name -> attendee id
    public_codes: dict[str, str] = field(default_factory=dict)  # display name -> badge card code (/p/…)

    @property
    def organiser_path(self) -> str:
        return f"/o/{self.organiser_token}"

    @property
    def checkin_path(self) -> str:
        return f"/c/{self.checkin_code}"

    @property
    def rounds_path(self) -> str:
        return f"/o/{self.organiser_token}/rounds"

    @property
    def badges_path(self) -> str:
        return f"/o/{self.organiser_token}/badges"


def seed_event(settings: Settings, people: int | Sequence[dict[str, Any]] = 0, **event_fields: Any) -> SeededEvent:
    """Create an event and its checked-in attendees in the settings' database."""
    profiles = [person_fields(i) for i in range(people)] if isinstance(people, int) else list(people)

    async def make(session: AsyncSession) -> SeededEvent:
        event = await make_event(session, **event_fields)
        attendees = [await make_attendee(session, event, **profile) for profile in profiles]
        await session.commit()
        return SeededEvent(
            organiser_token=event.organiser_token,
            checkin_code=event.checkin_code,
            screen_code=event.screen_code,
            event_id=event.id,
            attendee_tokens=[a.token for a in attendees],
            tokens={a.display_name: a.token for a in attendees},
            ids={a.display_name: str(a.id) for a in attendees},
            public_codes={a.display_name: a.public_code for a in attendees},
        )

    return in_session(settings, make)


def seed_rounds_event(
    settings: Settings, people: Sequence[dict[str, Any]] = PEOPLE, **event_fields: Any
) -> SeededEvent:
    """The rounds tests' event: ``PEOPLE`` (unless given), 3 rounds of 8 minutes."""
    return seed_event(settings, people, **{"rounds_count": 3, "round_minutes": 8, **event_fields})


def check_in_late(settings: Settings, event_id: Any, **profile: Any) -> tuple[str, str]:
    """Someone arriving now; returns (token, id)."""

    async def arrive(session: AsyncSession) -> tuple[str, str]:
        event = await session.get(Event, event_id)
        assert event is not None
        attendee = await make_attendee(session, event, **profile)
        await session.commit()
        return attendee.token, str(attendee.id)

    return in_session(settings, arrive)


def store_plan(settings: Settings, event_id: Any, rounds: list[list[dict[str, Any]]], status: str) -> None:
    """A rounds plan as the rounds domain stores it: ``[[{"table": "4", "members": [id, ...]}, ...], ...]``."""

    async def store(session: AsyncSession) -> None:
        session.add(RoundPlan(event_id=event_id, status=status, rounds=rounds))
        await session.commit()

    in_session(settings, store)


# ---- reading rows back ------------------------------------------------------------------


def stored_plans(settings: Settings, event_id: Any) -> list[RoundPlan]:
    async def read(session: AsyncSession) -> list[RoundPlan]:
        query = select(RoundPlan).where(RoundPlan.event_id == event_id).order_by(RoundPlan.created_at)
        return list(await session.scalars(query))

    return in_session(settings, read)


def stored_attendees(settings: Settings, event_id: Any) -> list[Attendee]:
    async def read(session: AsyncSession) -> list[Attendee]:
        return list(await session.scalars(select(Attendee).where(Attendee.event_id == event_id)))

    return in_session(settings, read)


def attendee_ids(settings: Settings, event_id: Any) -> dict[str, str]:
    """Display name -> attendee id (the id plans refer to)."""
    return {a.display_name: str(a.id) for a in stored_attendees(settings, event_id)}


# ---- driving the pages ------------------------------------------------------------------


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


def act(client: Any, seeded: SeededEvent, path: str, data: dict[str, str] | None = None) -> Any:
    """One organiser action on the rounds page (``plan``, ``publish``, ``clock/start``, …)."""
    return post_form(client, f"{seeded.rounds_path}/{path}", data or {})


def rounds_status(client: Any, seeded: SeededEvent) -> dict[str, Any]:
    response = client.get(f"{seeded.rounds_path}/status")
    assert response.status_code == 200
    return dict(response.json())


def wait_for_planning(
    client: Any, seeded: SeededEvent, timeout_seconds: float = PLANNING_TIMEOUT_SECONDS
) -> dict[str, Any]:
    """Poll the status until the planner has stopped; returns the last status."""
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        state = rounds_status(client, seeded)
        if state["planning"] and not state["planning"]["running"]:
            return state
        time.sleep(0.05)
    raise AssertionError(f"planning did not finish in {timeout_seconds} s")


def plan_and_wait(client: Any, seeded: SeededEvent, seconds: int = 2) -> dict[str, Any]:
    """Plan (or re-plan) with this thinking time and wait for the draft; the planner must succeed."""
    response = act(client, seeded, "plan", {"seconds": str(seconds)})
    assert response.status_code == 303, response.text
    state = wait_for_planning(client, seeded, seconds + PLANNING_TIMEOUT_SECONDS)
    assert state["planning"]["error"] is None
    return state


def shown(html: str) -> str:
    """What a phone or the projector shows of a section: the part before its prepared templates."""
    return html.split("<template", 1)[0]


def without_numbers(clock_line: str) -> str:
    """A clock line without what a page fills in from a notice: end time, server's now, digits."""
    clock_line = re.sub(r'data-(ends-at|server-now)="\d+"', r'data-\1="#"', clock_line)
    return re.sub(r'(<span class="countdown"[^>]*>)[^<]*(</span>)', r"\1#\2", clock_line)


def table_names(settings: Settings) -> set[str]:
    async def read(session: AsyncSession) -> set[str]:
        connection = await session.connection()
        return set(await connection.run_sync(lambda sync: inspect(sync).get_table_names()))

    return in_session(settings, read)


def schema_differences(settings: Settings) -> list[tuple[Any, ...]]:
    """What Alembic's autogenerate finds between the migrated SQLite file and every model, except
    column types: SQLite reports every GUID column as NUMERIC, so types are not compared there."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from service.db.models import Attendee

    engine = create_engine(f"sqlite:///{settings.data_dir / DB_FILENAME}")
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Attendee.metadata)
    finally:
        engine.dispose()
    flat = [op for d in differences for op in (d if isinstance(d, list) else [d])]
    return [op for op in flat if op[0] != "modify_type"]
