"""An honest upper bound on the total weight any plan can reach, from a GLOP linear program.

Relaxation: pick pairs to meet, each person meets at most as many new people as their rounds
allow (one more in a round with a trio, for only three people per such round), and the event
holds at most so many conversations. The LP runs on candidate pairs only;
its duals then price *every* pair (weak duality), so the bound is valid for the full problem.

A stop request (or the time limit) interrupts GLOP mid-solve (5,000 people take about 4 s) and the
pricing pass between blocks of rows. A plan stopped before the first pricing finished reports the
looser *degree bound* instead: everyone's heaviest partners, as many as they can meet, summed and
halved, from the weights the candidate pass kept (no second pass over all pairs).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from ortools.linear_solver import pywraplp

from solver.bound.trio import trio_bound
from solver.indices import Edge
from solver.setup import Setup
from solver.validate import table_capacities

MAX_PRICING_ROUNDS = 4
CLOSE_ENOUGH = 2e-4  # stop pricing once the LP value is within this share of the bound
STOP_POLL_SECONDS = 0.05  # how often a running GLOP solve checks for a stop request


@dataclass
class Capacity:
    """How many new people each person can meet, and the event's limits."""

    degree: list[float]  # per person: one partner per round (pairs) or largest table - 1 (tables)
    extra: list[float]  # per person: rounds with a trio they are present for (a second partner)
    extra_total: float  # 3 per round with a trio: only the trio's members get a second partner
    total: float  # conversations the open rounds can hold


def capacity(setup: Setup) -> Capacity:
    n = setup.n
    cap = Capacity([0.0] * n, [0.0] * n, 0.0, 0.0)
    fmt = setup.instance.format
    capacities = table_capacities(setup.instance)
    for r in setup.open_rounds:
        present = setup.present[r]
        count = len(present)
        if setup.is_pairs:
            odd = count % 2
            per_person, conversations = 1, (count + 3) // 2 if odd else count // 2
            cap.extra_total += 3 * odd
            for i in present:
                cap.extra[i] += odd
        else:
            largest = min(fmt.max_size, max(capacities) if capacities else fmt.max_size, count)
            per_person, conversations = largest - 1, count * (largest - 1) // 2
        for i in present:
            cap.degree[i] += per_person
        cap.total += conversations
    return cap


def upper_bound(
    setup: Setup, candidates: dict[Edge, float], should_stop: Callable[[], bool] = lambda: False
) -> tuple[float, dict[Edge, float]]:
    """Bound on the weight still reachable in the open rounds (frozen value not included), and the
    LP's chosen pairs with their values (a good guide for which pairs should meet at all)."""
    bound, chosen, _ = bound_and_kind(setup, candidates, should_stop)
    return bound, chosen


def bound_and_kind(
    setup: Setup, candidates: dict[Edge, float], should_stop: Callable[[], bool] = lambda: False
) -> tuple[float, dict[Edge, float], bool]:
    """``upper_bound``, and whether it came from the LP (False: stopped first, the degree bound)."""
    cap = capacity(setup)
    if should_stop():
        return degree_bound(setup, cap), {}, False
    edges = {e: w for e, w in candidates.items() if w > 0 and setup.fresh(*e) and cap.degree[e[0]] and cap.degree[e[1]]}
    lp = IncrementalLp(cap)
    best, chosen = float("inf"), {}
    for _ in range(MAX_PRICING_ROUNDS):
        lp.add(edges)
        solved = lp.solve(should_stop)
        if solved is None:  # interrupted
            break
        value, duals = solved
        chosen = lp.chosen()
        priced = _dual_bound(setup, duals, cap, lp.columns, should_stop)
        if priced is None:  # stopped before every pair was priced: no bound from these duals
            break
        bound, missing = priced
        best = min(best, bound)
        if not missing or best - value <= CLOSE_ENOUGH * best or should_stop():
            break
        edges = missing
    if best == float("inf"):
        return degree_bound(setup, cap), chosen, False
    tighter = trio_bound(setup, candidates, should_stop)  # odd rounds: trios as triangles
    if tighter is not None:
        best = min(best, tighter)
    return best, chosen, True


