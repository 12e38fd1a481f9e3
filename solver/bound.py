"""An honest upper bound on the total weight any plan can reach, from a GLOP linear program.

Relaxation: pick pairs to meet, each person meets at most as many new people as their rounds
allow, and the event holds at most so many conversations. The LP runs on candidate pairs only;
its duals then price *every* pair (weak duality), so the bound is valid for the full problem.
"""

from __future__ import annotations

import numpy as np
from ortools.linear_solver import pywraplp

from solver.setup import Edge, Setup, edge
from solver.validate import table_capacities

MAX_PRICING_ROUNDS = 4
CLOSE_ENOUGH = 2e-4  # stop pricing once the LP value is within this share of the bound


def capacity(setup: Setup) -> tuple[list[float], float]:
    """Per person, the most new people they can meet; and the most conversations in the event."""
    degree = [0.0] * setup.n
    total = 0.0
    fmt = setup.instance.format
    capacities = table_capacities(setup.instance)
    for r in setup.open_rounds:
        present = setup.present[r]
        count = len(present)
        if setup.is_pairs:
            per_person, conversations = (2 if count % 2 else 1), (count + 3) // 2 if count % 2 else count // 2
        else:
            largest = min(fmt.max_size, max(capacities) if capacities else fmt.max_size, count)
            per_person, conversations = largest - 1, count * (largest - 1) // 2
        for i in present:
            degree[i] += per_person
        total += conversations
    return degree, total


def upper_bound(setup: Setup, candidates: dict[Edge, float]) -> tuple[float, dict[Edge, float]]:
    """Bound on the weight still reachable in the open rounds (frozen value not included), and the
    LP's chosen pairs with their values (a good guide for which pairs should meet at all)."""
    degree, total = capacity(setup)
    edges = {e: w for e, w in candidates.items() if w > 0 and setup.fresh(*e) and degree[e[0]] and degree[e[1]]}
    lp = IncrementalLp(setup.n, degree, total)
    best = float("inf")
    for _ in range(MAX_PRICING_ROUNDS):
        lp.add(edges)
        value, duals, total_dual = lp.solve()
        bound, missing = _dual_bound(setup, duals, total_dual, degree, total, lp.columns)
        best = min(best, bound)
        if not missing or best - value <= CLOSE_ENOUGH * best:
            break
        edges = missing
    return best, lp.chosen()


class IncrementalLp:
    """The degree-capacity LP; new pairs are added as columns and GLOP re-solves from its last basis."""

    def __init__(self, n: int, degree: list[float], total: float):
        self.solver = pywraplp.Solver.CreateSolver("GLOP")
        self.rows = [self.solver.Constraint(-self.solver.infinity(), degree[i]) for i in range(n)]
        self.total_row = self.solver.Constraint(-self.solver.infinity(), total)
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

    def solve(self) -> tuple[float, np.ndarray, float]:
        if not self.columns or self.solver.Solve() != pywraplp.Solver.OPTIMAL:
            return 0.0, np.zeros(len(self.rows)), 0.0
        duals = np.array([max(0.0, row.dual_value()) for row in self.rows])
        return self.objective.Value(), duals, max(0.0, self.total_row.dual_value())

    def chosen(self) -> dict[Edge, float]:
        if not self.columns:
            return {}
        return {e: x.solution_value() for e, x in self.columns.items() if x.solution_value() > 1e-6}


def _dual_bound(
    setup: Setup, duals: np.ndarray, total_dual: float, degree: list[float], total: float, edges: dict
) -> tuple[float, dict[Edge, float]]:
    """Weak-duality bound over all fresh pairs, and the most underpriced pairs not yet in the LP."""
    bound = float(np.dot(duals, degree)) + total_dual * total
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
    for start, block in weights.blocks():
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
        for i, j in zip(rows.tolist(), cols.tolist()):
            e = (i + start, j)
            if e not in edges:
                missing[e] = float(block[i, j])
    return bound, _most_underpriced(missing, duals, total_dual, limit=5 * setup.n)


def _most_underpriced(missing: dict[Edge, float], duals: np.ndarray, total_dual: float, limit: int) -> dict[Edge, float]:
    if len(missing) <= limit:
        return missing
    ranked = sorted(missing, key=lambda e: -(missing[e] - duals[e[0]] - duals[e[1]] - total_dual))
    return {e: missing[e] for e in ranked[:limit]}


__all__ = ["upper_bound", "capacity", "edge"]
