"""The planner's indexed view of an instance: who is present when, what is forbidden, who already met."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from solver.held import announced_tables, held_round_number
from solver.model import Instance, Round
from solver.validate import group_sizes, table_capacities, validate
from solver.weights import Weights

Edge = tuple[int, int]


def edge(i: int, j: int) -> Edge:
    return (i, j) if i < j else (j, i)


@dataclass
class Setup:
    instance: Instance
    ids: list[str]
    index: dict[str, int]
    weights: Weights
    open_rounds: list[int]
    present: dict[int, list[int]]
    forbidden: set[Edge]
    met: set[Edge]  # met before the event or in a frozen round (grows while rounds are built)
    met_at_start: frozenset[Edge]
    previous: dict[int, set[Edge]]  # pairs seated together in the announced plan, per open round
    sizes: dict[int, list[int]] = field(default_factory=dict)  # tables: seats per table, per open round
    rng: random.Random = field(default_factory=random.Random)

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def is_pairs(self) -> bool:
        return self.instance.format.kind == "pairs"

    def allowed(self, i: int, j: int) -> bool:
        return edge(i, j) not in self.forbidden

    def fresh(self, i: int, j: int) -> bool:
        """Allowed and not met before: meeting now is neither forbidden nor a repeat."""
        e = edge(i, j)
        return e not in self.forbidden and e not in self.met

    def table_labels(self) -> list[str]:
        fmt = self.instance.format
        if fmt.kind == "tables" and fmt.tables:
            return [t.label for t in fmt.tables]
        return [str(k + 1) for k in range(self.n)]


def build_setup(instance: Instance) -> Setup:
    validate(instance)
    ids = [p.id for p in instance.people]
    index = {pid: i for i, pid in enumerate(ids)}
    open_rounds = list(range(len(instance.frozen), instance.rounds))
    present = {r: [i for i, p in enumerate(instance.people) if p.present_in(r)] for r in open_rounds}
    forbidden = {edge(*(index[p] for p in pair)) for pair in instance.must_not_meet}
    met = {edge(*(index[p] for p in pair)) for pair in instance.met_before}
    met |= _pairs_of(instance.frozen, index)
    previous = {r: _pairs_of((instance.previous[r],), index) for r in open_rounds if r < len(instance.previous)}
    setup = Setup(
        instance=instance,
        ids=ids,
        index=index,
        weights=Weights(instance),
        open_rounds=open_rounds,
        present=present,
        forbidden=forbidden,
        met=met,
        met_at_start=frozenset(met),
        previous=previous,
        rng=random.Random(instance.seed),
    )
    if instance.format.kind == "tables":
        for r in open_rounds:
            sizes = group_sizes(instance, len(present[r])) if present[r] else []
            assert sizes is not None  # validate() guarantees a seating exists
            setup.sizes[r] = sizes
        held = held_round_number(setup)
        if held is not None:
            setup.sizes[held] = _sizes_following_announcement(setup, held)
    return setup


def _sizes_following_announcement(setup: Setup, r: int) -> list[int]:
    """Round r's table sizes, moved between tables of equal capacity so that the larger sizes go
    where more of the announced members are still present (fewest people change tables)."""
    sizes = setup.sizes[r]
    kept = [len(t) for t in announced_tables(setup, r)]
    capacities = table_capacities(setup.instance) or [setup.instance.format.max_size] * len(sizes)
    result = list(sizes)
    for capacity in set(capacities):
        slots = [k for k in range(len(sizes)) if capacities[k] == capacity]
        by_kept = sorted(slots, key=lambda k: (-kept[k], k))
        for k, size in zip(by_kept, sorted((sizes[k] for k in slots), reverse=True), strict=False):
            result[k] = size
    return result


def _pairs_of(rounds: tuple[Round, ...], index: dict[str, int]) -> set[Edge]:
    pairs = set()
    for groups in rounds:
        for group in groups:
            members = [index[m] for m in group.members]
            pairs.update(edge(a, b) for k, a in enumerate(members) for b in members[k + 1 :])
    return pairs
