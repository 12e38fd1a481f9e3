"""Tables format, the stage: a greedy seating per round, then swap searches across all rounds.

The swap search maximises total fresh weight minus a large penalty per repeat. While repeats
remain it is a tabu search on the people involved in them (the social golfer approach of Dotú
and Van Hentenryck); golfer-shaped events may start from an algebraic design instead; afterwards
it is a hill climb on the weight, and at the end a lift of whoever is below the greedy floor, from
the search's best seating (which ranks behind a seating at the floor while someone is below it).
"""

from __future__ import annotations

import time

import numpy as np

from solver.indices import Schedule, copy_schedule
from solver.run import PlanRank, Run, frozen_scores, plan_figures
from solver.tables.designs.relabel import trade_schedules
from solver.tables.designs.seating import design_seating
from solver.tables.greedy import greedy_seating
from solver.tables.lift import lift_lowest
from solver.tables.meetings import Meetings
from solver.tables.search import improve_seating, remove_repeats

DESIGN_SHARE = 0.6  # at most this share of the time limit goes to the symmetric search for a golfer seating
QUICK_REPEATS_SHARE = 0.2  # tables with weights: the repeat search's first go, before a design
LIFT_SECONDS = 0.25  # the end of the time limit is kept for lifting the lowest people (0.02-0.1 s at 200)


def plan_tables(run: Run) -> None:
    """Greedy seating (the baseline and floor), the repeat searches (from a design where that
    helps), the swap search on the weight, and a last lift of the lowest people."""
    setup = run.setup
    meetings = Meetings(setup, {})
    seating = greedy_seating(setup, meetings, run.should_stop)
    run.offer(seating)  # the first plan: nothing to beat, and no floor yet to fall below
    assert run.best is not None
    run.floor = floor = plan_figures(setup, run.best)

    def on_better(better: Schedule) -> None:
        run.offer(better)

    # Golfer-shaped events can start from a design, which has no repeats by construction but is
    # rigid: nearly every swap in it makes a repeat. So with weights the repeat search gets a short
    # go first, and the design is only for events where it leaves repeats.
    if meetings.w.any():
        quick_until = time.perf_counter() + QUICK_REPEATS_SHARE * setup.instance.time_limit_seconds
        remove_repeats(
            setup, seating, meetings, lambda: run.should_stop() or time.perf_counter() >= quick_until, on_better
        )
    if meetings.repeats():
        seating = start_from_design(run, seating, meetings)
    remove_repeats(setup, seating, meetings, run.should_stop, on_better)
    offset = np.array(frozen_scores(setup)[1])  # what frozen rounds already gave each person
    lift_from = run.deadline - min(LIFT_SECONDS, 0.05 * setup.instance.time_limit_seconds)

    def search_should_stop() -> bool:
        return run.should_stop() or time.perf_counter() >= lift_from

    searched: list[tuple[Schedule, PlanRank]] = []  # the search's best seating and its rank

    def on_search_better(better: Schedule) -> None:
        run.offer(better)
        assert run.last_rank is not None
        searched[:] = [(better, run.last_rank)]

    improve_seating(setup, seating, meetings, search_should_stop, on_search_better, floor=floor.p10, offset=offset)
    lift_after_search(run, searched, meetings, offset)


def lift_after_search(
    run: Run, searched: list[tuple[Schedule, PlanRank]], meetings: Meetings, offset: np.ndarray
) -> None:
    """Lift (``solver.tables.lift``) the seatings below the floor that could become the best plan
    (``_worth_lifting``), and offer what that gives."""
    assert run.floor is not None
    for start in _worth_lifting(run, searched):
        meetings.reset(start)
        if lift_lowest(run.setup, start, meetings, run.floor, offset, run.should_stop):
            run.offer(start)


def _worth_lifting(run: Run, searched: list[tuple[Schedule, PlanRank]]) -> list[Schedule]:
    """Copies of the seatings below the greedy seating's total, minimum or p10 that a lift could
    make the best plan: the search's best (its total is usually well above the floor, but someone
    is below the greedy minimum or p10, so it ranks behind a seating near the greedy one), then
    the run's best if it is below the floor too."""
    assert run.best_rank is not None
    best = run.best_rank
    starts = [
        seating
        for seating, rank in searched
        if rank.below_floor
        and (rank.forbidden, rank.repeats, rank.uneven) <= (best.forbidden, best.repeats, best.uneven)
    ]
    if best.below_floor and all(seating != run.best_schedule for seating in starts):
        starts.append(run.best_schedule)
    return [copy_schedule(seating) for seating in starts]


def start_from_design(run: Run, seating: Schedule, meetings: Meetings) -> Schedule:
    """A designed seating (``solver.tables.designs``) when it has fewer repeats than ``seating``, its
    weight improved by trading whole schedules (``solver.tables.designs.relabel``)."""
    seconds = min(run.deadline - time.perf_counter(), DESIGN_SHARE * run.setup.instance.time_limit_seconds)
    designed = design_seating(run.setup, seating, seconds, run.should_stop)
    if designed is None or not run.offer(designed):
        return seating
    meetings.reset(designed)
    if trade_schedules(run.setup, designed, meetings, run.should_stop):  # the move a design allows
        run.offer(designed)
    return designed
