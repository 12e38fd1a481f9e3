"""The round clock's state machine: every action, from every state it fits and does not fit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from service.domain_errors import UserFacingError
from service.rounds import clock
from service.rounds.clock import BETWEEN, BREAK, FINISHED, PAUSED, RUNNING, WAITING, ClockState

T0 = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)
TOTAL = 3
MINUTES = 8


def started() -> ClockState:
    return clock.start(ClockState(), T0, total_rounds=TOTAL, round_minutes=MINUTES)


def test_starting_round_one_sets_its_end_time_from_now() -> None:
    state = started()
    assert (state.phase, state.round_number, state.ends_at) == (RUNNING, 1, T0 + timedelta(minutes=MINUTES))
    assert state.remaining_seconds(T0 + timedelta(seconds=30)) == MINUTES * 60 - 30
    assert state.remaining_seconds(T0 + timedelta(hours=1)) == 0


def test_pause_keeps_the_remaining_time_and_resume_continues_from_it() -> None:
    paused = clock.pause(started(), T0 + timedelta(minutes=3))
    assert paused.phase == PAUSED and paused.remaining_seconds(T0 + timedelta(hours=2)) == 5 * 60
    resumed = clock.resume(paused, T0 + timedelta(minutes=30))
    assert resumed.ends_at == T0 + timedelta(minutes=35)


def test_a_minute_more_counts_from_now_once_time_is_up() -> None:
    running = started()
    assert clock.add_minute(running, T0).ends_at == T0 + timedelta(minutes=MINUTES + 1)
    late = T0 + timedelta(minutes=MINUTES + 2)
    assert clock.add_minute(running, late).ends_at == late + timedelta(minutes=1)
    paused = clock.pause(running, T0)
    assert clock.add_minute(paused, T0).paused_remaining_seconds == (MINUTES + 1) * 60


def test_ending_rounds_early_leads_to_between_rounds_then_to_the_end() -> None:
    state = clock.end_round(started(), T0, total_rounds=TOTAL)
    assert state.phase == BETWEEN and state.upcoming_round() == 2 and state.rounds_started() == 1
    state = clock.next_round(state, T0, total_rounds=TOTAL, round_minutes=MINUTES)
    state = clock.next_round(state, T0, total_rounds=TOTAL, round_minutes=MINUTES)
    assert (state.phase, state.round_number) == (RUNNING, 3)
    assert clock.end_round(state, T0, total_rounds=TOTAL).phase == FINISHED


def test_a_break_counts_down_to_the_next_round() -> None:
    state = clock.start_break(started(), T0, total_rounds=TOTAL, minutes=5)
    assert state.phase == BREAK and state.remaining_seconds(T0 + timedelta(minutes=1)) == 240
    assert state.upcoming_round() == 2
    assert clock.next_round(state, T0, total_rounds=TOTAL, round_minutes=MINUTES).round_number == 2


def on_round(number: int) -> ClockState:
    state = started()
    for _ in range(number - 1):
        state = clock.next_round(state, T0, total_rounds=TOTAL, round_minutes=MINUTES)
    return state


@pytest.mark.parametrize(
    ("state", "action", "words"),
    [
        (
            ClockState(),
            lambda s: clock.next_round(s, T0, total_rounds=TOTAL, round_minutes=MINUTES),
            "Start round 1 first",
        ),
        (ClockState(), lambda s: clock.pause(s, T0), "nothing to pause"),
        (ClockState(), lambda s: clock.end_round(s, T0, total_rounds=TOTAL), "no round to end"),
        (ClockState(), lambda s: clock.add_minute(s, T0), "no clock to add a minute to"),
        (ClockState(), lambda s: clock.start_break(s, T0, total_rounds=TOTAL, minutes=5), "not started yet"),
        (on_round(1), lambda s: clock.start(s, T0, total_rounds=TOTAL, round_minutes=MINUTES), "already under way"),
        (on_round(1), lambda s: clock.resume(s, T0), "nothing to resume"),
        (on_round(1), lambda s: clock.start_break(s, T0, total_rounds=TOTAL, minutes=0), "between 1 and 60"),
        (on_round(3), lambda s: clock.next_round(s, T0, total_rounds=TOTAL, round_minutes=MINUTES), "last round"),
        (on_round(3), lambda s: clock.start_break(s, T0, total_rounds=TOTAL, minutes=5), "no round after this one"),
        (
            clock.end_round(on_round(3), T0, total_rounds=TOTAL),
            lambda s: clock.next_round(s, T0, total_rounds=TOTAL, round_minutes=MINUTES),
            "All rounds are over",
        ),
        (
            clock.start_break(on_round(1), T0, total_rounds=TOTAL, minutes=5),
            lambda s: clock.start_break(s, T0, total_rounds=TOTAL, minutes=5),
            "already on",
        ),
    ],
)
def test_an_action_that_does_not_fit_the_moment_says_why(state: ClockState, action, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserFacingError) as raised:
        action(state)
    assert words in str(raised.value.detail)


def test_what_the_room_should_get_ready_for() -> None:
    assert ClockState().upcoming_round() == 1 and ClockState().rounds_started() == 0
    assert ClockState(phase=WAITING).is_under_way() is False
    assert on_round(2).upcoming_round() is None and on_round(2).rounds_started() == 2


# ---- automatic advance: which step, and when ------------------------------------------------

END_1 = T0 + timedelta(minutes=MINUTES)


def due(state: ClockState, now: datetime, break_minutes: int = 0) -> tuple[str, int | None] | None:
    step = clock.due_step(state, now, total_rounds=TOTAL, break_minutes=break_minutes)
    return None if step is None else (step.action, step.break_minutes)


def test_a_round_moves_on_when_its_time_runs_out_and_not_a_moment_before() -> None:
    assert due(started(), END_1 - timedelta(milliseconds=1)) is None
    assert due(started(), END_1) == ("next", None)
    assert due(started(), END_1 + timedelta(hours=3)) == ("next", None)  # a server that was down catches up
    assert due(started(), END_1, break_minutes=5) == ("break", 5)


def test_the_last_round_ends_the_event_without_a_break() -> None:
    last_end = on_round(3).ends_at
    assert last_end is not None
    assert due(on_round(3), last_end, break_minutes=5) == ("end-round", None)


def test_a_break_starts_the_next_round_when_it_is_over() -> None:
    on_break = clock.start_break(started(), T0, total_rounds=TOTAL, minutes=5)
    assert due(on_break, T0 + timedelta(minutes=4, seconds=59)) is None
    assert due(on_break, T0 + timedelta(minutes=5), break_minutes=5) == ("next", None)


def test_pause_stops_automatic_advance_and_a_minute_more_moves_it_later() -> None:
    paused = clock.pause(started(), T0 + timedelta(minutes=1))
    assert due(paused, END_1 + timedelta(hours=1)) is None
    resumed = clock.resume(paused, T0 + timedelta(minutes=10))
    assert due(resumed, END_1 + timedelta(minutes=8, seconds=59)) is None
    assert due(resumed, END_1 + timedelta(minutes=9)) == ("next", None)
    longer = clock.add_minute(started(), T0)
    assert due(longer, END_1) is None and due(longer, END_1 + timedelta(minutes=1)) == ("next", None)


def test_nothing_moves_on_by_itself_before_round_one_between_rounds_or_at_the_end() -> None:
    ended_by_hand = clock.end_round(started(), T0, total_rounds=TOTAL)
    finished = clock.end_round(on_round(3), T0, total_rounds=TOTAL)
    for state in (ClockState(), ended_by_hand, finished):
        assert clock.planned_step(state, total_rounds=TOTAL, break_minutes=5) is None


def test_the_planned_step_says_when_it_will_happen() -> None:
    step = clock.planned_step(started(), total_rounds=TOTAL, break_minutes=2)
    assert step is not None and step.at == END_1 and not step.starts_a_round
    assert step.is_due(END_1) and not step.is_due(END_1 - timedelta(seconds=1))
