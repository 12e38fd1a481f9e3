"""``plan()``: the whole round plan, its value, an upper bound and the gap, with progress reports.

Pairs: round-by-round maximum-weight matchings on each person's strongest candidates (rustworkx),
guided by the LP. Tables: greedy seating, then a swap search. Frozen rounds are copied as given.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from solver.bound import upper_bound
from solver.designs import design_seating
from solver.exact import small_enough, solve_exact
from solver.lift import lift_lowest
from solver.meetings import Meetings, Seating, seats_short
from solver.metrics import fairness, relative_gap, score_schedule
from solver.model import Group, Instance, Plan, Progress, Round
from solver.pairs import SCALE, match_round
from solver.relabel import trade_schedules
from solver.setup import Edge, Setup, build_setup, edge
from solver.tables import greedy_seating, improve_seating, remove_repeats
from solver.validate import InstanceError

Schedule = dict[int, list[list[int]]]  # open round -> groups of person indices
DENSE_PEOPLE = 80  # up to here every pair is a candidate
LARGE_EVENT = 1500  # above this, fewer candidates per person: LP pricing adds what they miss
FAIRNESS_WEIGHT = 1.0  # how much the lowest 10% of person values count on top of the total
EXACT_SHARE = 0.5  # at most this share of the time limit goes to the exact repair
DESIGN_SHARE = 0.6  # ... and to the symmetric search for a repeat-free golfer seating
QUICK_REPEATS_SHARE = 0.2  # tables with weights: the repeat search's first go, before a design
LIFT_SECONDS = 0.1  # tables: the end of the time limit is kept for lifting the lowest people (0.03 s at 200)
LP_BOOST = 0.5  # matching weight bonus for pairs the LP chose
TIGHT_BOOST = 0.5  # ... and more when a person's LP pairs would not fit in the rounds left
FILLERS = 3  # random extra partners per person, so that a full matching exists in sparse graphs
REMATCH_SWEEPS = 2  # polishing passes over the rounds
MATCHING_PER_PERSON = 4  # strongest partners per person kept for the matchings, besides the LP's pairs


class Run:
    """One call of ``plan``: the clock, the stop signal, the best plan so far and its reports."""

    def __init__(self, instance: Instance, on_progress, should_stop):
        self.started = time.perf_counter()
        self.deadline = self.started + instance.time_limit_seconds
        self.on_progress = on_progress
        self.external_stop = should_stop
        self.setup: Setup = build_setup(instance)
        self.bound = 0.0
        self.best: Plan | None = None
        self.best_key: tuple[int, int, int, int, float] = (0, 0, 0, 0, 0.0)
        self.best_schedule: Schedule = {}
        # (total, minimum, p10) of the baseline construction: a plan below any of them ranks behind
        # every plan that is not, at equal repeats (see ``below_floor``).
        self.floor: tuple[float, float, float] | None = None

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def should_stop(self) -> bool:
        if time.perf_counter() >= self.deadline or self.optimal():
            return True
        return bool(self.external_stop and self.external_stop())

    def offer(self, schedule: Schedule) -> bool:
        """Keep the plan if it beats the best so far: no must-not-meet, then fewer repeats, then
        smaller tables spread more evenly, then not below the baseline's floor, then more weight
        (with the lowest 10 % counted twice)."""
        candidate = build_plan(self.setup, schedule, self.bound, self.elapsed())
        key = (
            forbidden_meetings(self.setup, schedule),
            candidate.repeats,
            uneven_seats(self.setup, schedule),
            self.below_floor(candidate),
            -fair_objective(self.setup, candidate),
        )
        if self.best is not None and key >= (*self.best_key[:4], self.best_key[4] - 1e-9):
            return False
        # A copy: the table searches go on changing the seating they offered.
        self.best, self.best_key = candidate, key
        self.best_schedule = {r: [list(g) for g in groups] for r, groups in schedule.items()}
        if self.on_progress:
            self.on_progress(
                Progress(
                    candidate.objective, candidate.upper_bound, candidate.gap, candidate.seconds, candidate.repeats
                )
            )
        return True

    def optimal(self) -> bool:
        """The best plan has no repeats and reaches the upper bound: nothing left to search for."""
        return (
            self.best is not None
            and self.best_key[:2] == (0, 0)
            and not self.best_key[3]
            and self.best.objective >= self.bound - 1e-9
        )

    def below_floor(self, candidate: Plan) -> int:
        """1 when the plan has a lower total, minimum or p10 than the baseline construction."""
        if self.floor is None:
            return 0
        total, lowest, p10 = plan_figures(self.setup, candidate)
        floor_total, floor_lowest, floor_p10 = self.floor
        return int(total < floor_total - 1e-9 or lowest < floor_lowest - 1e-9 or p10 < floor_p10 - 1e-9)


def plan_figures(setup: Setup, candidate: Plan) -> tuple[float, float, float]:
    """(total, minimum, p10) of a plan over the people present in at least one round."""
    values = [candidate.person_values[p.id] for p in setup.instance.people if p.rounds is None or p.rounds]
    lowest, p10 = fairness(values)
    return candidate.objective, lowest, p10


def plan(
    instance: Instance,
    *,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> Plan:
    """Plan every round of the instance; see the module docstring and docs/solver.md."""
    run = Run(instance, on_progress, should_stop)
    setup = run.setup
    candidates = candidate_edges(setup)
    bound, chosen = upper_bound(setup, candidates, run.should_stop)
    run.bound = frozen_value(setup) + bound
    if setup.is_pairs:
        _plan_pairs(run, candidates, chosen)
    else:
        _plan_tables(run)
    if run.best_key[0] or run.best_key[1]:
        _repair_exactly(run)
    if run.best_key[0]:
        raise InstanceError("the must-not-meet pairs cannot all be kept apart with these people and tables")
    assert run.best is not None
    run.best.seconds = run.elapsed()
    return run.best


def _repair_exactly(run: Run) -> None:
    """Small events with repeats or a forbidden pair left: let CP-SAT search for a plan without them."""
    setup = run.setup
    if not small_enough(setup) or run.should_stop():
        return
    seconds = min(run.deadline - time.perf_counter(), EXACT_SHARE * setup.instance.time_limit_seconds)
    found = solve_exact(setup, run.best_schedule, seconds, set(setup.met_at_start))
    if found is not None:
        run.offer(found)


def fair_objective(setup: Setup, candidate: Plan) -> float:
    """What plans are compared by: the total plus the values of the lowest 10% of people once more,
    so that a plan starving a few people to gain a little elsewhere does not win."""
    present = [candidate.person_values[p.id] for p in setup.instance.people if p.rounds is None or p.rounds]
    lowest = sorted(present)[: max(1, -(-len(present) // 10))] if present else []
    return candidate.objective + FAIRNESS_WEIGHT * sum(lowest)


def uneven_seats(setup: Setup, schedule: Schedule) -> int:
    """Tables: how unevenly the smaller tables are spread, as ``Meetings`` scores it (sum over
    people of the seats they were short of each round's largest table, squared). Pairs rotate
    their trios as they build rounds: 0."""
    if setup.is_pairs:
        return 0
    return int((seats_short(setup.n, schedule) ** 2).sum())


def forbidden_meetings(setup: Setup, schedule: Schedule) -> int:
    return sum(
        edge(a, b) in setup.forbidden
        for groups in schedule.values()
        for g in groups
        for k, a in enumerate(g)
        for b in g[k + 1 :]
    )


def candidate_edges(setup: Setup) -> dict[Edge, float]:
    """Every pair for small events; otherwise each person's strongest partners plus a few random ones."""
    n = setup.n
    if n <= DENSE_PEOPLE:
        return {(i, j): setup.weights(i, j) for i in range(n) for j in range(i + 1, n)}
    rounds = max(1, len(setup.open_rounds))
    per_person = 2 * rounds + 6 if n <= LARGE_EVENT else rounds + 6  # pricing adds what large events miss
    edges = setup.weights.strongest(per_person=per_person)
    for i in range(n):
        for _ in range(FILLERS):
            j = setup.rng.randrange(n)
            if j != i:
                edges.setdefault(edge(i, j), setup.weights(i, j))
    for pairs in setup.previous.values():
        for e in pairs:
            edges.setdefault(e, setup.weights(*e))
    return edges


def frozen_value(setup: Setup) -> float:
    return _frozen_scores(setup)[0]


def _frozen_scores(setup: Setup) -> tuple[float, list[float], int]:
    instance = setup.instance
    frozen = [[[setup.index[m] for m in g.members] for g in groups] for groups in instance.frozen]
    before = {edge(*(setup.index[p] for p in pair)) for pair in instance.met_before}
    return score_schedule(setup.n, frozen, setup.weights, before)


def _plan_pairs(run: Run, candidates: dict[Edge, float], chosen: dict[Edge, float]) -> None:
    """Round by round; pairs the LP picked get a boost, most of all for people whose picked
    pairs would not all fit in the rounds left if they waited."""
    setup = run.setup
    lp_pairs = {e for e, x in chosen.items() if x > 0.5}
    candidates = _matching_edges(setup, candidates, chosen)
    max_int = int(max(candidates.values(), default=0.0) * SCALE * (1 + LP_BOOST + TIGHT_BOOST)) + 1
    keep_bonus = (setup.n // 2 + 1) * max_int  # keeping an announced pair beats any weight gain
    trio_counts = _frozen_trio_counts(setup)
    schedule: Schedule = {}
    construction_started = time.perf_counter()
    for k, r in enumerate(setup.open_rounds):
        # Only the next round is held to the announcement; later rounds are free to improve.
        previous = setup.previous.get(r, set()) if k == 0 else set()
        rounds_left = len(setup.open_rounds) - k
        lp_left = [0] * setup.n
        for i, j in lp_pairs:
            if setup.fresh(i, j):
                lp_left[i] += 1
                lp_left[j] += 1

        def score(
            i: int, j: int, previous: set[Edge] = previous, lp_left: list[int] = lp_left, rounds_left: int = rounds_left
        ) -> int:
            e = edge(i, j)
            factor = 1.0
            if e in lp_pairs:
                factor += LP_BOOST + (TIGHT_BOOST if max(lp_left[i], lp_left[j]) >= rounds_left else 0.0)
            return int(candidates.get(e, 0.0) * SCALE * factor) + (keep_bonus if e in previous else 0)

        schedule[r] = match_round(setup, r, candidates, score, trio_counts, hurry=run.should_stop())
        setup.met.update(edge(a, b) for g in schedule[r] for m, a in enumerate(g) for b in g[m + 1 :])
    run.offer(schedule)
    if setup.n <= LARGE_EVENT and setup.open_rounds:
        per_round = (time.perf_counter() - construction_started) / len(setup.open_rounds)
        _rematch_rounds(run, candidates, keep_bonus, per_round)


def _rematch_rounds(run: Run, candidates: dict[Edge, float], keep_bonus: int, per_round: float) -> None:
    """Polish: match each round again with all other rounds fixed, on the true weights. The old
    round is still a feasible answer, so a round only changes for a better one."""
    setup = run.setup
    for _ in range(REMATCH_SWEEPS):
        for k, r in enumerate(setup.open_rounds):
            if run.should_stop() or time.perf_counter() + 1.5 * per_round > run.deadline:
                return
            schedule = run.best_schedule
            setup.met = set(setup.met_at_start)
            for q, groups in schedule.items():
                if q != r:
                    setup.met.update(edge(a, b) for g in groups for m, a in enumerate(g) for b in g[m + 1 :])
            previous = setup.previous.get(r, set()) if k == 0 else set()

            def score(i: int, j: int, previous: set[Edge] = previous) -> int:
                e = edge(i, j)
                return int(candidates.get(e, 0.0) * SCALE) + (keep_bonus if e in previous else 0)

            trio_counts = _frozen_trio_counts(setup)
            for q, groups in schedule.items():
                for g in groups:
                    if q != r and len(g) == 3:
                        for member in g:
                            trio_counts[member] += 1
            run.offer({**schedule, r: match_round(setup, r, candidates, score, trio_counts)})


def _matching_edges(setup: Setup, candidates: dict[Edge, float], chosen: dict[Edge, float]) -> dict[Edge, float]:
    """A lighter graph for the matchings: the LP's pairs, each person's strongest few, random fillers."""
    if setup.n <= DENSE_PEOPLE:
        return candidates
    keep = MATCHING_PER_PERSON + len(setup.open_rounds)
    by_person: dict[int, list[tuple[float, Edge]]] = {}
    for e, w in candidates.items():
        by_person.setdefault(e[0], []).append((w, e))
        by_person.setdefault(e[1], []).append((w, e))
    edges = {e: setup.weights(*e) for e in chosen}
    for row in by_person.values():
        for w, e in sorted(row, reverse=True)[:keep]:
            edges[e] = w
    for i in range(setup.n):
        for _ in range(FILLERS):
            j = setup.rng.randrange(setup.n)
            if j != i:
                edges.setdefault(edge(i, j), setup.weights(i, j))
    for pairs in setup.previous.values():
        for e in pairs:
            edges.setdefault(e, setup.weights(*e))
    return edges


def _frozen_trio_counts(setup: Setup) -> list[int]:
    counts = [0] * setup.n
    if setup.is_pairs:
        for groups in setup.instance.frozen:
            for g in groups:
                if len(g.members) == 3:
                    for m in g.members:
                        counts[setup.index[m]] += 1
    return counts


def _plan_tables(run: Run) -> None:
    setup = run.setup
    met_at_start = set(setup.met)
    meetings = Meetings(setup, {})
    seating = greedy_seating(setup, meetings)
    greedy = build_plan(setup, seating, run.bound, run.elapsed())
    run.floor = plan_figures(setup, greedy)
    run.offer(seating)

    def on_better(better: Seating) -> None:
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
        seating = _start_from_design(run, seating, meetings)
    remove_repeats(setup, seating, meetings, run.should_stop, on_better)
    offset = np.array(_frozen_scores(setup)[1])  # what frozen rounds already gave each person
    lift_from = run.deadline - min(LIFT_SECONDS, 0.05 * setup.instance.time_limit_seconds)

    def search_should_stop() -> bool:
        return run.should_stop() or time.perf_counter() >= lift_from

    improve_seating(setup, seating, meetings, search_should_stop, on_better, floor=run.floor[2], offset=offset)
    if run.best_key[3]:  # below the greedy seating's total, minimum or p10: lift the lowest
        best = {r: [list(t) for t in groups] for r, groups in run.best_schedule.items()}
        meetings.reset(best)
        if lift_lowest(setup, best, meetings, run.floor, offset, run.should_stop):
            run.offer(best)
    setup.met = set(met_at_start)


def _start_from_design(run: Run, seating: Seating, meetings: Meetings) -> Seating:
    """A designed seating (``solver.designs``) when it has fewer repeats than ``seating``, its
    weight improved by trading whole schedules (``solver.relabel``)."""
    seconds = min(run.deadline - time.perf_counter(), DESIGN_SHARE * run.setup.instance.time_limit_seconds)
    designed = design_seating(run.setup, seating, seconds, run.should_stop)
    if designed is None or not run.offer(designed):
        return seating
    meetings.reset(designed)
    if trade_schedules(run.setup, designed, meetings, run.should_stop):  # the move a design allows
        run.offer(designed)
    return designed


def build_plan(setup: Setup, schedule: Schedule, bound: float, seconds: float) -> Plan:
    instance = setup.instance
    labels = setup.table_labels()
    rounds: list[Round] = list(instance.frozen)
    as_indices: list[list[list[int]]] = [
        [[setup.index[m] for m in g.members] for g in groups] for groups in instance.frozen
    ]
    for r in setup.open_rounds:
        groups = schedule.get(r, [])
        as_indices.append([g for g in groups if g])
        named = [Group(labels[k], tuple(setup.ids[i] for i in g)) for k, g in enumerate(groups) if g]
        if r < len(instance.previous) and not instance.format.tables:
            named = _align_with(instance.previous[r], named)
        rounds.append(tuple(named))
    before = {edge(*(setup.index[p] for p in pair)) for pair in instance.met_before}
    objective, values, repeats = score_schedule(setup.n, as_indices, setup.weights, before)
    notes = []
    if objective > bound:
        if objective - bound > 1e-6 * max(1.0, objective):  # the bound is tested never to do this
            notes.append("the computed upper bound was below this plan's value; the bound shown is the plan's value")
        bound = objective
    if repeats:
        notes.append(_repeat_note(repeats))
    return Plan(
        rounds=rounds,
        objective=objective,
        upper_bound=bound,
        gap=relative_gap(objective, bound),
        repeats=repeats,
        person_values={setup.ids[i]: v for i, v in enumerate(values)},
        seconds=seconds,
        notes=notes,
    )


def _align_with(announced: Round, groups: list[Group]) -> list[Group]:
    """Groups unchanged since the announced round keep its label and order; the rest get free labels."""
    by_members = {frozenset(g.members): g for g in announced}
    kept = [by_members[frozenset(g.members)] for g in groups if frozenset(g.members) in by_members]
    changed = [g for g in groups if frozenset(g.members) not in by_members]
    used = {g.table for g in kept}
    free = iter(label for label in (g.table for g in sorted(groups, key=_label_order)) if label not in used)
    spare = iter(str(k) for k in range(1, 2 * len(groups) + len(announced) + 2) if str(k) not in used)
    relabelled = []
    for g in changed:
        label = next(free, None) or next(spare)
        used.add(label)
        relabelled.append(Group(label, g.members))
    ordered = {g.table: k for k, g in enumerate(announced)}
    return sorted(kept, key=lambda g: ordered[g.table]) + relabelled


def _label_order(group: Group) -> tuple[int, str]:
    return (int(group.table), group.table) if group.table.isdigit() else (10**9, group.table)


def _repeat_note(repeats: int) -> str:
    return (
        f"{repeats} conversation(s) repeat an earlier meeting: with these people, rounds and "
        "must-not-meet pairs the planner found no way to give everyone only new partners"
    )
