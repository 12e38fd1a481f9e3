"""The seating of a plan: who sits at which table in each round, as one typed value.

A plan's rounds are stored as JSON, ``[[{"table": "4", "members": [attendee id, ...]}, ...], ...]``
(round 1 first; see ``RoundPlan.rounds``). ``Seating`` reads that form once and answers the
questions every page asks ("where does this person sit in round 2", "whom do they meet"), so
no other module walks the JSON. Round indices are 0-based, as in the solver.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from solver.model import Group

StoredGroup = dict[str, Any]  # {"table": str, "members": [str, ...]}
StoredRound = list[StoredGroup]


def table_sort_key(label: str) -> tuple[int, str]:
    """Tables in the order people look for them: 1, 2, … 10, then named tables alphabetically."""
    return (int(label), "") if label.isdigit() else (10**9, label.casefold())


@dataclass(frozen=True)
class SeatedTable:
    label: str
    members: tuple[str, ...]

    def others(self, person_id: str) -> tuple[str, ...]:
        return tuple(m for m in self.members if m != person_id)


@dataclass(frozen=True)
class Seating:
    rounds: tuple[tuple[SeatedTable, ...], ...] = ()

    # ---- to and from the stored and the solver's forms -------------------------------

    @classmethod
    def from_stored(cls, stored: Iterable[Iterable[Mapping[str, Any]]] | None) -> Seating:
        return cls(
            tuple(
                tuple(SeatedTable(label=str(g["table"]), members=tuple(g["members"])) for g in groups)
                for groups in stored or ()
            )
        )

    @classmethod
    def from_groups(cls, rounds: Iterable[Iterable[Group]]) -> Seating:
        """The solver's rounds (``Plan.rounds``) as a seating."""
        return cls(
            tuple(tuple(SeatedTable(label=g.table, members=tuple(g.members)) for g in groups) for groups in rounds)
        )

    def to_stored(self) -> list[StoredRound]:
        return [[{"table": t.label, "members": list(t.members)} for t in tables] for tables in self.rounds]

    def to_groups(self, keep: set[str] | None = None) -> tuple[tuple[Group, ...], ...]:
        """The solver's form; with ``keep``, only those people (tables left empty are dropped)."""
        result = []
        for tables in self.rounds:
            groups = []
            for table in tables:
                members = tuple(m for m in table.members if keep is None or m in keep)
                if members:
                    groups.append(Group(table=table.label, members=members))
            result.append(tuple(groups))
        return tuple(result)

    # ---- questions about the seating --------------------------------------------------

    def __len__(self) -> int:
        return len(self.rounds)

    def __iter__(self) -> Iterator[tuple[SeatedTable, ...]]:
        return iter(self.rounds)

    def __getitem__(self, round_index: int) -> tuple[SeatedTable, ...]:
        return self.rounds[round_index]

    def head(self, count: int) -> Seating:
        """The first ``count`` rounds."""
        return Seating(self.rounds[:count])

    def tail(self, start: int) -> Seating:
        """The rounds from index ``start`` on."""
        return Seating(self.rounds[start:])

    def members(self, round_index: int) -> set[str]:
        """Everyone seated in this round."""
        return {m for table in self.rounds[round_index] for m in table.members}

    def everyone(self) -> set[str]:
        """Everyone seated in at least one round."""
        return {m for tables in self.rounds for table in tables for m in table.members}

    def table_of(self, person_id: str, round_index: int) -> SeatedTable | None:
        return next((t for t in self.rounds[round_index] if person_id in t.members), None)

    def tables_of(self, person_id: str) -> list[SeatedTable | None]:
        """This person's table in each round (None where they have no seat)."""
        return [self.table_of(person_id, index) for index in range(len(self.rounds))]

    def rounds_seated(self, person_id: str) -> set[int]:
        return {index for index, table in enumerate(self.tables_of(person_id)) if table is not None}

    def tablemates(self, person_id: str, round_index: int | None = None) -> set[str]:
        """Everyone who sits with this person in that round, or in any round."""
        indices = range(len(self.rounds)) if round_index is None else (round_index,)
        tables = (self.table_of(person_id, index) for index in indices)
        return {m for table in tables if table is not None for m in table.others(person_id)}

    def seats_by_person(self) -> dict[str, list[str]]:
        """Person id -> the table label in each round ("" for a round they are not seated in)."""
        seats: dict[str, list[str]] = {}
        for index, tables in enumerate(self.rounds):
            for table in tables:
                for member in table.members:
                    seats.setdefault(member, [""] * len(self.rounds))[index] = table.label
        return seats

    def table_labels(self) -> list[str]:
        """Every table used in any round, in ``table_sort_key`` order."""
        return sorted({t.label for tables in self.rounds for t in tables}, key=table_sort_key)

    def swapped(self, round_index: int, first: str, second: str) -> Seating:
        """The same seating with these two people's seats exchanged in one round. Both must be
        seated at different tables there (``ValueError`` otherwise)."""
        seat_a, seat_b = self.table_of(first, round_index), self.table_of(second, round_index)
        if seat_a is None or seat_b is None or seat_a == seat_b:
            raise ValueError("both people must sit at different tables in that round")
        exchange = {first: second, second: first}
        tables = tuple(
            SeatedTable(label=t.label, members=tuple(exchange.get(m, m) for m in t.members))
            for t in self.rounds[round_index]
        )
        return Seating((*self.rounds[:round_index], tables, *self.rounds[round_index + 1 :]))


NO_SEATING = Seating()  # before anything is planned: no rounds
