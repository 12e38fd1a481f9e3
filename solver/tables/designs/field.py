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

from collections.abc import Iterator
from itertools import product

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


def _monic(p: int, degree: int) -> Iterator[list[int]]:
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
