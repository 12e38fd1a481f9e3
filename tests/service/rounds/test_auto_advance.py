"""Automatic advance on a real SQLite file: the server's pass over the clocks (driven directly with
a chosen ``now``), the race with an organiser's click, holds, the console's setting form, and the
task the app starts."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from litestar import Litestar
from litestar.channels import ChannelsPlugin
from litestar.testing import TestClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from service.app import build_channels_plugin, create_app
from service.db.config import build_engine
from service.db.models import Event
from service.domain_errors import ConcurrentChange
from service.event_lock import lock_event
from service.live import event_channel
from service.rounds import services
from service.rounds.auto_advance import Pass, advance_event, check_clocks, coming_text
from service.rounds.clock import BREAK, FINISHED, RUNNING, ClockState, planned_step
from service.rounds.models import DRAFT, PUBLISHED
from service.rounds.store import clock_row, clock_state, save_clock
from service.settings import Settings
from tests.factories import SeededEvent, act, in_session, post_form, rounds_status, run_async, store_plan

Client = TestClient[Litestar]
NOW = datetime.now(UTC).replace(microsecond=0)


def publish_pairs(settings: Settings, seeded: SeededEvent, status: str = PUBLISHED) -> None:
    """A plan of 3 rounds, 3 pairs each, stored as the rounds domain stores it."""
    ids = list(seeded.ids.values())
    rotations = [ids, ids[1:] + ids[:1], ids[2:] + ids[:2]]
    rounds = [[{"table": str(t + 1), "members": order[2 * t : 2 * t + 2]} for t in range(3)] for order in rotations]
    store_plan(settings, seeded.event_id, rounds, status)


def set_clock(settings: Settings, seeded: SeededEvent, state: ClockState) -> None:
    async def save(session: AsyncSession) -> None:
        await save_clock(session, seeded.event_id, state)
        await session.commit()

    in_session(settings, save)


def set_auto(settings: Settings, seeded: SeededEvent, *, on: bool = True, break_minutes: int = 0) -> None:
    async def save(session: AsyncSession) -> None:
        event = await session.get(Event, seeded.event_id)
        assert event is not None
        services.set_auto_advance(event, on=on, break_minutes=break_minutes)
        await session.commit()

    in_session(settings, save)


def stored_clock(settings: Settings, seeded: SeededEvent) -> ClockState:
    async def read(session: AsyncSession) -> ClockState:
        return clock_state(await clock_row(session, seeded.event_id))

    return in_session(settings, read)


def round_ending_at(number: int, ends_at: datetime) -> ClockState:
    return ClockState(phase=RUNNING, round_number=number, ends_at=ends_at)


def running_out(settings: Settings, seeded: SeededEvent, *, break_minutes: int = 0, number: int = 1) -> None:
    """Round ``number`` of a published plan, its time up a second before ``NOW``; automatic advance on."""
    publish_pairs(settings, seeded)
    set_clock(settings, seeded, round_ending_at(number, NOW - timedelta(seconds=1)))
    set_auto(settings, seeded, break_minutes=break_minutes)


async def one_pass(engine: AsyncEngine, channels: ChannelsPlugin, event_id: Any, now: datetime) -> tuple[Pass, list]:
    """One pass at ``now``, with the "rounds" notices it sent to the event's pages."""
    async with channels.start_subscription(event_channel(event_id)) as subscriber:
        result = await check_clocks(engine, channels, now)
        notices = []
        events = subscriber.iter_events()
        while True:  # read until nothing more comes
            try:
                message = await asyncio.wait_for(anext(events), timeout=0.3)
            except TimeoutError:
                break
            notices.append(json.loads(message))
    return result, notices


def passes(settings: Settings, seeded: SeededEvent, *moments: datetime) -> list[tuple[Pass, list]]:
    async def run() -> list[tuple[Pass, list]]:
        engine = build_engine(settings)
        try:
            async with build_channels_plugin(settings) as channels:
                return [await one_pass(engine, channels, seeded.event_id, moment) for moment in moments]
        finally:
            await engine.dispose()

    return run_async(run())


