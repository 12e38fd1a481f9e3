"""The planner's indexed view of an instance: who is present when, what is forbidden, who already met.

A ``Setup`` is built once per run and not changed by the stages: a stage that needs "who met in
the rounds built so far" asks for ``with_met`` (a view that shares everything else).
"""

from __future__ import annotations

import dataclasses
import functools
import random
from dataclasses import dataclass, field

import numpy as np

from solver.indices import Edge, edge, pairs_in
from solver.model import Instance, Round
from solver.preferences import avoided_pairs
from solver.scoring.empty import is_empty
from solver.scoring.weights import Weights
from solver.tables.sizes import sizes_following_announcement
from solver.validate import group_sizes, table_capacities, validate


@dataclass
class Setup:
    instance: Instance
    ids: list[str]
    index: dict[str, int]
    weights: Weights
    open_rounds: list[int]
    present: dict[int, list[int]]
    forbidden: set[Edge]  # must-not-meet and avoided pairs: the planner keeps both apart
    strict: set[Edge]  # must-not-meet only: a plan that seats one of these fails
    met: frozenset[Edge]  # met before the event or in a frozen round (in a view: or in rounds built so far)
    previous: dict[int, set[Edge]]  # pairs seated together in the announced plan, per open round
    sizes: dict[int, list[int]] = field(default_factory=dict)  # tables: seats per table, per open round
    rng: random.Random = field(default_factory=random.Random)

    @property
    def n(self) -> int:
        return len(self.ids)

    @functools.cached_property
    def empty_profiles(self) -> np.ndarray:
        """Who wrote nothing at all (with weights from the profiles). They weigh only crumbs towards
        helpers (``scoring.empty``), which must not steer plans: the fairness figures see them at 0
        (as before those crumbs), and the greedy tables and pairs candidates weigh them as nothing."""
        profiles = self.instance.weights is None
        return np.array([profiles and is_empty(p.profile) for p in self.instance.people], dtype=bool)

    @property
    def is_pairs(self) -> bool:
        return self.instance.format.kind == "pairs"

    def with_met(self, met: frozenset[Edge]) -> Setup:
        """The same setup where ``met`` counts as met (random numbers still drawn from the one generator)."""
        return dataclasses.replace(self, met=met)

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

    def held_round_number(self) -> int | None:
        """The first open round when it was announced in a tables event (the only round held to
        the announcement, see ``solver.tables.held``)."""
        if self.is_pairs or not self.open_rounds or self.open_rounds[0] not in self.previous:
            return None
        return self.open_rounds[0]

    def announced_tables(self, r: int) -> list[list[int]]:
        """The announced seating of round r by table slot: present members only, [] where none."""
        slot_of = {label: k for k, label in enumerate(self.table_labels()[: len(self.sizes[r])])}
        present = set(self.present[r])
        tables: list[list[int]] = [[] for _ in self.sizes[r]]
        for group in self.instance.previous[r]:
            k = slot_of.get(group.table)
            if k is not None:
                tables[k] = [self.index[m] for m in group.members if self.index[m] in present]
        return tables


def build_setup(instance: Instance) -> Setup:
    validate(instance)
    ids = [p.id for p in instance.people]
    index = {pid: i for i, pid in enumerate(ids)}
    open_rounds = list(range(len(instance.frozen), instance.rounds))
    present = {r: [i for i, p in enumerate(instance.people) if p.present_in(r)] for r in open_rounds}
    strict = {edge(*(index[p] for p in pair)) for pair in instance.must_not_meet}
    forbidden = strict | {edge(*(index[p] for p in pair)) for pair in avoided_pairs(instance)}
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
        strict=strict,
        met=frozenset(met),
        previous=previous,
        rng=random.Random(instance.seed),
    )
    if instance.format.kind == "tables":
        for r in open_rounds:
            sizes = group_sizes(instance, len(present[r])) if present[r] else []
            assert sizes is not None  # validate() guarantees a seating exists
            setup.sizes[r] = sizes
        held = setup.held_round_number()
        if held is not None:
            sizes = setup.sizes[held]
            kept = [len(t) for t in setup.announced_tables(held)]
            capacities = table_capacities(instance) or [instance.format.max_size] * len(sizes)
            setup.sizes[held] = sizes_following_announcement(sizes, kept, capacities)
    return setup


def _pairs_of(rounds: tuple[Round, ...], index: dict[str, int]) -> set[Edge]:
    pairs: set[Edge] = set()
    for groups in rounds:
        for group in groups:
            pairs.update(pairs_in([index[m] for m in group.members]))
    return pairs
