"""CP-SAT assignment model for small events: fewest repeats, then most kept announced pairs, then weight.

Used when the fast construction leaves repeats or a must-not-meet pair together, and to polish
small plans. Each person sits at exactly one table per round; a pair "meets" in a round exactly
when both sit at the same table, which two families of linear constraints pin down.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from solver.setup import Edge, Setup, edge

MAX_CELLS = 6000  # (person, round, table) variables above which the model is not built
WEIGHT_SCALE = 1000

Schedule = dict[int, list[list[int]]]


def round_sizes(setup: Setup, r: int) -> list[int]:
    if not setup.is_pairs:
        return setup.sizes[r]
    count = len(setup.present[r])
    return [2] * (count // 2 - 1) + [3] if count % 2 else [2] * (count // 2)


def small_enough(setup: Setup) -> bool:
    cells = sum(len(setup.present[r]) * len(round_sizes(setup, r)) for r in setup.open_rounds)
    return cells <= MAX_CELLS


def solve_exact(setup: Setup, hint: Schedule | None, seconds: float, met_before: set[Edge]) -> Schedule | None:
    """The best schedule CP-SAT finds in ``seconds``; None when it proves must-not-meet impossible or finds nothing."""
    model = cp_model.CpModel()
    seat: dict[tuple[int, int, int], cp_model.IntVar] = {}
    meets: dict[Edge, list[cp_model.IntVar]] = {}
    keep_terms = []
    for r in setup.open_rounds:
        sizes = round_sizes(setup, r)
        people = setup.present[r]
        tables = [t for t, s in enumerate(sizes) if s > 0]
        for p in people:
            model.AddExactlyOne(seat.setdefault((r, p, t), model.NewBoolVar("")) for t in tables)
        for t in tables:
            model.Add(sum(seat[(r, p, t)] for p in people) == sizes[t])
        if people and len({sizes[t] for t in tables}) == 1 and not setup.instance.format.tables:
            model.Add(seat[(r, people[0], tables[0])] == 1)  # identical tables are interchangeable
        for k, a in enumerate(people):
            for b in people[k + 1 :]:
                together = model.NewBoolVar("")
                for t in tables:
                    model.Add(together >= seat[(r, a, t)] + seat[(r, b, t)] - 1)
                    model.Add(together <= 1 - seat[(r, a, t)] + seat[(r, b, t)])
                if edge(a, b) in setup.forbidden:
                    model.Add(together == 0)
                meets.setdefault(edge(a, b), []).append(together)
                if r == setup.open_rounds[0] and edge(a, b) in setup.previous.get(r, ()):
                    keep_terms.append(together)
    repeat_terms, weight_terms = [], []
    for e, rounds in meets.items():
        earlier = e in met_before
        if len(rounds) + earlier > 1:
            extra = model.NewIntVar(0, len(rounds), "")
            model.Add(extra >= sum(rounds) + earlier - 1)
            repeat_terms.append(extra)
        w = round(setup.weights(*e) * WEIGHT_SCALE)
        if w > 0 and not earlier:
            gained = model.NewBoolVar("")
            model.Add(gained <= sum(rounds))
            weight_terms.append(w * gained)
    total_weight = sum(round(setup.weights(*e) * WEIGHT_SCALE) for e in meets) + 1
    keep_weight = total_weight
    repeat_weight = keep_weight * (len(keep_terms) + 1)
    model.Maximize(sum(weight_terms) + keep_weight * sum(keep_terms) - repeat_weight * sum(repeat_terms))
    if hint:
        _add_hint(model, seat, hint)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = max(1, setup.instance.solver_threads)
    solver.parameters.interleave_search = True  # deterministic for a fixed seed
    solver.parameters.random_seed = setup.instance.seed
    solver.parameters.max_time_in_seconds = max(0.05, seconds)
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    schedule: Schedule = {}
    for r in setup.open_rounds:
        sizes = round_sizes(setup, r)
        schedule[r] = [
            [p for p in setup.present[r] if solver.Value(seat[(r, p, t)])] if s else [] for t, s in enumerate(sizes)
        ]
    return schedule


def _add_hint(model: cp_model.CpModel, seat: dict, hint: Schedule) -> None:
    for r, tables in hint.items():
        if tables and all(len(t) in (2, 3) for t in tables):
            tables = sorted(tables, key=len)  # pairs first, the trio last, as in round_sizes
        for t, table in enumerate(tables):
            for p in table:
                if (r, p, t) in seat:
                    model.AddHint(seat[(r, p, t)], 1)
