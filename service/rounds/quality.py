"""A plan's quality in plain words, the spread of per-person values, and what a re-plan changes."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from service.rounds.seating import SeatedTable, Seating

SPREAD_BARS = 8
MAX_CHANGE_LINES = 60


def closeness_in_words(gap: float) -> str:
    """How close the plan is to the best possible one, rounded up so it never over-promises."""
    if not math.isfinite(gap) or gap < 0:
        return "how close this is to the best possible plan is not known"
    if gap <= 1e-9:
        return "the best possible plan"
    percent = math.ceil(gap * 1000) / 10  # one decimal, rounded up
    return f"within {percent:g} % of the best possible plan"


def people_in_small_groups(seating: Seating, *, usual_size: int) -> int:
    """How many seats (person × round) are at a table that differs from the usual size: trios in
    the pairs format, or tables below the largest size in the tables format."""
    sizes = [len(table.members) for tables in seating for table in tables]
    if usual_size == 2:
        return sum(size for size in sizes if size == 3)
    return sum(size for size in sizes if size < usual_size)


@dataclass(frozen=True)
class SpreadBar:
    low: float
    high: float
    count: int
    share: float  # of the tallest bar, 0..1, for drawing
    label: str  # where the bar starts, as shown under it


def value_spread(values: Mapping[str, float], bars: int = SPREAD_BARS) -> list[SpreadBar]:
    """A histogram of per-person values, so a long thin tail of poorly served people shows."""
    if not values:
        return []
    low, high = min(values.values()), max(values.values())
    width = (high - low) / bars if high > low else 1.0
    counts = [0] * (bars if high > low else 1)
    for value in values.values():
        counts[min(int((value - low) / width), len(counts) - 1)] += 1
    tallest = max(counts)
    # Whole numbers when the bars are at least one apart; otherwise they would read alike.
    digits = 0 if width >= 1 else 1
    return [
        SpreadBar(
            low=low + i * width,
            high=low + (i + 1) * width,
            count=c,
            share=c / tallest,
            label=f"{low + i * width:.{digits}f}",
        )
        for i, c in enumerate(counts)
    ]


@dataclass
class PlanChanges:
    lines: list[str] = field(default_factory=list)
    affected: list[str] = field(default_factory=list)  # names, sorted
    hidden_lines: int = 0
    rounds: list[int] = field(default_factory=list)  # 1-based numbers of the rounds that change

    @property
    def none(self) -> bool:
        return not self.lines and not self.hidden_lines


def seat_of(table: SeatedTable | None, person_id: str) -> tuple[str, frozenset[str]] | None:
    """Where someone sits, as far as they notice: the table and the people at it."""
    return None if table is None else (table.label, frozenset(table.others(person_id)))


def plan_changes(old: Seating, new: Seating, names: Mapping[str, str], *, from_round: int) -> PlanChanges:
    """Who sits somewhere else, or with someone else, in each round from ``from_round`` (0-based)."""
    changes = PlanChanges()
    affected: set[str] = set()
    for index in range(from_round, max(len(old), len(new))):
        in_old, in_new = index < len(old), index < len(new)
        people = (old.members(index) if in_old else set()) | (new.members(index) if in_new else set())
        for person_id in sorted(people, key=lambda p: names.get(p, p).casefold()):
            before = seat_of(old.table_of(person_id, index) if in_old else None, person_id)
            after = seat_of(new.table_of(person_id, index) if in_new else None, person_id)
            if before == after:
                continue
            affected.add(names.get(person_id, "someone"))
            if index + 1 not in changes.rounds:
                changes.rounds.append(index + 1)
            line = (
                f"Round {index + 1}: {names.get(person_id, 'someone')} — "
                f"{describe_seat(after, names)} (was: {describe_seat(before, names)})"
            )
            if len(changes.lines) < MAX_CHANGE_LINES:
                changes.lines.append(line)
            else:
                changes.hidden_lines += 1
    changes.affected = sorted(affected, key=str.casefold)
    return changes


def describe_seat(seat: tuple[str, frozenset[str]] | None, names: Mapping[str, str]) -> str:
    if seat is None:
        return "not seated"
    table, others = seat
    with_names = ", ".join(sorted((names.get(o, "someone") for o in others), key=str.casefold))
    return f"Table {table} with {with_names}" if with_names else f"Table {table}"
