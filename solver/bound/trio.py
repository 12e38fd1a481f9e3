"""A tighter upper bound for pairs events with odd rounds, where each such round has one trio.

The plain bound only knows that three people per odd round get a second partner; it lets those
extra partners be anyone. Here a trio is what it is: a triangle whose three members each use one
round and meet each other. The relaxation (over all open rounds at once):

    max sum w_e y_e   s.t.  y_e <= X_e + sum_{trios t containing e} T_t,  y_e <= 1,
                            sum_{e at v} X_e + sum_{t containing v} T_t <= rounds of v,
                            sum_t T_t <= number of odd rounds,  X, T, y >= 0.

Every plan is a feasible point (X_e / T_t count the rounds a pair / trio meets), so its optimum
bounds every plan. GLOP solves it on a few pairs and triangles; the duals (u per person, lambda for
the trio count, pi per pair) are then completed for *every* pair and triangle, which by weak
duality gives a valid bound: sum rounds_v u_v + odd_rounds * max(lambda, worst triangle excess)
+ sum_e max(0, w_e - pi_e). Events up to 600 people (beyond, its LP takes seconds).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from ortools.linear_solver import pywraplp

from solver.indices import Edge
from solver.setup import Setup

MAX_PEOPLE = 600  # above this GLOP with triangle columns takes seconds; the plain bound is used
PRICING_ROUNDS = 8
NEW_TRIANGLES = 300  # most violated triangles added per pricing round
CLOSE_ENOUGH = 1e-4


def trio_bound(
    setup: Setup, candidates: dict[Edge, float], should_stop: Callable[[], bool] = lambda: False
) -> float | None:
    """Bound on what the open rounds can still add, or None when it does not apply (no odd round,
    tables, or too many people for the dense check)."""
    if not setup.is_pairs or setup.n > MAX_PEOPLE or setup.n < 3:
        return None
    odd_rounds = [r for r in setup.open_rounds if len(setup.present[r]) % 2 and len(setup.present[r]) >= 3]
    if not odd_rounds:
        return None
    weights = _fresh_weights(setup)
    rounds = np.zeros(setup.n)
    for r in setup.open_rounds:
        rounds[setup.present[r]] += 1
    in_trio = np.zeros(setup.n, dtype=bool)
    for r in odd_rounds:
        in_trio[setup.present[r]] = True
    lp = _TrioLp(weights, rounds, len(odd_rounds))
    lp.add_pairs([e for e in candidates if weights[e] > 0])
    best = float("inf")
    for _ in range(PRICING_ROUNDS):
        value, u, trio_price, pi = lp.solve()
        bound, pairs, triangles = _dual_bound(weights, rounds, len(odd_rounds), in_trio, u, trio_price, pi)
        best = min(best, bound)
        if best - value <= CLOSE_ENOUGH * max(1.0, best) or (not pairs and not triangles) or should_stop():
            break
        lp.add_pairs(pairs)
        lp.add_triangles(triangles)
    return float(best)


def _fresh_weights(setup: Setup) -> np.ndarray:
    """Weights of the pairs that can still count (0 for pairs met before or forbidden; symmetric)."""
    n = setup.n
    if setup.weights.dense is not None:
        weights = np.array(setup.weights.dense, dtype=np.float64)
    else:
        weights = np.zeros((n, n))
        for i, j in setup.weights.explicit or {}:
            weights[i, j] = weights[j, i] = setup.weights(i, j)
    for i, j in setup.met | setup.forbidden:
        weights[i, j] = weights[j, i] = 0.0
    np.fill_diagonal(weights, 0.0)
    return np.maximum(weights, 0.0)


class _TrioLp:
    def __init__(self, weights: np.ndarray, rounds: np.ndarray, odd_rounds: int):
        self.weights = weights
        self.solver = pywraplp.Solver.CreateSolver("GLOP")
        inf = self.solver.infinity()
        self.degree = [self.solver.Constraint(-inf, float(d)) for d in rounds]
        self.trio_row = self.solver.Constraint(-inf, float(odd_rounds))
        self.link: dict[Edge, pywraplp.Constraint] = {}
        self.triangles: set[tuple[int, int, int]] = set()
        self.objective = self.solver.Objective()
        self.objective.SetMaximization()

    def add_pairs(self, pairs: Iterable[tuple[int, int]]) -> None:
        inf = self.solver.infinity()
        for i, j in pairs:
            if (i, j) in self.link or self.weights[i, j] <= 0:
                continue
            met = self.solver.NumVar(0.0, 1.0, "")  # y_e: the pair has met
            rounds = self.solver.NumVar(0.0, inf, "")  # X_e: rounds they meet as a pair
            row = self.solver.Constraint(-inf, 0.0)
            row.SetCoefficient(met, 1.0)
            row.SetCoefficient(rounds, -1.0)
            self.degree[i].SetCoefficient(rounds, 1.0)
            self.degree[j].SetCoefficient(rounds, 1.0)
            self.objective.SetCoefficient(met, float(self.weights[i, j]))
            self.link[(i, j)] = row

    def add_triangles(self, triangles: Iterable[tuple[int, int, int]]) -> None:
        for trio in triangles:
            if trio in self.triangles:
                continue
            self.triangles.add(trio)
            a, b, c = trio
            self.add_pairs([(a, b), (a, c), (b, c)])
            times = self.solver.NumVar(0.0, self.solver.infinity(), "")
            self.trio_row.SetCoefficient(times, 1.0)
            for m in trio:
                self.degree[m].SetCoefficient(times, 1.0)
            for e in ((a, b), (a, c), (b, c)):
                if e in self.link:
                    self.link[e].SetCoefficient(times, -1.0)

    def solve(self) -> tuple[float, np.ndarray, float, dict[Edge, float]]:
        n = len(self.degree)
        if self.solver.Solve() != pywraplp.Solver.OPTIMAL:
            return 0.0, np.zeros(n), 0.0, {}
        u = np.array([max(0.0, row.dual_value()) for row in self.degree])
        pi = {e: max(0.0, row.dual_value()) for e, row in self.link.items()}
        return self.objective.Value(), u, max(0.0, self.trio_row.dual_value()), pi


def _dual_bound(
    weights: np.ndarray,
    rounds: np.ndarray,
    odd_rounds: int,
    in_trio: np.ndarray,
    u: np.ndarray,
    trio_price: float,
    pi: dict[Edge, float],
) -> tuple[float, list[Edge], list[tuple[int, int, int]]]:
    """Weak-duality bound over every pair and triangle, the underpriced pairs and the violated triangles."""
    pair_price = u[:, None] + u[None, :]
    price = np.minimum(weights, pair_price)  # pi_e for pairs outside the LP: as high as allowed, at most w
    for (i, j), p in pi.items():
        price[i, j] = price[j, i] = min(p, pair_price[i, j])  # repaired, so the bound is valid whatever the tolerances
    upper = np.triu(np.ones_like(weights, dtype=bool), 1)
    unpaid = np.where(upper, np.maximum(0.0, weights - price), 0.0)
    # A triangle's excess pi_ab + pi_ac + pi_bc - u_a - u_b - u_c is the sum of its three q_e.
    q = price - pair_price / 2
    q[~in_trio, :] = -np.inf
    q[:, ~in_trio] = -np.inf
    np.fill_diagonal(q, -np.inf)
    worst, triangles = _worst_triangles(q, trio_price)
    bound = float(np.dot(rounds, u)) + odd_rounds * max(trio_price, worst) + float(unpaid.sum())
    rows, cols = np.nonzero(unpaid > 1e-9)
    order = np.argsort(-unpaid[rows, cols])[: 5 * len(weights)]
    return bound, [(int(rows[k]), int(cols[k])) for k in order], triangles


def _worst_triangles(q: np.ndarray, trio_price: float) -> tuple[float, list[tuple[int, int, int]]]:
    """The largest triangle excess over all triangles, and the triangles above the trio price.

    A triangle whose excess beats the price has an edge with q above a third of it, so only
    those edges are scanned, each against every third person."""
    rows, cols = np.nonzero(np.triu(q > trio_price / 3, 1))
    worst = -np.inf
    found: list[tuple[float, tuple[int, int, int]]] = []
    for start in range(0, len(rows), 2048):
        a, b = rows[start : start + 2048], cols[start : start + 2048]
        third = q[a] + q[b]
        c = np.argmax(third, axis=1)
        excess = q[a, b] + third[np.arange(len(a)), c]
        if len(excess):
            worst = max(worst, float(excess.max()))
        for k in np.nonzero(excess > trio_price + 1e-9)[0].tolist():
            x, y, z = sorted((int(a[k]), int(b[k]), int(c[k])))
            found.append((float(excess[k]), (x, y, z)))
    found.sort(reverse=True)
    triangles = list(dict.fromkeys(t for _, t in found))[:NEW_TRIANGLES]
    return worst, triangles
