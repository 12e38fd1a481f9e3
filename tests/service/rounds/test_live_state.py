from __future__ import annotations

from datetime import UTC, datetime, timedelta

from service.rounds.clock import BETWEEN, BREAK, FINISHED, PAUSED, RUNNING, WAITING, ClockState
from service.rounds.live_state import (
    CLOCK_PHASES,
    clock_line_templates,
    clock_text,
    countdown,
    display_round,
    live_rounds,
    view_key,
)

NOW = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)


def test_countdown_carries_the_end_time_and_the_servers_now() -> None:
    running = countdown(ClockState(phase=RUNNING, round_number=1, ends_at=NOW + timedelta(seconds=90.2)), NOW)
    assert running.ends_at_ms == int((NOW + timedelta(seconds=90.2)).timestamp() * 1000)
    assert running.server_now_ms == int(NOW.timestamp() * 1000)
    assert (running.remaining_seconds, running.text) == (91, "1:31")
    paused = countdown(ClockState(phase=PAUSED, round_number=1, paused_remaining_seconds=65), NOW)
    assert paused.ends_at_ms is None and paused.text == "1:05"
    assert clock_text(None) == ""


def test_the_room_looks_at_the_round_under_way_else_the_next_one() -> None:
    assert display_round(ClockState(phase=WAITING), 3) == 1
    assert display_round(ClockState(phase=RUNNING, round_number=2), 3) == 2
    assert display_round(ClockState(phase=BREAK, round_number=2), 3) == 3
    assert display_round(ClockState(phase=BETWEEN, round_number=3), 3) is None
    assert display_round(ClockState(phase=FINISHED, round_number=3), 3) is None


def test_the_view_key_names_each_moment_that_looks_different() -> None:
    assert view_key(False, ClockState(), 3) == "unpublished"
    assert view_key(True, ClockState(phase=WAITING), 3) == "round-1-next"
    assert view_key(True, ClockState(phase=RUNNING, round_number=2, ends_at=NOW), 3) == "round-2-now"
    assert view_key(True, ClockState(phase=PAUSED, round_number=2, paused_remaining_seconds=5), 3) == "round-2-now"
    assert view_key(True, ClockState(phase=BETWEEN, round_number=2), 3) == "round-3-next"
    assert view_key(True, ClockState(phase=BREAK, round_number=2, ends_at=NOW), 3) == "round-3-next"
    assert view_key(True, ClockState(phase=FINISHED, round_number=3), 3) == "finished"


def test_the_live_state_is_public_and_carries_the_clock() -> None:
    state = ClockState(phase=BREAK, round_number=1, ends_at=NOW + timedelta(minutes=5))
    live = live_rounds("plan-id", 3, state, NOW)
    assert (live.plan, live.view, live.round_number, live.total_rounds) == ("plan-id", "round-2-next", 2, 3)
    assert live.clock == countdown(state, NOW)
    before = live_rounds("", 0, ClockState(), NOW)
    assert (before.view, before.round_number) == ("unpublished", None)


def test_clock_line_templates_tick_while_running_and_freeze_while_paused() -> None:
    lines = {line.phase: line for line in clock_line_templates()}
    assert tuple(lines) == CLOCK_PHASES
    assert lines[RUNNING].ends_at_ms is not None and lines[BREAK].ends_at_ms is not None
    assert lines[PAUSED].ends_at_ms is None and lines[PAUSED].remaining_seconds is not None
    assert lines[WAITING].remaining_seconds is None and lines[BETWEEN].remaining_seconds is None