def test_a_round_moves_into_the_break_then_the_next_round_and_the_last_one_ends_the_event(
    settings: Settings, seeded: SeededEvent
) -> None:
    running_out(settings, seeded, break_minutes=2)
    before = stored_clock(settings, seeded)
    [(moved, notices), (again, none)] = passes(settings, seeded, NOW, NOW)
    assert moved.moved == [seeded.event_id] and again.moved == [] and none == []
    on_break = stored_clock(settings, seeded)
    assert (on_break.phase, on_break.round_number, on_break.version) == (BREAK, 1, before.version + 1)
    assert on_break.ends_at == NOW + timedelta(minutes=2)  # the whole break, from when it started
    # The same notice as the organiser's button: projector and phones show round 2's tables next.
    [notice] = notices
    assert (notice["topic"], notice["view"], notice["clock"]["phase"]) == ("rounds", "round-2-next", "break")
    assert again.wake_at == NOW + timedelta(minutes=2)  # the task sleeps until the break is over

    [(not_yet, _), (over, _)] = passes(settings, seeded, NOW + timedelta(seconds=119), NOW + timedelta(minutes=2))
    assert not_yet.moved == [] and over.moved == [seeded.event_id]
    round_two = stored_clock(settings, seeded)
    assert (round_two.phase, round_two.round_number) == (RUNNING, 2)
    assert round_two.ends_at == NOW + timedelta(minutes=2 + 8)

    set_clock(settings, seeded, round_ending_at(3, NOW))
    [(last, notices)] = passes(settings, seeded, NOW)
    assert last.moved == [seeded.event_id] and stored_clock(settings, seeded).phase == FINISHED
    assert notices[0]["view"] == "finished"


def test_without_a_break_the_next_round_starts_at_once(settings: Settings, seeded: SeededEvent) -> None:
    running_out(settings, seeded)
    passes(settings, seeded, NOW)
    state = stored_clock(settings, seeded)
    assert (state.phase, state.round_number, state.ends_at) == (RUNNING, 2, NOW + timedelta(minutes=8))


def test_nothing_moves_when_it_is_off_paused_or_not_yet_time(settings: Settings, seeded: SeededEvent) -> None:
    running_out(settings, seeded)
    set_auto(settings, seeded, on=False)
    assert passes(settings, seeded, NOW)[0][0].moved == []
    set_auto(settings, seeded, on=True)
    set_clock(settings, seeded, ClockState(phase="paused", round_number=1, paused_remaining_seconds=30))
    assert passes(settings, seeded, NOW + timedelta(hours=1))[0][0].moved == []
    set_clock(settings, seeded, round_ending_at(1, NOW + timedelta(seconds=30)))
    [(early, _)] = passes(settings, seeded, NOW)
    assert early.moved == [] and early.wake_at == NOW + timedelta(seconds=30)
    assert stored_clock(settings, seeded).phase == RUNNING


def test_an_unpublished_re_plan_holds_the_next_round_and_the_console_says_so(
    settings: Settings, seeded: SeededEvent
) -> None:
    running_out(settings, seeded)
    publish_pairs(settings, seeded, status=DRAFT)
    assert passes(settings, seeded, NOW)[0][0].moved == []
    assert stored_clock(settings, seeded).round_number == 1
    app = create_app(settings)
    with TestClient(app=app, base_url="http://testserver.local") as client:
        page = client.get(seeded.rounds_path).text
        assert "A re-plan is waiting to be published, so round 2 will not start by itself" in page
        # Discarding it lifts the hold: the server's task moves on at once, nobody presses anything.
        assert act(client, seeded, "discard").status_code == 303
        wait_for(lambda: rounds_status(client, seeded)["round_number"] == 2, seconds=2.5)
        assert "will not start by itself" not in client.get(seeded.rounds_path).text


def test_an_empty_next_round_is_never_started_by_itself(settings: Settings, seeded: SeededEvent) -> None:
    ids = list(seeded.ids.values())
    store_plan(settings, seeded.event_id, [[{"table": "1", "members": ids}], []], PUBLISHED)
    set_clock(settings, seeded, round_ending_at(1, NOW - timedelta(seconds=1)))
    set_auto(settings, seeded)
    assert passes(settings, seeded, NOW)[0][0].moved == []
    assert stored_clock(settings, seeded).phase == RUNNING


async def organiser_next(sessions: async_sessionmaker[AsyncSession], event_id: Any, seen: str, now: datetime) -> bool:
    """What the organiser's "Start round 2 now" does (the controller's ``_act``): True when applied."""
    async with sessions() as session:
        event = await session.get(Event, event_id)
        assert event is not None
        await lock_event(session, event)
        try:
            await services.run_clock(session, event, "next", now, seen=seen, confirmed=True)
        except ConcurrentChange:
            await session.rollback()
            return False
        await session.commit()
        return True


