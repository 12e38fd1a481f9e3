"""``plan()``: the whole round plan, its value, an upper bound and the gap, with progress reports.

The stages, in order: candidate pairs and the LP bound (``solver.bound``); the pairs stage
(``solver.pairs.stage``: matchings guided by the LP) or the tables stage (``solver.tables.stage``:
greedy seating, then swap searches); for small events that still have a repeat or a must-not-meet
pair, the exact CP-SAT repair (``solver.exact``). Frozen rounds are copied as given. ``Run`` keeps
the best plan any stage offered.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from solver.bound.candidates import candidate_edges
from solver.bound.lp import bound_and_kind
from solver.exact import small_enough, solve_exact
from solver.model import Instance, Plan, Progress
from solver.pairs.stage import plan_pairs
from solver.run import STRICT_WEIGHT, Run, frozen_scores
from solver.tables.roles import report_rules
from solver.tables.sections import plan_in_sections
from solver.tables.stage import plan_tables
from solver.validate import InstanceError

EXACT_SHARE = 0.5  # at most this share of the time limit goes to the exact repair
# Stage budgets, so that a plan of any size is ready at the time limit: the candidate pass over
# all pairs stops at CANDIDATES_SHARE of it (its people not reached get random partners), the LP
# bound at BOUND_SHARE (then the degree bound is reported), and the LP is not started at all
# when it would not finish by then (GLOP took about 4 s for 5,000 people). Up to BUDGETED_FROM
# people each of these takes a small share of any time limit, and they run as before. Tables
# need their time for the seat searches: their LP stops at TABLES_BOUND_SHARE at any size (at
# 1,000 people it took the whole 5 s limit, and the greedy seating came after it).
BUDGETED_FROM = 1500
CANDIDATES_SHARE = 0.45
BOUND_SHARE = 0.6
TABLES_BOUND_SHARE = 0.25
LP_SECONDS_PER_PERSON = 8e-4
QUICK_BOUND_NOTE = (
    "the upper bound shown is a quick estimate (everyone's best possible partners): there was no "
    "time left for the tighter one, so the true gap is smaller than the one shown"
)

__all__ = ["candidate_edges", "plan"]


def plan(
    instance: Instance,
    *,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Plan:
    """Plan every round of the instance; see the module docstring and docs/solver.md."""
    sectioned = plan_in_sections(instance, plan, on_progress, should_stop)  # large tables events
    if sectioned is not None:
        return sectioned
    run = Run(instance, on_progress, should_stop)
    setup = run.setup
    budgeted = setup.n > BUDGETED_FROM
    candidates = candidate_edges(setup, run.stop_at(CANDIDATES_SHARE) if budgeted else run.should_stop)
    bound, chosen, from_lp = bound_and_kind(setup, candidates, _bound_stop(run, budgeted))
    run.bound = frozen_scores(setup)[0] + bound
    if setup.is_pairs:
        plan_pairs(run, candidates, chosen)
    else:
        plan_tables(run)
    assert run.best is not None and run.best_rank is not None  # every stage offers a plan
    if not run.best_rank.clean:
        _repair_exactly(run)
    if run.best_rank.forbidden >= STRICT_WEIGHT:
        raise InstanceError("the must-not-meet pairs cannot all be kept apart with these people and tables")
    best = report_rules(run)
    if not from_lp and best.gap > 0:
        best.notes.append(QUICK_BOUND_NOTE)
    best.seconds = run.elapsed()
    return best


def _bound_stop(run: Run, budgeted: bool) -> Callable[[], bool]:
    """The LP bound's stop check: at its share of the time limit (pairs up to ``BUDGETED_FROM``
    people: the time limit), or at once when a large event's GLOP would not finish by then anyway."""
    share = BOUND_SHARE if run.setup.is_pairs else TABLES_BOUND_SHARE
    if not budgeted:
        return run.should_stop if run.setup.is_pairs else run.stop_at(share)
    seconds = share * run.setup.instance.time_limit_seconds - run.elapsed()
    if LP_SECONDS_PER_PERSON * run.setup.n > seconds:
        return lambda: True
    return run.stop_at(share)


def _repair_exactly(run: Run) -> None:
    """Small events with repeats or a forbidden pair left: let CP-SAT search for a plan without them."""
    setup = run.setup
    if not small_enough(setup) or run.should_stop():
        return
    seconds = min(run.deadline - time.perf_counter(), EXACT_SHARE * setup.instance.time_limit_seconds)
    found = solve_exact(setup, run.best_schedule, seconds, set(setup.met))
    if found is not None:
        run.offer(found)
