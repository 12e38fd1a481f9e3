"""Automatic advance: the server itself moves the round clock on when time runs out.

A task started with the app (``AutoAdvancePlugin``) sleeps until the earliest stored end time of
a clock whose event has automatic advance on, and never longer than ``check_seconds`` (so it sees
what another server process changed). Then it presses the button ``clock.due_step`` names, through
the same code as the organiser's click (``services.run_clock``), under the event's lock: a click
at the same moment and the timer never both apply. Whichever comes second finds the clock moved
on: the timer then does nothing, and the organiser's page, now out of date, gets the usual 409.
It sends the same "rounds" notice as the buttons, so projector and phones follow.

End times are stored, so after a restart the first pass moves on every clock whose time ran out
while the server was down; the break or round that follows gets its full length from then.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from litestar import Litestar
from litestar.channels import ChannelsPlugin
from litestar.config.app import AppConfig
from litestar.plugins import InitPluginProtocol
from sqlalchemy import select, true
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from service.db.models import Event
from service.domain_errors import ConcurrentChange, NotFound, UserFacingError
from service.event_lock import lock_event
from service.rounds import services
from service.rounds.clock import (
    BETWEEN,
    BREAK,
    PAUSED,
    RUNNING,
    WAITING,
    AutoStep,
    ClockState,
    due_step,
    planned_step,
    utc_now,
)
from service.rounds.models import RoundClock, RoundPlan
from service.rounds.notices import announce_rounds, current_live_rounds
from service.rounds.planning import running_job
from service.rounds.store import clock_row, clock_state, draft_plan, published_plan

logger = logging.getLogger("mingle.rounds")
# Wake a little after the end time rather than a hair before it (timers are not exact).
WAKE_MARGIN = timedelta(milliseconds=20)


async def hold_reason(session: AsyncSession, event: Event, published: RoundPlan, next_round: int) -> str | None:
    """Why the next round must not start by itself (the organiser can still start it), or None."""
    if running_job(event.id) is not None:
        return f"A re-plan is being made, so round {next_round} will not start by itself until it is published."
    if await draft_plan(session, event.id) is not None:
        return (
            f"A re-plan is waiting to be published, so round {next_round} will not start by itself. "
            f"Publish or discard it (round {next_round} then starts), or start round {next_round} yourself."
        )
    if next_round > len(published.rounds) or not published.seating[next_round - 1]:
        return f"The published plan has no tables for round {next_round}, so it will not start by itself."
    return None


@dataclass(frozen=True)
class AutoAdvanceView:
    """What the console says about automatic advance: the setting, and what happens next by itself."""

    on: bool
    break_minutes: int
    coming: str  # in plain words, e.g. "When round 2's time runs out, round 3 starts by itself."
    hold: str | None  # why the next round will not start by itself


def coming_text(state: ClockState, step: AutoStep | None, total_rounds: int, *, held: bool = False) -> str:
    """What automatic advance does next, in plain words; ``held``: the next round waits (see ``hold_reason``)."""
    number, following = state.round_number, state.round_number + 1
    if state.phase == WAITING:
        return "Start round 1 yourself; after that each round moves on by itself when its time runs out."
    if state.phase == PAUSED:
        return f"Round {number} is paused: nothing moves on by itself until you resume it."
    if state.phase == BETWEEN:
        return f"Round {number} was ended by hand, so round {following} starts when you start it."
    if step is None:
        return ""
    if step.action == "break":
        then = "" if held else f", then round {following} starts by itself"
        return f"When round {number}'s time runs out, a {step.break_minutes}-minute break starts{then}."
    if held:
        return ""  # the hold says why the next round waits
    if step.action == "end-round":
        return f"When round {number}'s time runs out, the event ends: it is the last of {total_rounds} rounds."
    if state.phase == BREAK:
        return f"When the break is over, round {following} starts by itself."
    return f"When round {number}'s time runs out, round {following} starts by itself."


async def auto_advance_view(session: AsyncSession, event: Event) -> AutoAdvanceView:
    published = await published_plan(session, event.id)
    coming, hold = "", None
    if event.auto_advance and published is not None:
        state = clock_state(await clock_row(session, event.id))
        total = len(published.rounds)
        step = planned_step(state, total_rounds=total, break_minutes=event.break_minutes)
        if step is not None and step.action in ("break", "next"):
            hold = await hold_reason(session, event, published, state.round_number + 1)
        coming = coming_text(state, step, total, held=hold is not None)
    return AutoAdvanceView(on=event.auto_advance, break_minutes=event.break_minutes, coming=coming, hold=hold)


@dataclass(frozen=True)
class Move:
    state: ClockState  # the clock as it was when the move was chosen
    step: AutoStep


async def next_move(session: AsyncSession, event: Event, now: datetime) -> Move | None:
    """The step automatic advance takes on this event at ``now``, or None (off, not due, on hold)."""
    published = await published_plan(session, event.id)
    if not event.auto_advance or published is None:
        return None
    state = clock_state(await clock_row(session, event.id))
    step = due_step(state, now, total_rounds=len(published.rounds), break_minutes=event.break_minutes)
    if step is None:
        return None
    if step.starts_a_round and await hold_reason(session, event, published, state.round_number + 1) is not None:
        return None
    return Move(state, step)


async def advance_event(session: AsyncSession, channels: ChannelsPlugin, event_id: UUID, now: datetime) -> bool:
    """Take the event's due step, as the organiser's button would; True when the clock moved."""
    event = await session.get(Event, event_id)
    if event is None:
        return False
    await lock_event(session, event)  # from here on, every read is the latest state
    move = await next_move(session, event, now)
    if move is None:  # an organiser (or another server process) got there first, or it is on hold
        await session.rollback()
        return False
    step = move.step
    await services.run_clock(session, event, step.action, now, break_minutes=step.break_minutes, seen=move.state.key())
    await session.commit()
    announce_rounds(channels, event_id, await current_live_rounds(session, event_id, now))
    logger.info("The round clock moved on by itself (%s after round %d)", step.action, move.state.round_number)
    return True


async def timed_clocks(session: AsyncSession) -> list[tuple[UUID, datetime]]:
    """(event id, end time) of every counting clock whose event has automatic advance on."""
    rows = await session.execute(
        select(RoundClock.event_id, RoundClock.ends_at)
        .join(Event, Event.id == RoundClock.event_id)
        .where(Event.auto_advance.is_(true()), RoundClock.phase.in_((RUNNING, BREAK)), RoundClock.ends_at.is_not(None))
    )
    return [(event_id, ends_at) for event_id, ends_at in rows.tuples() if ends_at is not None]


@dataclass(frozen=True)
class Pass:
    moved: list[UUID]  # events whose clock moved on
    wake_at: datetime | None  # the next end time still to come


async def check_clocks(engine: AsyncEngine, channels: ChannelsPlugin, now: datetime) -> Pass:
    """One pass: move on every clock whose time has run out (and is not on hold)."""
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    async with sessions() as session:
        timed = await timed_clocks(session)
        due = [event_id for event_id, ends_at in timed if ends_at <= now]
    moved = []
    for event_id in due:
        # One event per transaction, and the lock only when a step looks due: a clock on hold
        # costs a read per pass, not a write.
        try:
            async with sessions() as session:
                event = await session.get(Event, event_id)
                if event is None or await next_move(session, event, now) is None:
                    continue
            async with sessions() as session:
                if await advance_event(session, channels, event_id, now):
                    moved.append(event_id)
        except (ConcurrentChange, NotFound, UserFacingError) as refused:  # the moment passed meanwhile
            logger.info("Automatic advance did nothing: %s", refused)
        except Exception:  # one event's trouble (a locked database) must not stop the others
            logger.exception("Automatic advance failed for one event; it is tried again at the next check")
    return Pass(moved=moved, wake_at=min((at for _, at in timed if at > now), default=None))


# The running keepers of this process, woken when an organiser changes a clock or the setting,
# so a new end time (or a hold lifted by publishing) is seen at once rather than at the next check.
_keepers: set[ClockKeeper] = set()


def clock_changed() -> None:
    for keeper in list(_keepers):
        keeper.wake()


class ClockKeeper:
    """Makes the passes for as long as the app runs: after each one it sleeps until the next end
    time it knows (at most ``check_seconds``), or until ``wake``. ``now`` is injectable for tests."""

    def __init__(
        self,
        engine: Callable[[], AsyncEngine],
        channels: ChannelsPlugin,
        check_seconds: float,
        now: Callable[[], datetime] = utc_now,
    ) -> None:
        self.engine, self.channels, self.check_seconds, self.now = engine, channels, check_seconds, now
        self._woken: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def wake(self) -> None:
        if self._woken is None or self._loop is None:
            return
        try:
            current = asyncio.get_running_loop()
        except RuntimeError:
            current = None
        if self._loop is current:
            self._woken.set()
        else:  # another app of this process (tests run several): hand it to the keeper's own loop
            with contextlib.suppress(RuntimeError):  # that app is stopping and its loop closed
                self._loop.call_soon_threadsafe(self._woken.set)

    def seconds_to_wait(self, result: Pass, now: datetime) -> float:
        if result.moved:
            return 0.0  # the new phase has an end time of its own: look again at once
        if result.wake_at is None:
            return self.check_seconds
        return max(0.0, min(self.check_seconds, (result.wake_at + WAKE_MARGIN - now).total_seconds()))

    async def run(self) -> None:
        self._loop, self._woken = asyncio.get_running_loop(), asyncio.Event()
        engine = self.engine()
        while True:
            wait = self.check_seconds
            try:
                now = self.now()
                wait = self.seconds_to_wait(await check_clocks(engine, self.channels, now), now)
            except Exception:  # a locked or full database: log it and try again at the next check
                logger.exception("Automatic advance failed; it is tried again shortly")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._woken.wait(), timeout=wait)
            self._woken.clear()


class AutoAdvancePlugin(InitPluginProtocol):
    """Runs a ``ClockKeeper`` while the app is up. Listed after the channels plugin, its lifespan
    starts after the channels start and ends before they stop, so every notice it sends goes out."""

    def __init__(self, keeper: ClockKeeper) -> None:
        self.keeper = keeper

    def on_app_init(self, app_config: AppConfig) -> AppConfig:
        app_config.lifespan.append(self.lifespan)
        return app_config

    @contextlib.asynccontextmanager
    async def lifespan(self, _app: Litestar) -> AsyncIterator[None]:
        task = asyncio.create_task(self.keeper.run(), name="mingle-auto-advance")
        _keepers.add(self.keeper)
        try:
            yield
        finally:
            _keepers.discard(self.keeper)
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
