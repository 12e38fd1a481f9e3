"""Follow-up tests: an event with a published plan whose meetings are known in advance (stored
as the planner stores them), the round clock where a test wants it, and helpers to read pages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from litestar import Litestar
from litestar.testing import TestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.db.config import build_engine
from service.db.models import Event as EventRow
from service.followup.report import Report, build_report
from service.rounds.clock import ClockState
from service.rounds.models import PUBLISHED, RoundPlan
from service.rounds.store import save_clock
from service.settings import Settings
from tests.factories import in_session, make_attendee, make_event, post_form, run_async

Client = TestClient[Litestar]

PEOPLE: list[dict[str, Any]] = [
    {
        "display_name": "Ana Souza",
        "affiliation": "SunCrate",
        "offers": ["fundraising"],
        "seeks": ["kubernetes"],
        "contact": "ana@example.org",
        "share_contact": True,
    },
    {
        "display_name": "Ben Okafor",
        "offers": ["kubernetes"],
        "seeks": ["design"],
        "contact": "https://ben.example.org/hello",
        "share_contact": True,
    },
    {
        "display_name": "Chloé Martin",
        "offers": ["design"],
        "seeks": ["fundraising"],
        "contact": "chloe@example.org",
    },
    {"display_name": "Dev Patel", "offers": ["hiring"], "seeks": ["machine learning"], "contact": "dev@example.org"},
    {
        "display_name": "王小明",
        "affiliation": "北京大学; 计算机系, AI",
        "pronouns": "he/him",
        "offers": ["machine learning"],
        "seeks": ["hiring"],
        "contact": "wang@example.cn",
    },
    {
        "display_name": "محمد الأحمد",
        "affiliation": "جامعة القاهرة",
        "offers": ["hiring"],
        "seeks": ["machine learning"],
        "contact": "mohamed@example.eg",
    },
]
SHORT = ["ana", "ben", "chloe", "dev", "wang", "mo"]
# Three rounds of pairs (table labels as the planner writes them).
ROUNDS = [
    [("ana", "ben"), ("chloe", "dev"), ("wang", "mo")],
    [("ana", "chloe"), ("ben", "wang"), ("dev", "mo")],
    [("ana", "dev"), ("ben", "mo"), ("chloe", "wang")],
]
VALUES = {"ana": 3.0, "ben": 2.0, "chloe": 1.0, "dev": 0.5, "wang": 2.5, "mo": 1.5}


@dataclass(frozen=True)
class Event:
    organiser_token: str
    event_id: Any
    tokens: dict[str, str]  # short name -> attendee token
    ids: dict[str, str]  # short name -> attendee id

    def page(self, who: str) -> str:
        return f"/a/{self.tokens[who]}"


def seed(
    settings: Settings,
    *,
    phase: str = "finished",
    round_number: int = 3,
    people: list[dict[str, Any]] = PEOPLE,
    short: list[str] = SHORT,
    rounds: list[list[tuple[str, ...]]] = ROUNDS,
    values: dict[str, float] = VALUES,
) -> Event:
    async def make() -> Event:
        engine = build_engine(settings)
        try:
            async with async_sessionmaker(engine, expire_on_commit=False)() as session:
                event = await make_event(session, rounds_count=len(rounds), round_minutes=8)
                attendees = [await make_attendee(session, event, **p) for p in people]
                ids = {name: str(a.id) for name, a in zip(short, attendees, strict=True)}
                stored = [
                    [{"table": str(t + 1), "members": [ids[n] for n in group]} for t, group in enumerate(groups)]
                    for groups in rounds
                ]
                session.add(
                    RoundPlan(
                        event_id=event.id,
                        status=PUBLISHED,
                        rounds=stored,
                        person_values={ids[n]: v for n, v in values.items()},
                    )
                )
                await save_clock(session, event.id, ClockState(phase=phase, round_number=round_number))
                await session.commit()
                return Event(
                    organiser_token=event.organiser_token,
                    event_id=event.id,
                    tokens={name: a.token for name, a in zip(short, attendees, strict=True)},
                    ids=ids,
                )
        finally:
            await engine.dispose()

    return run_async(make())


def set_clock(settings: Settings, event_id: UUID, phase: str, round_number: int) -> None:
    async def save() -> None:
        engine = build_engine(settings)
        try:
            async with async_sessionmaker(engine, expire_on_commit=False)() as session:
                await save_clock(session, event_id, ClockState(phase=phase, round_number=round_number))
                await session.commit()
        finally:
            await engine.dispose()

    run_async(save())


def keep(client: Client, event: Event, who: str, partner: str, value: str = "1") -> Any:
    return post_form(client, f"{event.page(who)}/keep/{event.ids[partner]}", {"keep": value})


def answer(client: Client, event: Event, who: str, partner: str, round_number: int, **fields: str) -> Any:
    return post_form(client, f"{event.page(who)}/met/{event.ids[partner]}/rounds/{round_number}", fields)


def without_csrf(html: str) -> str:
    return re.sub(r'(name="_csrf_token" value|name="csrf-token" content)="[^"]*"', r'\1="#"', html)


def publish_plan(settings: Settings, event_id: UUID, rounds: list[list[list[str]]]) -> None:
    """Publish a newer plan (attendee ids per table per round), as a re-plan does."""

    async def save() -> None:
        engine = build_engine(settings)
        try:
            async with async_sessionmaker(engine, expire_on_commit=False)() as session:
                stored = [
                    [{"table": str(t + 1), "members": members} for t, members in enumerate(groups)] for groups in rounds
                ]
                session.add(RoundPlan(event_id=event_id, status=PUBLISHED, rounds=stored, person_values={}))
                await session.commit()
        finally:
            await engine.dispose()

    run_async(save())


def give_answers(client: Client, event: Event) -> None:
    answer(client, event, "ana", "ben", 1, met="yes", useful="3", note="Got two investor intros")
    answer(client, event, "ben", "ana", 1, useful="2")  # a rating says they met
    answer(client, event, "chloe", "dev", 1, met="no_show")
    answer(client, event, "ana", "chloe", 2, useful="1")
    answer(client, event, "chloe", "ana", 2, useful="3", thanks="Thanks for the pitch tips")
    answer(client, event, "ben", "wang", 2, met="yes")
    answer(client, event, "ana", "dev", 3, met="no_show")
    answer(client, event, "dev", "ana", 3, met="yes")  # one side saying they met wins
    answer(client, event, "chloe", "wang", 3, useful="2", note="Learnt about ML hiring")
    keep(client, event, "chloe", "dev")
    keep(client, event, "dev", "chloe")
    keep(client, event, "wang", "mo")  # one-sided: no connection


def report_of(settings: Settings, event: Event) -> Report:
    async def build(session: AsyncSession) -> Report:
        row = await session.get(EventRow, event.event_id)
        assert row is not None
        return await build_report(session, row)

    return in_session(settings, build)
