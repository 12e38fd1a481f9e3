"""A live event in the middle of round 1, made through the real server (plan, publish, start),
and a way to move the stored clock so a test need not wait a whole round."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import async_sessionmaker

from service.db.config import build_engine
from service.rounds.store import clock_row, clock_state, save_clock
from tests.factories import PEOPLE, SeededEvent, make_settings, post_form, run_async, seed_rounds_event
from tests.live_server import LiveServer

PLAN_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class LiveEvent:
    server: LiveServer
    seeded: SeededEvent

    def url(self, path: str) -> str:
        return self.server.url + path

    @property
    def organiser(self) -> str:
        return self.url(f"/o/{self.seeded.organiser_token}")

    @property
    def rounds(self) -> str:
        return self.url(self.seeded.rounds_path)

    @property
    def screen(self) -> str:
        return self.url(f"/s/{self.seeded.screen_code}")

    def status(self) -> dict[str, Any]:
        return dict(httpx.get(self.rounds + "/status").json())

    def act(self, path: str, data: dict[str, str] | None = None) -> httpx.Response:
        with httpx.Client(base_url=self.server.url) as client:
            return post_form(client, f"{self.seeded.rounds_path}/{path}", data or {})

    def plan(self) -> None:
        assert self.act("plan", {"seconds": "2"}).status_code == 303
        deadline = time.monotonic() + PLAN_TIMEOUT_SECONDS
        while (self.status()["planning"] or {}).get("running", True):
            assert time.monotonic() < deadline, "planning did not finish"
            time.sleep(0.1)

    def end_round_in(self, seconds: float) -> None:
        """Move the running round's stored end time to ``seconds`` from now."""
        settings = make_settings(self.server.data_dir)

        async def move() -> None:
            engine = build_engine(settings)
            try:
                async with async_sessionmaker(engine, expire_on_commit=False)() as session:
                    state = clock_state(await clock_row(session, self.seeded.event_id))
                    ends_at = datetime.now(UTC) + timedelta(seconds=seconds)
                    await save_clock(session, self.seeded.event_id, replace(state, ends_at=ends_at))
                    await session.commit()
            finally:
                await engine.dispose()

        run_async(move())


def running_event(server: LiveServer, people: list[dict[str, Any]] = PEOPLE, **event_fields: Any) -> LiveEvent:
    """Round 1 of 3 under way, 8 minutes long."""
    event = LiveEvent(server, seed_rounds_event(make_settings(server.data_dir), people=people, **event_fields))
    event.plan()
    assert event.act("publish").status_code == 303
    assert event.act("clock/start").status_code == 303
    return event
