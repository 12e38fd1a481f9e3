"""The solver's input and output types: plain data, independent of any model or engine."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

PersonId = str
Pair = frozenset[PersonId]


@dataclass(frozen=True)
class Profile:
    interests: tuple[str, ...] = ()
    offers: tuple[str, ...] = ()  # "I can help with"
    seeks: tuple[str, ...] = ()  # "I'm looking for"


@dataclass(frozen=True)
class Person:
    id: PersonId
    name: str
    profile: Profile = Profile()
    # Rounds (0-based) this person is present for; None means every round.
    rounds: frozenset[int] | None = None
    # For the organiser's rules (solver.preferences): "" when not given.
    organisation: str = ""
    role: str = ""

    def present_in(self, round_index: int) -> bool:
        return self.rounds is None or round_index in self.rounds


@dataclass(frozen=True)
class Table:
    label: str
    capacity: int


@dataclass(frozen=True)
class Format:
    kind: Literal["pairs", "tables"] = "pairs"
    min_size: int = 2
    max_size: int = 2
    # Optional physical tables; without them tables are labelled "1", "2", ...
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Group:
    table: str
    members: tuple[PersonId, ...]


Round = tuple[Group, ...]


@dataclass(frozen=True)
class Instance:
    people: tuple[Person, ...]
    rounds: int
    format: Format = Format()
    # The first len(frozen) rounds happened or were announced: returned exactly as given.
    frozen: tuple[Round, ...] = ()
    # The plan announced before a re-plan: later rounds should change as little as possible.
    previous: tuple[Round, ...] = ()
    must_not_meet: frozenset[Pair] = frozenset()
    met_before: frozenset[Pair] = frozenset()
    # Explicit pair weights; when None, weights come from the profiles' help scores.
    weights: Mapping[Pair, float] | None = None
    # Attendees' wishes, (who, whom): "I'd like to meet". Raises the pair's weight (solver.preferences).
    wishes: frozenset[tuple[PersonId, PersonId]] = frozenset()
    # Pairs one of whom declined ("I already know them", "not this time"): kept apart like
    # must_not_meet, but where no plan can, they meet and the plan says so instead of failing.
    declined: frozenset[Pair] = frozenset()
    # Organiser's rules, kept where feasible and reported where not (Plan.broken_rules).
    avoid_same_organisation: bool = False
    # role -> the roles it meets (only): {"founder": {"investor", "mentor"}}.
    role_rules: Mapping[str, frozenset[str]] = field(default_factory=dict)
    seed: int = 0
    time_limit_seconds: float = 10.0
    # CP-SAT worker threads; the machine is shared, so this is always set explicitly.
    solver_threads: int = 2


@dataclass(frozen=True)
class Breach:
    """A rule the plan could not keep for one person in one round (``rule`` names it in words)."""

    rule: str
    person: PersonId
    round: int
    why: str


@dataclass
class Plan:
    rounds: list[Round]
    objective: float
    upper_bound: float
    gap: float  # (upper_bound - objective) / upper_bound, 0 when optimal
    repeats: int
    person_values: dict[PersonId, float]
    seconds: float
    notes: list[str] = field(default_factory=list)
    broken_rules: list[Breach] = field(default_factory=list)
    # Times a declined pair had to meet (never named: nobody learns what someone else marked).
    declined_meetings: int = 0


@dataclass(frozen=True)
class Progress:
    objective: float
    upper_bound: float
    gap: float
    seconds: float
    repeats: int = 0
