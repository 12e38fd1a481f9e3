"""Exhaustive search over tiny events: the true fewest repeats and best objective, to test the planner against."""

from collections.abc import Iterator
from itertools import combinations, product

from solver import Instance
from solver.validate import group_sizes


def groupings(people: list[str], sizes: list[int]) -> Iterator[tuple[tuple[str, ...], ...]]:
    """Every way to split people into groups of the given sizes (groups unordered)."""
    if not sizes:
        yield ()
        return
    first, rest = people[0], people[1:]
    for size in sorted(set(sizes)):  # the first person may sit in a group of any size
        left_sizes = list(sizes)
        left_sizes.remove(size)
        for mates in combinations(rest, size - 1):
            remaining = [p for p in rest if p not in mates]
            for others in groupings(remaining, left_sizes):
                yield ((first, *mates), *others)


def round_sizes(instance: Instance, count: int) -> list[int]:
    if instance.format.kind == "pairs":
        return [3] + [2] * ((count - 3) // 2) if count % 2 else [2] * (count // 2)
    sizes = group_sizes(instance, count)
    assert sizes is not None
    return sorted((s for s in sizes if s), reverse=True)


def fewest_repeats(instance: Instance) -> int | None:
    """Exhaustive minimum of repeats; None when must-not-meet cannot be kept."""
    options = []
    for r in range(instance.rounds):
        present = [p.id for p in instance.people if p.present_in(r)]
        allowed = [
            g
            for g in groupings(present, round_sizes(instance, len(present)))
            if not any(frozenset(pair) in instance.must_not_meet for group in g for pair in combinations(group, 2))
        ]
        options.append(allowed)
    best = None
    for choice in product(*options):
        met: dict[frozenset[str], int] = {}
        for pair in instance.met_before:
            met[pair] = 1
        for groups in choice:
            for group in groups:
                for pair in combinations(group, 2):
                    met[frozenset(pair)] = met.get(frozenset(pair), 0) + 1
        repeats = sum(c - 1 for c in met.values())
        best = repeats if best is None else min(best, repeats)
    return best


def best_objective(instance: Instance) -> float:
    """Exhaustive maximum of the objective over all plans that keep must-not-meet."""
    weights = instance.weights or {}
    options = []
    for r in range(instance.rounds):
        present = [p.id for p in instance.people if p.present_in(r)]
        options.append(
            [
                g
                for g in groupings(present, round_sizes(instance, len(present)))
                if not any(frozenset(pair) in instance.must_not_meet for group in g for pair in combinations(group, 2))
            ]
        )
    best = 0.0
    for choice in product(*options):
        met = {frozenset(pair) for groups in choice for group in groups for pair in combinations(group, 2)}
        best = max(best, sum(weights.get(pair, 0.0) for pair in met - instance.met_before))
    return best