def degree_bound(setup: Setup, cap: Capacity) -> float:
    """Half the sum, over everyone, of their heaviest partners' weights, as many partners as they
    can meet: every pair that meets counts at both ends, so no plan can do better.

    It reads the heaviest weights that the candidate pass kept (``Weights.tops``), so it costs no
    second pass over all pairs; rows that pass did not reach count their cap (``TopPartners``)."""
    meets = meetings_per_person(cap)
    tops = setup.weights.tops
    if tops is None:  # no candidate pass yet (every pair is a candidate): a pass of its own
        setup.weights.strongest(per_person=0, width=max(meets, default=0))
        tops = setup.weights.tops
    assert tops is not None
    return tops.heaviest_sum(meets) / 2


def meetings_per_person(cap: Capacity) -> list[int]:
    """How many different people each person can meet in the open rounds."""
    return [round(d + e) for d, e in zip(cap.degree, cap.extra, strict=True)]


@dataclass
class Duals:
    person: np.ndarray  # y_v of the degree rows
    extra: np.ndarray  # sigma_v of the trio-slack bounds
    extra_total: float  # lambda of the trio-slack sum
    total: float  # mu of the conversations row

    def bound_without_pairs(self, cap: Capacity) -> float:
        return (
            float(np.dot(self.person, cap.degree) + np.dot(self.extra, cap.extra))
            + self.extra_total * cap.extra_total
            + self.total * cap.total
        )


class IncrementalLp:
    """max sum w x  s.t.  deg(v) - s_v <= degree_v,  s_v <= extra_v,  sum s <= extra_total,  sum x <= total.

    New pairs are added as columns and GLOP re-solves from its last basis.
    """

    def __init__(self, cap: Capacity):
        self.solver = pywraplp.Solver.CreateSolver("GLOP")
        inf = self.solver.infinity()
        self.rows = [self.solver.Constraint(-inf, d) for d in cap.degree]
        self.total_row = self.solver.Constraint(-inf, cap.total)
        self.extra_row = self.solver.Constraint(-inf, cap.extra_total)
        self.slack = {}
        for v, extra in enumerate(cap.extra):
            if extra > 0:
                slack = self.solver.NumVar(0.0, extra, "")
                self.rows[v].SetCoefficient(slack, -1.0)
                self.extra_row.SetCoefficient(slack, 1.0)
                self.slack[v] = slack
        self.objective = self.solver.Objective()
        self.objective.SetMaximization()
        self.columns: dict[Edge, pywraplp.Variable] = {}

    def add(self, edges: dict[Edge, float]) -> None:
        for (i, j), w in edges.items():
            if (i, j) in self.columns:
                continue
            x = self.solver.NumVar(0.0, 1.0, "")
            self.columns[(i, j)] = x
            self.rows[i].SetCoefficient(x, 1.0)
            self.rows[j].SetCoefficient(x, 1.0)
            self.total_row.SetCoefficient(x, 1.0)
            self.objective.SetCoefficient(x, w)

    def solve(self, should_stop: Callable[[], bool] = lambda: False) -> tuple[float, Duals] | None:
        """The LP value and duals; None when a stop request interrupted the solve."""
        n = len(self.rows)
        status = self._solve_unless_stopped(should_stop) if self.columns else None
        if status == "interrupted":
            return None
        if status != pywraplp.Solver.OPTIMAL:
            return 0.0, Duals(np.zeros(n), np.zeros(n), 0.0, 0.0)
        person = np.array([max(0.0, row.dual_value()) for row in self.rows])
        extra_total = max(0.0, self.extra_row.dual_value())
        # Dual feasibility of each slack column (sigma_v >= y_v - lambda), repaired rather than trusted:
        # a larger sigma only loosens the bound, so the bound stays valid whatever GLOP's tolerances.
        extra = np.zeros(n)
        for v in self.slack:
            extra[v] = max(0.0, person[v] - extra_total)
        return self.objective.Value(), Duals(person, extra, extra_total, max(0.0, self.total_row.dual_value()))

    def _solve_unless_stopped(self, should_stop: Callable[[], bool]) -> int | str:
        """GLOP's status, or "interrupted"; GLOP releases the GIL, so a watcher thread can stop it."""
        finished, interrupted = threading.Event(), threading.Event()

        def watch() -> None:
            while not finished.wait(STOP_POLL_SECONDS):
                if should_stop():
                    interrupted.set()
                    self.solver.InterruptSolve()
                    return

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        try:
            status = self.solver.Solve()
        finally:
            finished.set()
            watcher.join()
        return "interrupted" if interrupted.is_set() and status != pywraplp.Solver.OPTIMAL else status

    def chosen(self) -> dict[Edge, float]:
        if not self.columns:
            return {}
        return {e: x.solution_value() for e, x in self.columns.items() if x.solution_value() > 1e-6}


