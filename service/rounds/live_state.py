"""The rounds' public state that every page follows: the clock, which round the room looks at,
and the "rounds" notice's content. Plain data for the templates and for the notices."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from service.rounds.clock import BETWEEN, BREAK, FINISHED, PAUSED, RUNNING, WAITING, ClockState


@dataclass(frozen=True)
class Countdown:
    """What a page needs to tick the clock by itself: the end time in the server's clock and the
    server's now (so a phone whose clock is off still counts right), or a frozen remainder."""

    phase: str
    ends_at_ms: int | None
    server_now_ms: int
    remaining_seconds: int | None

    @property
    def text(self) -> str:
        return clock_text(self.remaining_seconds)


def countdown(state: ClockState, now: datetime) -> Countdown:
    remaining = state.remaining_seconds(now)
    ends_at = state.ends_at if state.phase in (RUNNING, BREAK) else None
    return Countdown(
        phase=state.phase,
        ends_at_ms=int(ends_at.timestamp() * 1000) if ends_at else None,
        server_now_ms=int(now.timestamp() * 1000),
        remaining_seconds=None if remaining is None else math.ceil(remaining),
    )


def clock_text(seconds: int | None) -> str:
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


def display_round(state: ClockState, total_rounds: int) -> int | None:
    """The round (1-based) the room should look at now: the one under way, else the next one."""
    if state.phase == FINISHED:
        return None
    number = state.round_number if state.is_under_way() else state.upcoming_round()
    return number if number is not None and 1 <= number <= total_rounds else None


CLOCK_PHASES = (WAITING, RUNNING, PAUSED, BETWEEN, BREAK)


@dataclass(frozen=True)
class LiveRounds:
    """The rounds' public state, sent with every "rounds" notice: enough for a page that holds the
    published plan to show the new moment without asking the server. No names, no secrets."""

    plan: str  # the published plan's id; "" before publishing. A new id means: re-read the plan.
    view: str  # which prepared view pages show now (see ``view_key``)
    round_number: int | None  # the round the room looks at (under way, else the next one)
    total_rounds: int
    clock: Countdown


def view_key(published: bool, state: ClockState, total_rounds: int) -> str:
    """Names the moments that look different apart from the ticking clock: before publishing,
    round N under way ("now") or coming next ("next"), and after the last round."""
    if not published:
        return "unpublished"
    if state.phase == FINISHED:
        return "finished"
    number = display_round(state, total_rounds)
    if number is None:
        return "none"
    return f"round-{number}-{'now' if state.is_under_way() else 'next'}"


def live_rounds(plan_id: str, total_rounds: int, state: ClockState, now: datetime) -> LiveRounds:
    published = bool(plan_id)
    return LiveRounds(
        plan=plan_id,
        view=view_key(published, state, total_rounds),
        round_number=display_round(state, total_rounds) if published else None,
        total_rounds=total_rounds,
        clock=countdown(state, now),
    )


def clock_line_templates() -> list[Countdown]:
    """A countdown for each phase, to draw the clock lines pages fill in from a notice's clock:
    a ticking clock (any end time) while a round or a break runs, a frozen one while paused."""
    ticking = (RUNNING, BREAK)
    return [
        Countdown(
            phase=phase,
            ends_at_ms=0 if phase in ticking else None,
            server_now_ms=0,
            remaining_seconds=0 if phase in (*ticking, PAUSED) else None,
        )
        for phase in CLOCK_PHASES
    ]