def test_an_organiser_click_and_the_timer_at_the_same_moment_move_the_clock_once(
    settings: Settings, seeded: SeededEvent
) -> None:
    running_out(settings, seeded, break_minutes=3)

    async def race() -> list[tuple[bool, bool]]:
        engine = build_engine(settings)
        sessions = async_sessionmaker(engine, expire_on_commit=False)
        outcomes = []
        try:
            async with build_channels_plugin(settings) as channels:
                for _ in range(8):
                    async with sessions() as session:
                        await save_clock(session, seeded.event_id, round_ending_at(1, NOW))
                        await session.commit()
                        seen = clock_state(await clock_row(session, seeded.event_id)).key()

                    async def timer(channels: ChannelsPlugin = channels) -> bool:
                        async with sessions() as session:
                            return await advance_event(session, channels, seeded.event_id, NOW)

                    clicked, timed = await asyncio.gather(organiser_next(sessions, seeded.event_id, seen, NOW), timer())
                    async with sessions() as session:
                        after = clock_state(await clock_row(session, seeded.event_id))
                    assert after.version == int(seen.rsplit(":", 1)[1]) + 1  # exactly one change
                    assert (after.phase, after.round_number) == ((RUNNING, 2) if clicked else (BREAK, 1))
                    outcomes.append((clicked, timed))
        finally:
            await engine.dispose()
        return outcomes

    outcomes = run_async(race())
    assert all(clicked != timed for clicked, timed in outcomes), outcomes


def wait_for(condition: Any, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the clock did not move on in time"
        time.sleep(0.05)


def test_the_console_sets_it_and_the_app_s_own_task_moves_the_clock(settings: Settings, seeded: SeededEvent) -> None:
    app = create_app(dataclasses.replace(settings, clock_check_seconds=0.2))
    with TestClient(app=app, base_url="http://testserver.local") as client:
        page = client.get(seeded.rounds_path).text
        assert "Off:</strong> you start each round yourself" in page
        assert '<label for="auto-advance">' in page and '<label for="auto-break-minutes">' in page
        publish_pairs(settings, seeded)
        set_clock(settings, seeded, round_ending_at(1, datetime.now(UTC) + timedelta(minutes=5)))
        saved = post_form(client, f"{seeded.rounds_path}/auto-advance", {"auto_advance": "on", "break_minutes": "1"})
        assert saved.status_code == 303
        page = client.get(seeded.rounds_path).text
        assert "a 1-minute break starts, then round 2 starts by itself" in page and "checked" in page
        assert rounds_status(client, seeded)["phase"] == "running"
        # Time runs out (the stored end time moves, as if five minutes passed): the server moves on.
        set_clock(settings, seeded, round_ending_at(1, datetime.now(UTC) + timedelta(seconds=0.3)))
        wait_for(lambda: rounds_status(client, seeded)["phase"] == "break")
        status = rounds_status(client, seeded)
        assert status["round_number"] == 1 and 55 < status["remaining_seconds"] <= 60


@pytest.mark.parametrize(
    ("break_minutes", "words"),
    [("16", "between 0 and 15 minutes"), ("-1", "between 0 and 15 minutes"), ("abc", "whole number of minutes")],
)
def test_a_wrong_break_length_is_refused_and_nothing_changes(
    client: Client, settings: Settings, seeded: SeededEvent, break_minutes: str, words: str
) -> None:
    refused = post_form(
        client, f"{seeded.rounds_path}/auto-advance", {"auto_advance": "on", "break_minutes": break_minutes}
    )
    assert refused.status_code == 400 and words in refused.text

    async def read(session: AsyncSession) -> tuple[bool, int]:
        event = await session.get(Event, seeded.event_id)
        assert event is not None
        return event.auto_advance, event.break_minutes

    assert in_session(settings, read) == (False, 0)
    assert post_form(client, f"{seeded.rounds_path}/auto-advance", {"break_minutes": "4"}).status_code == 303
    assert in_session(settings, read) == (False, 4)  # an unticked box turns it off


def coming(state: ClockState, break_minutes: int = 0, *, held: bool = False) -> str:
    step = planned_step(state, total_rounds=3, break_minutes=break_minutes)
    return coming_text(state, step, 3, held=held)


def test_the_console_says_in_plain_words_what_happens_next_by_itself() -> None:
    assert coming(round_ending_at(1, NOW)) == "When round 1's time runs out, round 2 starts by itself."
    assert coming(round_ending_at(1, NOW), 5) == (
        "When round 1's time runs out, a 5-minute break starts, then round 2 starts by itself."
    )
    assert coming(round_ending_at(1, NOW), 5, held=True) == "When round 1's time runs out, a 5-minute break starts."
    assert coming(round_ending_at(1, NOW), held=True) == ""  # the hold itself says why
    assert (
        coming(round_ending_at(3, NOW), 5)
        == "When round 3's time runs out, the event ends: it is the last of 3 rounds."
    )
    assert coming(ClockState(phase=BREAK, round_number=2, ends_at=NOW)) == (
        "When the break is over, round 3 starts by itself."
    )
    assert "nothing moves on by itself until you resume" in coming(ClockState(phase="paused", round_number=1))
    assert "ended by hand, so round 2 starts when you start it" in coming(ClockState(phase="between", round_number=1))
    assert coming(ClockState()).startswith("Start round 1 yourself")
    assert coming(ClockState(phase=FINISHED, round_number=3)) == ""
