"""Repeat-free seatings built by algebra, for events shaped like the social golfer problem.

When the same g*s people sit at g tables of s in every round and g is a prime power q >= s, the
finite field GF(q) gives up to q rounds in which nobody meets anyone twice (a resolvable
transversal design): person (x, c), with x in GF(q) and c one of s distinct field elements, sits
in round m at table x - m*c. Two people (x, c) and (x', c') with c != c' share a table only in
the round m = (x - x') / (c - c'), and people with the same c never do. When s divides q, one
more round seats the people with the same c together, in q/s tables each. 8 tables of 4 for 9
rounds (32 people) is the classic case; the search continues from such a seating for the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import product

from solver.rotational import rotational_rounds

MAX_FIELD = 64


class Field:
    """GF(p^k) on the integers 0..q-1 (base-p digits are polynomial coefficients)."""

    def __init__(self, p: int, k: int):
        self.p, self.k, self.q = p, k, p**k
        self.modulus = _irreducible(p, k)

    def digits(self, a: int) -> list[int]:
        return [(a // self.p**i) % self.p for i in range(self.k)]

    def number(self, digits: list[int]) -> int:
        return sum(d * self.p**i for i, d in enumerate(digits))

    def add(self, a: int, b: int) -> int:
        return self.number([(x + y) % self.p for x, y in zip(self.digits(a), self.digits(b), strict=False)])

    def neg(self, a: int) -> int:
        return self.number([(-x) % self.p for x in self.digits(a)])

    def mul(self, a: int, b: int) -> int:
        product_ = [0] * (2 * self.k - 1)
        for i, x in enumerate(self.digits(a)):
            for j, y in enumerate(self.digits(b)):
                product_[i + j] = (product_[i + j] + x * y) % self.p
        for top in range(len(product_) - 1, self.k - 1, -1):  # reduce by the monic modulus
            factor = product_[top]
            if factor:
                for i, m in enumerate(self.modulus):
                    product_[top - self.k + i] = (product_[top - self.k + i] - factor * m) % self.p
        return self.number(product_[: self.k])


def prime_power(q: int) -> tuple[int, int] | None:
    """(p, k) with p**k == q for a prime p, or None."""
    for p in range(2, q + 1):
        if q % p == 0:
            k = 0
            while q % p == 0:
                q //= p
                k += 1
            return (p, k) if q == 1 else None
    return None


def _irreducible(p: int, k: int) -> list[int]:
    """Coefficients (constant first, monic) of a degree-k polynomial with no factor over GF(p)."""
    if k == 1:
        return [0, 1]
    for low in product(range(p), repeat=k):
        poly = [*low, 1]
        if not any(_divides(f, poly, p) for d in range(1, k // 2 + 1) for f in _monic(p, d)):
            return poly
    raise ValueError(f"no irreducible polynomial of degree {k} over GF({p})")


def _monic(p: int, degree: int):
    for low in product(range(p), repeat=degree):
        yield [*low, 1]


def _divides(f: list[int], g: list[int], p: int) -> bool:
    rest = list(g)
    for top in range(len(rest) - 1, len(f) - 2, -1):
        factor = rest[top]
        if factor:
            for i, c in enumerate(f):
                rest[top - len(f) + 1 + i] = (rest[top - len(f) + 1 + i] - factor * c) % p
    return not any(rest[: len(f) - 1])


def design_rounds(tables: int, size: int, rounds: int) -> list[list[list[int]]] | None:
    """Up to ``rounds`` repeat-free rounds of ``tables`` tables of ``size`` for people 0..tables*size-1
    (person x*size + c is (x, c)); None when the construction does not apply."""
    found = prime_power(tables)
    if found is None or size > tables or tables > MAX_FIELD or size < 2:
        return None
    field = Field(*found)
    q = tables
    result = []
    for m in range(min(rounds, q)):
        seats: list[list[int]] = [[] for _ in range(q)]
        for x in range(q):
            for c in range(size):
                table = field.add(x, field.neg(field.mul(m, c)))  # x - m*c
                seats[table].append(x * size + c)
        result.append(seats)
    if len(result) < rounds and q % size == 0:
        result.append(
            [[x * size + c for x in range(start, start + size)] for c in range(size) for start in range(0, q, size)]
        )
    return result


def design_seating(
    setup, fallback: dict[int, list[list[int]]], seconds: float, should_stop: Callable[[], bool] | None = None
) -> dict[int, list[list[int]]] | None:
    """A seating whose first open rounds come from a design (the rest from ``fallback``), when the
    same people sit at the same table sizes in every open round, all of one size s or a few (fewer
    than the tables) of s - 1; otherwise None. The design comes from ``design_rounds``, or where the
    field gives too few rounds from the symmetric search of ``solver.rotational`` (for at most
    ``seconds``). One seat short of s is a design point left empty: the empty points are people of
    the design who never share a table, so each round has exactly that many tables of s - 1."""
    rounds = setup.open_rounds
    if setup.is_pairs or not rounds:
        return None
    people = setup.present[rounds[0]]
    shapes = {(tuple(setup.present[r]), tuple(sorted(s for s in setup.sizes[r] if s))) for r in rounds}
    sizes = [s for s in setup.sizes[rounds[0]] if s]
    tables, size = len(sizes), max(sizes, default=0)
    empty = tables * size - len(people)
    if len(shapes) != 1 or min(sizes, default=0) < size - 1 or empty >= tables:
        return None
    designed = design_rounds(tables, size, len(rounds))
    if designed is None or len(designed) < len(rounds):
        found = rotational_rounds(tables, size, len(rounds), seconds, setup.instance.seed, should_stop)
        designed = found or designed
    left_empty = _never_together(designed, empty) if designed is not None else None
    if left_empty is None:
        return None
    person_at = dict(zip((p for p in range(tables * size) if p not in left_empty), people, strict=False))
    seating = {r: [list(t) for t in fallback[r]] for r in rounds}
    for r, design in zip(rounds, designed, strict=False):
        seating[r] = [[] for _ in fallback[r]]
        free_slots = {s: [k for k, t in enumerate(fallback[r]) if len(t) == s] for s in (size, size - 1)}
        for table in design:
            members = [person_at[p] for p in table if p not in left_empty]
            seating[r][free_slots[len(members)].pop(0)] = members  # a table of its size this round
    return seating


def _never_together(rounds: list[list[list[int]]], count: int) -> set[int] | None:
    """``count`` design points of which no two share a table in any round, or None. Their
    tablemates sit at the smaller tables, so each next point is the one whose tablemates have
    sat with the points chosen so far least (fewest people at a smaller table twice)."""
    mates: dict[int, set[int]] = {}
    for tables in rounds:
        for table in tables:
            for p in table:
                mates.setdefault(p, set()).update(q for q in table if q != p)
    chosen: set[int] = set()
    short: dict[int, int] = {}
    for _ in range(count):
        options = [p for p in sorted(mates) if p not in chosen and not mates[p] & chosen]
        if not options:
            return None
        best = min(options, key=lambda p: sum(2 * short.get(q, 0) + 1 for q in mates[p]))
        chosen.add(best)
        for q in mates[best]:
            short[q] = short.get(q, 0) + 1
    return chosen