def _dual_bound(
    setup: Setup, all_duals: Duals, cap: Capacity, edges: dict, should_stop: Callable[[], bool] = lambda: False
) -> tuple[float, dict[Edge, float]] | None:
    """Weak-duality bound over all fresh pairs, and the most underpriced pairs not yet in the LP;
    None when ``should_stop`` (asked between blocks of rows) stopped it before every pair was priced."""
    bound = all_duals.bound_without_pairs(cap)
    duals, total_dual, degree = all_duals.person, all_duals.total, cap.degree
    missing: dict[Edge, float] = {}
    weights = setup.weights
    excluded = setup.met | setup.forbidden
    if weights.explicit is not None:
        for e, w in weights.explicit.items():
            excess = w - duals[e[0]] - duals[e[1]] - total_dual
            if excess > 1e-9 and e not in excluded and degree[e[0]] and degree[e[1]]:
                bound += excess
                if e not in edges:
                    missing[e] = w
        return bound, missing
    active = np.array([d > 0 for d in degree])
    excluded_by_row: dict[int, list[int]] = {}
    for i, j in excluded:
        excluded_by_row.setdefault(i, []).append(j)
    for number, (start, block) in enumerate(weights.blocks()):
        if number and should_stop():
            return None
        stop = start + block.shape[0]
        excess = block - duals[start:stop, None] - duals[None, :] - total_dual
        above_diagonal = np.arange(setup.n)[None, :] > np.arange(start, stop)[:, None]
        keep = above_diagonal & active[None, :] & active[start:stop, None] & (excess > 1e-9)
        for i in range(start, stop):
            if i in excluded_by_row:
                keep[i - start, excluded_by_row[i]] = False
        excess = np.where(keep, excess, 0.0)
        bound += float(excess.sum())
        rows, cols = np.nonzero(excess)
        if len(rows) > 20 * setup.n:  # price only the worst offenders; the bound above already counts all
            worst = np.argpartition(-excess[rows, cols], 20 * setup.n)[: 20 * setup.n]
            rows, cols = rows[worst], cols[worst]
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            e = (i + start, j)
            if e not in edges:
                missing[e] = float(block[i, j])
    return bound, _most_underpriced(missing, duals, total_dual, limit=5 * setup.n)


def _most_underpriced(
    missing: dict[Edge, float], duals: np.ndarray, total_dual: float, limit: int
) -> dict[Edge, float]:
    if len(missing) <= limit:
        return missing
    ranked = sorted(missing, key=lambda e: -(missing[e] - duals[e[0]] - duals[e[1]] - total_dual))
    return {e: missing[e] for e in ranked[:limit]}
