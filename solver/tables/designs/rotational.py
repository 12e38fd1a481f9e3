"""Repeat-free rounds with a built-in symmetry, searched by CP-SAT, for events shaped like the social
golfer problem (the same g*s people at g tables of s in every round).

A permutation sigma of the people, of order h, turns k *base rounds* into h*k rounds: sigma^i applied
to base round j, for i < h. Under sigma the pairs of people fall into orbits. Nobody meets twice in
the developed rounds exactly when the base rounds together use every orbit of h pairs at most once
and no pair of a shorter orbit at all (such a pair would come back before sigma has gone round). The
model then only has k rounds instead of h*k, and most of the symmetry of the plain model is gone:
6 tables of 3 for 8 rounds (18 people), which the swap search and the plain assignment model do not
finish, is 2 base rounds under a sigma of four 4-cycles and one 2-cycle (found in well under a second).

Which sigma works is not known in advance. Candidate cycle shapes (larger orders first) are tried in
turn, each for a short slice of CP-SAT's deterministic time that doubles every pass; shapes proved
impossible are dropped. One worker and deterministic time limits make the result depend only on the
instance and the seed, unless the wall-clock limit cuts the search short.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ortools.sat.python import cp_model

Rounds = list[list[list[int]]]  # round -> tables -> people 0..n-1
MAX_PEOPLE = 64  # larger events are left to the swap search
MAX_SHAPES = 60  # candidate cycle shapes kept, the most promising first
FIRST_SLICE = 0.25  # deterministic time per shape in the first pass; doubles every pass


@dataclass(frozen=True)
class Symmetry:
    """sigma by its cycle lengths (people numbered cycle by cycle) and the number of base rounds."""

    cycles: tuple[int, ...]
    bases: int

    @property
    def order(self) -> int:
        return math.lcm(*self.cycles)

    @cached_property
    def permutation(self) -> list[int]:
        sigma: list[int] = []
        start = 0
        for length in self.cycles:
            sigma.extend(start + (k + 1) % length for k in range(length))
            start += length
        return sigma

    def apply(self, table: list[int], times: int) -> list[int]:
        for _ in range(times):
            table = [self.permutation[p] for p in table]
        return table

    @cached_property
    def pair_orbits(self) -> list[list[tuple[int, int]]]:
        n, sigma = len(self.permutation), self.permutation
        seen: set[tuple[int, int]] = set()
        orbits = []
        for a in range(n):
            for b in range(a + 1, n):
                orbit, pair = [], (a, b)
                while pair not in seen:
                    seen.add(pair)
                    orbit.append(pair)
                    x, y = sigma[pair[0]], sigma[pair[1]]
                    pair = (min(x, y), max(x, y))
                if orbit:
                    orbits.append(orbit)
        return orbits

    def usable_orbits(self) -> list[list[tuple[int, int]]]:
        return [orbit for orbit in self.pair_orbits if len(orbit) == self.order]


def symmetries(tables: int, size: int, rounds: int) -> list[Symmetry]:
    """Cycle shapes of order h (h*k == rounds, h >= 2, larger h first) that pass the counting tests:
    everyone has enough partners in full orbits, and there are enough full orbits for the base rounds."""
    n = tables * size
    found = []
    for order in sorted((h for h in range(2, rounds + 1) if rounds % h == 0), reverse=True):
        for cycles in _cycle_shapes(n, order, max_fixed=tables):
            symmetry = Symmetry(cycles, rounds // order)
            if _counts_allow(symmetry, tables, size, rounds):
                found.append(symmetry)
    return found[:MAX_SHAPES]


def _cycle_shapes(n: int, order: int, max_fixed: int) -> list[tuple[int, ...]]:
    """Ways to write n as cycle lengths dividing ``order`` whose lcm is ``order``, longest first."""
    lengths = [d for d in range(order, 0, -1) if order % d == 0]
    shapes: list[tuple[int, ...]] = []

    def extend(left: int, longest: int, cycles: tuple[int, ...]) -> None:
        if len(shapes) >= MAX_SHAPES:
            return
        if left == 0:
            if math.lcm(*cycles) == order and cycles.count(1) <= max_fixed:
                shapes.append(cycles)
            return
        for d in lengths:
            if d <= longest and d <= left:
                extend(left - d, d, (*cycles, d))

    extend(n, order, ())
    return shapes


def _counts_allow(symmetry: Symmetry, tables: int, size: int, rounds: int) -> bool:
    usable = symmetry.usable_orbits()
    if len(usable) < symmetry.bases * tables * size * (size - 1) // 2:
        return False
    partners = [0] * len(symmetry.permutation)
    for orbit in usable:
        for a, b in orbit:
            partners[a] += 1
            partners[b] += 1
    return min(partners) >= (size - 1) * rounds


def base_model(
    tables: int, size: int, symmetry: Symmetry
) -> tuple[cp_model.CpModel, dict[tuple[int, int, int], cp_model.IntVar]]:
    """seat[j, p, t]: person p sits at table t in base round j. Every base round seats everyone at
    tables of ``size``; tables are numbered by their first person; each full orbit is used at most
    once across the base rounds, and pairs of shorter orbits never sit together."""
    n = tables * size
    model = cp_model.CpModel()
    seat = {
        (j, p, t): model.new_bool_var(f"seat_{j}_{p}_{t}")
        for j in range(symmetry.bases)
        for p in range(n)
        for t in range(tables)
    }
    for j in range(symmetry.bases):
        for p in range(n):
            model.add_exactly_one(seat[j, p, t] for t in range(tables))
            for t in range(min(p + 1, tables), tables):
                model.add(seat[j, p, t] == 0)  # person p opens at most table p ...
            for t in range(1, min(p + 1, tables)):
                model.add(seat[j, p, t] <= sum(seat[j, q, t - 1] for q in range(p)))  # ... and only after table t-1
        for t in range(tables):
            model.add(sum(seat[j, p, t] for p in range(n)) == size)
    for orbit in symmetry.pair_orbits:
        full = len(orbit) == symmetry.order
        together = []
        for j in range(symmetry.bases):
            for a, b in orbit:
                if not full:
                    for t in range(tables):
                        model.add_bool_or([seat[j, a, t].negated(), seat[j, b, t].negated()])
                    continue
                met = model.new_bool_var(f"met_b{j}_{a}_{b}")
                for t in range(tables):
                    model.add_bool_or([seat[j, a, t].negated(), seat[j, b, t].negated(), met])
                together.append(met)
        if together:
            model.add_at_most_one(together)
    return model, seat


def develop(symmetry: Symmetry, bases: Rounds) -> Rounds:
    """All rounds: sigma^i applied to every base round."""
    return [[sorted(symmetry.apply(table, i)) for table in base] for i in range(symmetry.order) for base in bases]


def rotational_rounds(
    tables: int, size: int, rounds: int, seconds: float, seed: int = 0, should_stop: Callable[[], bool] | None = None
) -> Rounds | None:
    """``rounds`` repeat-free rounds of ``tables`` tables of ``size`` (people 0..tables*size-1), or None
    when no candidate symmetry gives them within ``seconds``."""
    if tables * size > MAX_PEOPLE or size < 2 or tables < 2 or rounds < 2:
        return None
    deadline = time.perf_counter() + seconds
    live = symmetries(tables, size, rounds)
    models = {}
    budget = FIRST_SLICE
    while live:
        for symmetry in list(live):
            left = deadline - time.perf_counter()
            if left <= 0 or (should_stop and should_stop()):
                return None
            if symmetry not in models:
                models[symmetry] = base_model(tables, size, symmetry)
            model, seat = models[symmetry]
            status, solver = solve_base(model, seed, budget, left)
            if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                return develop(symmetry, decode_bases(solver, seat, tables, size, symmetry))
            if status == cp_model.INFEASIBLE:
                live.remove(symmetry)
        budget *= 2
    return None


def solve_base(
    model: cp_model.CpModel, seed: int, deterministic_seconds: float, seconds: float
) -> tuple[Any, cp_model.CpSolver]:
    """One slice of search: at most ``deterministic_seconds`` of CP-SAT's deterministic time."""
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1  # one worker is deterministic under deterministic time
    solver.parameters.random_seed = seed
    solver.parameters.max_deterministic_time = deterministic_seconds
    solver.parameters.max_time_in_seconds = seconds
    return solver.solve(model), solver


def decode_bases(
    solver: cp_model.CpSolver,
    seat: dict[tuple[int, int, int], cp_model.IntVar],
    tables: int,
    size: int,
    symmetry: Symmetry,
) -> Rounds:
    """The base rounds found: tables of person numbers."""
    n = tables * size
    return [
        [[p for p in range(n) if solver.value(seat[j, p, t])] for t in range(tables)] for j in range(symmetry.bases)
    ]
