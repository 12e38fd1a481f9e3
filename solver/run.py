"""One call of ``plan``: the clock, the stop signal, how plans are ranked and the best one so far.

The stages (``solver.pairs.stage``, ``solver.tables.stage``, the exact repair) offer schedules;
``Run.offer`` turns each into a ``Plan`` (``build_plan``), ranks it (``PlanRank``) and keeps it
when it beats the best so far.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from solver.indices import Schedule, copy_schedule, edge, pairs_in
from solver.metrics import Figures, lowest_share, relative_gap, score_schedule
from solver.model import Group, Instance, Plan, Progress, Round
from solver.setup import Setup, build_setup
from solver.tables.sizes import uneven

FAIRNESS_WEIGHT = 1.0  # how much the lowest 10% of person values count on top of the total
TOLERANCE = 1e-9
BOUND_NOTE = "the computed upper bound was below this plan's value; the bound shown is the plan's value"


@dataclass(frozen=True)
class PlanRank:
    """What plans are ranked by, in this order: no must-not-meet meeting, then fewer repeats, then
    smaller tables spread more evenly, then not below the baseline's floor (each lower is better),
    then more weight with the lowest 10 % counted twice (``fair_value``, higher is better)."""

    forbidden: int
    repeats: int
    uneven: int
    below_floor: bool
    fair_value: float

    def beats(self, other: PlanRank) -> bool:
        standing = (self.forbidden, self.repeats, self.uneven, self.below_floor)
        theirs = (other.forbidden, other.repeats, other.uneven, other.below_floor)
        if standing != theirs:
            return standing < theirs
        return self.fair_value > other.fair_value + TOLERANCE

    @property
    def clean(self) -> bool:
        """No must-not-meet meeting and no repeat."""
        return self.forbidden == 0 and self.repeats == 0


class Run:
    """One call of ``plan``: the clock, the stop signal, the best plan so far and its reports."""

    def __init__(
        self,
        instance: Instance,
        on_progress: Callable[[Progress], None] | None,
        should_stop: Callable[[], bool] | None,
    ):
        self.started = time.perf_counter()
        self.deadline = self.started + instance.time_limit_seconds
        self.on_progress = on_progress
        self.external_stop = should_stop
        self.setup: Setup = build_setup(instance)
        self.bound = 0.0
        self.best: Plan | None = None
        self.best_rank: PlanRank | None = None
        self.best_schedule: Schedule = {}
        self.last_rank: PlanRank | None = None  # the rank of the plan offered last, kept or not
        # The baseline construction's figures: a plan below any of them ranks behind every plan
        # that is not, at equal repeats (see ``below_floor``).
        self.floor: Figures | None = None

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def should_stop(self) -> bool:
        if time.perf_counter() >= self.deadline or self.optimal():
            return True
        return bool(self.external_stop and self.external_stop())

    def stop_at(self, share: float) -> Callable[[], bool]:
        """A stop check for one stage: the run's own, or once ``share`` of the time limit has passed."""
        until = self.started + share * self.setup.instance.time_limit_seconds
        return lambda: self.should_stop() or time.perf_counter() >= until

    def seconds_left(self) -> float:
        return self.deadline - time.perf_counter()

    def offer(self, schedule: Schedule) -> bool:
        """Keep the plan if it beats the best so far (see ``PlanRank``)."""
        candidate = build_plan(self.setup, schedule, self.bound, self.elapsed())
        rank = PlanRank(
            forbidden=forbidden_meetings(self.setup, schedule),
            repeats=candidate.repeats,
            uneven=uneven_seats(self.setup, schedule),
            below_floor=self.below_floor(candidate),
            fair_value=fair_objective(self.setup, candidate),
        )
        self.last_rank = rank
        if self.best_rank is not None and not rank.beats(self.best_rank):
            return False
        # A copy: the table searches go on changing the seating they offered.
        self.best, self.best_rank = candidate, rank
        self.best_schedule = copy_schedule(schedule)
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
            and self.best_rank is not None
            and self.best_rank.clean
            and not self.best_rank.below_floor
            and self.best.objective >= self.bound - TOLERANCE
        )

    def below_floor(self, candidate: Plan) -> bool:
        """The plan has a lower total, minimum or p10 than the baseline construction."""
        if self.floor is None:
            return False
        return plan_figures(self.setup, candidate).below(self.floor)


def counted_values(setup: Setup, candidate: Plan) -> list[float]:
    """Person values of the people present in at least one round (the others cannot gain), an
    empty profile's at 0 (``Setup.empty_profiles``: its crumbs must not steer the floors)."""
    people = zip(setup.instance.people, setup.empty_profiles, strict=True)
    return [0.0 if empty else candidate.person_values[p.id] for p, empty in people if p.rounds is None or p.rounds]


def plan_figures(setup: Setup, candidate: Plan) -> Figures:
    """(total, minimum, p10) of a plan over the people present in at least one round."""
    return Figures.of(candidate.objective, counted_values(setup, candidate))


def fair_objective(setup: Setup, candidate: Plan) -> float:
    """What plans are compared by: the total plus the values of the lowest 10% of people once more,
    so that a plan starving a few people to gain a little elsewhere does not win."""
    return candidate.objective + FAIRNESS_WEIGHT * sum(lowest_share(counted_values(setup, candidate)))


def uneven_seats(setup: Setup, schedule: Schedule) -> int:
    """Tables: how unevenly the smaller tables are spread, as ``Meetings`` scores it (sum over
    people of the seats they were short of each round's largest table, squared). Pairs rotate
    their trios as they build rounds: 0."""
    return 0 if setup.is_pairs else uneven(setup.n, schedule)


STRICT_WEIGHT = 10**6  # one must-not-meet meeting ranks behind any number of avoided ones


def forbidden_meetings(setup: Setup, schedule: Schedule) -> int:
    """Meetings of must-not-meet pairs (each counted STRICT_WEIGHT times) and of avoided pairs."""
    return sum(
        STRICT_WEIGHT if e in setup.strict else 1
        for groups in schedule.values()
        for g in groups
        for e in pairs_in(g)
        if e in setup.forbidden
    )


def frozen_scores(setup: Setup) -> tuple[float, list[float], int]:
    """(value, value per person, repeats) of the frozen rounds."""
    instance = setup.instance
    frozen = [[[setup.index[m] for m in g.members] for g in groups] for groups in instance.frozen]
    before = {edge(*(setup.index[p] for p in pair)) for pair in instance.met_before}
    return score_schedule(setup.n, frozen, setup.weights, before)


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
    objective, values, repeats = score_schedule(setup.n, as_indices, setup.weights, before, setup.weights.of_pairs)
    notes = []
    if objective > bound:
        if objective - bound > 1e-6 * max(1.0, objective):  # the bound is tested never to do this
            notes.append(BOUND_NOTE)
        bound = objective
    if repeats:
        notes.append(repeat_note(repeats))
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


def repeat_note(repeats: int) -> str:
    return (
        f"{repeats} conversation(s) repeat an earlier meeting: with these people, rounds and "
        "must-not-meet pairs the planner found no way to give everyone only new partners"
    )
