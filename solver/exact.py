"""CP-SAT assignment model for small events: fewest repeats, then most kept announced pairs, then weight.

Used when the fast construction leaves repeats or a must-not-meet pair together. Each person
sits at exactly one table per round; a pair "meets" in a round exactly when both sit at the same
table, which two families of linear constraints pin down. Built, solved and decoded apart, in
the manner of OR-Tools' ``examples/python/*_sat.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from solver.indices import Edge, Schedule, edge
from solver.setup import Setup

MAX_CELLS = 6000  # (person, round, table) variables above which the model is not built
WEIGHT_SCALE = 1000
MIN_SECONDS = 0.05


@dataclass
class SeatingModel:
    """The CP-SAT model and the variables the decoder reads: seat[r, p, t] is 1 when person p
    sits at table t in round r; together[r, a, b] is 1 when a and b share a table in round r."""

    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    seat: dict[tuple[int, int, int], cp_model.IntVar] = field(default_factory=dict)
    together: dict[Edge, list[cp_model.IntVar]] = field(default_factory=dict)
    keep_announced: list[cp_model.IntVar] = field(default_factory=list)


def round_sizes(setup: Setup, r: int) -> list[int]:
    """The table sizes of an open round; pairs: pairs, the trio (if any) last."""
    if not setup.is_pairs:
        return setup.sizes[r]
    count = len(setup.present[r])
    return [2] * (count // 2 - 1) + [3] if count % 2 else [2] * (count // 2)


def small_enough(setup: Setup) -> bool:
    cells = sum(len(setup.present[r]) * len(round_sizes(setup, r)) for r in setup.open_rounds)
    return cells <= MAX_CELLS


def solve_exact(setup: Setup, hint: Schedule | None, seconds: float, met_before: set[Edge]) -> Schedule | None:
    """The best schedule CP-SAT finds in ``seconds``; None when it proves must-not-meet impossible or finds nothing."""
    seating = build_model(setup, met_before)
    if hint:
        add_hint(seating, hint)
    solver = solve(setup, seating, seconds)
    return None if solver is None else decode(setup, seating, solver)


def build_model(setup: Setup, met_before: set[Edge]) -> SeatingModel:
    seating = SeatingModel()
    for r in setup.open_rounds:
        _seat_round(setup, seating, r)
    _maximize(setup, seating, met_before)
    return seating


def _seat_round(setup: Setup, seating: SeatingModel, r: int) -> None:
    """Round r: everyone present at exactly one table, every table at its size, and who meets whom."""
    model, seat = seating.model, seating.seat
    sizes = round_sizes(setup, r)
    people = setup.present[r]
    tables = [t for t, size in enumerate(sizes) if size > 0]
    for p in people:
        for t in tables:
            seat[r, p, t] = model.new_bool_var(f"seat_r{r}_p{p}_t{t}")
        model.add_exactly_one(seat[r, p, t] for t in tables)
    for t in tables:
        model.add(sum(seat[r, p, t] for p in people) == sizes[t])
    if people and len({sizes[t] for t in tables}) == 1 and not setup.instance.format.tables:
        model.add(seat[r, people[0], tables[0]] == 1)  # identical tables are interchangeable
    announced = setup.previous.get(r, set()) if r == setup.open_rounds[0] else set()
    for k, a in enumerate(people):
        for b in people[k + 1 :]:
            together = model.new_bool_var(f"together_r{r}_{a}_{b}")
            for t in tables:
                model.add(together >= seat[r, a, t] + seat[r, b, t] - 1)
                model.add(together <= 1 - seat[r, a, t] + seat[r, b, t])
            if edge(a, b) in setup.forbidden:
                model.add(together == 0)
            seating.together.setdefault(edge(a, b), []).append(together)
            if edge(a, b) in announced:
                seating.keep_announced.append(together)


def _maximize(setup: Setup, seating: SeatingModel, met_before: set[Edge]) -> None:
    """Weight gained, plus each kept announced pair worth more than all weight, minus each repeat
    worth more than all of that."""
    model = seating.model
    repeats, gains = [], []
    for (a, b), rounds in seating.together.items():
        earlier = (a, b) in met_before
        if len(rounds) + earlier > 1:
            extra = model.new_int_var(0, len(rounds), f"repeats_{a}_{b}")
            model.add(extra >= sum(rounds) + earlier - 1)
            repeats.append(extra)
        weight = round(setup.weights(a, b) * WEIGHT_SCALE)
        if weight > 0 and not earlier:
            gained = model.new_bool_var(f"gained_{a}_{b}")
            model.add(gained <= sum(rounds))
            gains.append(weight * gained)
    keep_weight = sum(round(setup.weights(*e) * WEIGHT_SCALE) for e in seating.together) + 1
    repeat_weight = keep_weight * (len(seating.keep_announced) + 1)
    model.maximize(sum(gains) + keep_weight * sum(seating.keep_announced) - repeat_weight * sum(repeats))


def add_hint(seating: SeatingModel, hint: Schedule) -> None:
    """Start from a known schedule (the best plan so far)."""
    for r, tables in hint.items():
        if tables and all(len(t) in (2, 3) for t in tables):
            tables = sorted(tables, key=len)  # pairs first, the trio last, as in round_sizes
        for t, table in enumerate(tables):
            for p in table:
                if (r, p, t) in seating.seat:
                    seating.model.add_hint(seating.seat[r, p, t], 1)


def solve(setup: Setup, seating: SeatingModel, seconds: float) -> cp_model.CpSolver | None:
    """The solver after a search of at most ``seconds``, or None when it found no schedule."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = max(1, setup.instance.solver_threads)
    solver.parameters.interleave_search = True  # deterministic for a fixed seed
    solver.parameters.random_seed = setup.instance.seed
    solver.parameters.max_time_in_seconds = max(MIN_SECONDS, seconds)
    status = solver.solve(seating.model)
    return solver if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


def decode(setup: Setup, seating: SeatingModel, solver: cp_model.CpSolver) -> Schedule:
    schedule: Schedule = {}
    for r in setup.open_rounds:
        schedule[r] = [
            [p for p in setup.present[r] if solver.value(seating.seat[r, p, t])] if size else []
            for t, size in enumerate(round_sizes(setup, r))
        ]
    return schedule
