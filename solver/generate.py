"""Synthetic events for tests and benchmarks, reproducible from (people, rounds, seed, options).

Each person draws 1-3 offers, 1-2 seeks and 1-3 interests from the vocabulary's concepts, with
popularity following a Zipf law (concept k is chosen with weight 1/(k+1)^0.8, over a seeded shuffle
of the concepts), and writes each one with a randomly chosen wording from the vocabulary, so the
matching of word forms is exercised too. Optionally a share of people arrives late or leaves early.
"""

from __future__ import annotations

import json
import random
from importlib import resources

from solver.model import Format, Instance, Person, Profile

FIRST_NAMES = [
    "Ana",
    "Ben",
    "Cai",
    "Dana",
    "Eli",
    "Fay",
    "Gus",
    "Hana",
    "Ivo",
    "Jin",
    "Kim",
    "Lea",
    "Mo",
    "Nia",
    "Oz",
    "Pia",
    "Quin",
    "Ria",
    "Sol",
    "Tao",
    "Uma",
    "Vic",
    "Wen",
    "Xia",
    "Yan",
    "Zoe",
]
ZIPF_EXPONENT = 0.8
# Events are drawn from the vocabulary's first 58 concepts, as they were when the benchmarks were
# first measured: concepts added later (at the end) and ``more_wordings`` leave generate(n, seed)
# the same event, so benchmark figures stay comparable as the vocabulary grows.
GENERATED_CONCEPTS = 58


def _concepts() -> list[list[str]]:
    raw = json.loads(resources.files("solver").joinpath("data/vocabulary.json").read_text("utf-8"))
    return raw["concepts"][:GENERATED_CONCEPTS]


def generate(
    people: int,
    rounds: int = 6,
    seed: int = 0,
    fmt: Format | None = None,
    late: float = 0.0,
    leave: float = 0.0,
    change_round: int | None = None,
    time_limit_seconds: float = 10.0,
) -> Instance:
    """``late``: share arriving at ``change_round``; ``leave``: share leaving from ``change_round`` on."""
    rng = random.Random(seed)
    concepts = _concepts()
    rng.shuffle(concepts)
    popularity = [1 / (k + 1) ** ZIPF_EXPONENT for k in range(len(concepts))]
    change = rounds // 2 if change_round is None else change_round
    order = list(range(people))
    rng.shuffle(order)
    late_people = set(order[: round(late * people)])
    leaving = set(order[len(late_people) : len(late_people) + round(leave * people)])

    def pick(low: int, high: int) -> tuple[str, ...]:
        chosen = {id(c): c for c in rng.choices(concepts, popularity, k=rng.randint(low, high))}
        return tuple(rng.choice(c) for c in chosen.values())

    persons = []
    for i in range(people):
        present = None
        if i in late_people:
            present = frozenset(range(change, rounds))
        elif i in leaving:
            present = frozenset(range(change))
        name = f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {i}"
        persons.append(
            Person(f"p{i}", name, Profile(interests=pick(1, 3), offers=pick(1, 3), seeks=pick(1, 2)), present)
        )
    return Instance(
        people=tuple(persons), rounds=rounds, format=fmt or Format(), seed=seed, time_limit_seconds=time_limit_seconds
    )


def golfer(groups: int, size: int, weeks: int, seed: int = 0, time_limit_seconds: float = 60.0) -> Instance:
    """Social golfer g-s-w: g*s people, tables of exactly s, w rounds, nobody meets twice; no weights."""
    people = tuple(Person(f"g{i}", f"Golfer {i}") for i in range(groups * size))
    return Instance(
        people=people,
        rounds=weeks,
        format=Format("tables", size, size),
        weights={},
        seed=seed,
        time_limit_seconds=time_limit_seconds,
    )
