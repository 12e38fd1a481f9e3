"""The time limit at any size, by its mechanism (the timing itself is ``python -m bench
solver_deadline``): a stop, wherever it comes, still gives a complete valid plan, and each stage
has a cheap way to finish."""

import random
import time

import numpy as np
import pytest

from solver import Format, check_plan, plan
from solver.generate import generate
from solver.pairs.stage import round_pace
from solver.planner import QUICK_BOUND_NOTE
from solver.run import Run
from solver.setup import build_setup
from solver.tables import search
from solver.tables.greedy import greedy_seating
from solver.tables.meetings import Meetings

LARGE_PAIRS = generate(1601, rounds=3, seed=2, time_limit_seconds=60)  # above every size threshold
LARGE_TABLES = generate(1601, rounds=3, seed=2, fmt=Format("tables", 3, 6), time_limit_seconds=60)


@pytest.mark.parametrize(
    "instance",
    [
        LARGE_PAIRS,
        LARGE_TABLES,
        generate(61, rounds=4, seed=1),
        generate(60, rounds=4, seed=1, fmt=Format("tables", 3, 5)),
    ],
    ids=["pairs-1601", "tables-1601", "pairs-61", "tables-60"],
)
def test_a_time_limit_already_passed_still_gives_a_complete_valid_plan_without_repeats(instance):
    result = plan(instance, should_stop=lambda: True)
    assert check_plan(instance, result) == []
    for r, groups in enumerate(result.rounds):
        seated = sorted(m for g in groups for m in g.members)
        assert seated == sorted(p.id for p in instance.people if p.present_in(r))
    assert result.repeats == 0  # thousands of people, three rounds: the hurried stages still avoid them
    if len(instance.people) > 1500:
        assert QUICK_BOUND_NOTE in result.notes  # no LP bound: the plan says its gap is the loose one


@pytest.mark.parametrize("instance", [LARGE_PAIRS, LARGE_TABLES], ids=["pairs", "tables"])
@pytest.mark.parametrize("stop_after", [1, 3, 10, 30])
def test_a_stop_after_any_number_of_checks_gives_a_complete_valid_plan(instance, stop_after):
    checks = []

    def stop() -> bool:
        checks.append(1)
        return len(checks) > stop_after

    result = plan(instance, should_stop=stop)
    assert check_plan(instance, result) == []
    # How many checks a plan makes depends on the clock (GLOP is polled every 50 ms), so a late
    # stop may not come at all; the early ones always do.
    assert len(checks) > stop_after or stop_after > 10


def test_the_hurried_greedy_seating_seats_everyone_at_the_planned_sizes():
    setup = build_setup(LARGE_TABLES)
    meetings = Meetings(setup, {})
    hurried = greedy_seating(setup, meetings, should_stop=lambda: True)
    for r in setup.open_rounds:
        assert sorted(len(t) for t in hurried[r]) == sorted(setup.sizes[r])
        assert sorted(p for t in hurried[r] for p in t) == sorted(setup.present[r])
    assert meetings.repeats() == 0


def test_large_rounds_are_searched_in_windows_that_cover_every_table_once(monkeypatch):
    setup = build_setup(generate(200, rounds=3, seed=4, fmt=Format("tables", 3, 5)))
    meetings = Meetings(setup, {})
    seating = greedy_seating(setup, meetings)
    windows = search._windows(random.Random(1), seating[0])
    assert windows == [seating[0]]  # up to WINDOWED_FROM people: the whole round, as before
    monkeypatch.setattr(search, "WINDOWED_FROM", 50)
    windows = search._windows(random.Random(1), seating[0])
    assert len(windows) > 1 and all(sum(len(t) for t in w) <= 2 * search.WINDOW_PEOPLE for w in windows)
    assert sorted(id(t) for w in windows for t in w) == sorted(id(t) for t in seating[0] if t)
    before = meetings.search_score()
    gain = search._descend(setup.open_rounds, seating, meetings, lambda: False, None, random.Random(1))
    assert gain > 0 and meetings.search_score() == pytest.approx(before + gain)
    assert check_seating(setup, seating)


def check_seating(setup, seating) -> bool:
    return all(sorted(p for t in seating[r] for p in t) == sorted(setup.present[r]) for r in setup.open_rounds)


def test_each_large_round_gets_the_best_pace_the_time_left_allows():
    run = Run(LARGE_PAIRS, None, None)
    timed: dict = {"exact": [2.0], "quick": [0.5], "greedy": [0.1]}
    run.deadline = time.perf_counter() + 100
    assert round_pace(run, timed, rounds_left=3) == "exact"
    run.deadline = time.perf_counter() + 2.0  # one exact round and two quick ones would not fit
    assert round_pace(run, timed, rounds_left=3) == "quick"
    run.deadline = time.perf_counter() + 0.4
    assert round_pace(run, timed, rounds_left=3) == "greedy"
    run.deadline = time.perf_counter() - 1  # the time limit has passed
    assert round_pace(run, timed, rounds_left=1) == "greedy"
    assert np.isfinite(run.seconds_left())
