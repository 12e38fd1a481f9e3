"""The round clock as a small state machine over stored timestamps.

Every action takes the current state and ``now`` and returns the next state, or raises a
``UserFacingError`` that says why the action does not fit the moment (nothing changes then).
Remaining time is always computed from ``ends_at``, so it survives a server restart.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from service.domain_errors import UserFacingError

WAITING = "waiting"  # published, round 1 not started yet
RUNNING = "running"
PAUSED = "paused"
BETWEEN = "between"  # a round ended early or on time; the next one is not started yet
BREAK = "break"  # a timed break before the next round
FINISHED = "finished"

BREAK_MINUTES_RANGE = range(1, 61)


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ClockState:
    phase: str = WAITING
    round_number: int = 0  # 1-based; during a break or between rounds, the round just played
    ends_at: datetime | None = None
    paused_remaining_seconds: float | None = None
    version: int = 0  # how many times the stored clock changed (see ``RoundClock.version``)

    def key(self) -> str:
        """What a clock button sends back: the moment it was shown for (``phase:round:version``)."""
        return f"{self.phase}:{self.round_number}:{self.version}"

    def remaining_seconds(self, now: datetime) -> float | None:
        if self.phase in (RUNNING, BREAK) and self.ends_at is not None:
            return max(0.0, (self.ends_at - now).total_seconds())
        if self.phase == PAUSED:
            return self.paused_remaining_seconds
        return None

    def is_under_way(self) -> bool:
        return self.phase in (RUNNING, PAUSED)

    def upcoming_round(self) -> int | None:
        """The round people should get ready for next (1-based), if one is coming."""
        if self.phase == WAITING:
            return 1
        if self.phase in (BETWEEN, BREAK):
            return self.round_number + 1
        return None

    def rounds_started(self) -> int:
        """How many rounds have started (are over or under way): those a re-plan must keep."""
        return 0 if self.phase == WAITING else self.round_number


def start(state: ClockState, now: datetime, *, total_rounds: int, round_minutes: int) -> ClockState:
    if state.phase != WAITING:
        raise UserFacingError(detail=_already_started(state))
    return _run_round(1, now, round_minutes)


def pause(state: ClockState, now: datetime) -> ClockState:
    if state.phase != RUNNING:
        raise UserFacingError(detail="The clock is not running, so there is nothing to pause.")
    return replace(state, phase=PAUSED, ends_at=None, paused_remaining_seconds=state.remaining_seconds(now))


def resume(state: ClockState, now: datetime) -> ClockState:
    if state.phase != PAUSED:
        raise UserFacingError(detail="The clock is not paused, so there is nothing to resume.")
    remaining = state.paused_remaining_seconds or 0.0
    return replace(state, phase=RUNNING, ends_at=now + timedelta(seconds=remaining), paused_remaining_seconds=None)


def add_minute(state: ClockState, now: datetime) -> ClockState:
    if state.phase == PAUSED:
        return replace(state, paused_remaining_seconds=(state.paused_remaining_seconds or 0.0) + 60)
    if state.phase in (RUNNING, BREAK) and state.ends_at is not None:
        # Once time is up, the extra minute counts from now rather than from the past end.
        return replace(state, ends_at=max(state.ends_at, now) + timedelta(minutes=1))
    raise UserFacingError(detail="No round or break is under way, so there is no clock to add a minute to.")


def end_round(state: ClockState, now: datetime, *, total_rounds: int) -> ClockState:
    if not state.is_under_way():
        raise UserFacingError(detail="No round is under way, so there is no round to end.")
    phase = FINISHED if state.round_number >= total_rounds else BETWEEN
    return replace(state, phase=phase, ends_at=None, paused_remaining_seconds=None)


def next_round(state: ClockState, now: datetime, *, total_rounds: int, round_minutes: int) -> ClockState:
    if state.phase == WAITING:
        raise UserFacingError(detail="The rounds have not started yet. Start round 1 first.")
    if state.phase == FINISHED or state.round_number >= total_rounds:
        raise UserFacingError(
            detail=f"Round {state.round_number} is the last round; there is no next round. Use “End round” to finish."
            if state.phase != FINISHED
            else "All rounds are over; there is no next round."
        )
    return _run_round(state.round_number + 1, now, round_minutes)


def start_break(state: ClockState, now: datetime, *, total_rounds: int, minutes: int) -> ClockState:
    if minutes not in BREAK_MINUTES_RANGE:
        raise UserFacingError(detail="A break lasts between 1 and 60 minutes.")
    if state.phase == WAITING:
        raise UserFacingError(detail="The rounds have not started yet, so a break cannot start.")
    if state.phase == FINISHED or state.round_number >= total_rounds:
        raise UserFacingError(detail="There is no round after this one, so there is nothing to take a break before.")
    if state.phase == BREAK:
        raise UserFacingError(detail="A break is already on. Use “+1 minute” to make it longer.")
    return replace(state, phase=BREAK, ends_at=now + timedelta(minutes=minutes), paused_remaining_seconds=None)


def _run_round(number: int, now: datetime, round_minutes: int) -> ClockState:
    return ClockState(phase=RUNNING, round_number=number, ends_at=now + timedelta(minutes=round_minutes))


def _already_started(state: ClockState) -> str:
    if state.phase == FINISHED:
        return "All rounds are over."
    if state.is_under_way():
        return f"Round {state.round_number} is already under way."
    return f"The rounds have already started. Use “Next round” to start round {state.round_number + 1}."


# ---- automatic advance: what the server does by itself when time runs out --------------------

AUTO_BREAK_MINUTES_RANGE = range(16)  # 0: no break, the next round starts at once


@dataclass(frozen=True)
class AutoStep:
    """The organiser's button automatic advance presses, and when: the moment time runs out."""

    action: str  # "break", "next" or "end-round" (the names ``services.run_clock`` takes)
    at: datetime
    break_minutes: int | None = None

    def is_due(self, now: datetime) -> bool:
        return self.at <= now

    @property
    def starts_a_round(self) -> bool:
        return self.action == "next"


def planned_step(state: ClockState, *, total_rounds: int, break_minutes: int) -> AutoStep | None:
    """What automatic advance will do when the clock's time runs out, or None when nothing is timed
    (before round 1, paused, a round ended by hand, all over). A round that runs out moves into the
    break (when one is set and a round follows), else into the next round, and the last one ends
    the event; a break that runs out starts the next round."""
    if state.ends_at is None:
        return None
    has_next = state.round_number < total_rounds
    if state.phase == RUNNING and has_next and break_minutes > 0:
        return AutoStep("break", state.ends_at, break_minutes)
    if state.phase == RUNNING:
        return AutoStep("next" if has_next else "end-round", state.ends_at)
    if state.phase == BREAK and has_next:
        return AutoStep("next", state.ends_at)
    return None


def due_step(state: ClockState, now: datetime, *, total_rounds: int, break_minutes: int) -> AutoStep | None:
    """The step automatic advance takes at ``now``: the planned one once its time has come."""
    step = planned_step(state, total_rounds=total_rounds, break_minutes=break_minutes)
    return step if step is not None and step.is_due(now) else None
