from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from service.db.models import Attendee, Event
from service.errors import UserFacingError
from service.rounds.planning import build_instance, event_format, from_solver_rounds, to_solver_rounds

NOW = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)


def person(name: str, present: bool = True) -> Attendee:
    return Attendee(
        id=uuid4(), display_name=name, present=present, checked_in_at=NOW, interests=[], offers=[], seeks=[]
    )


def test_stored_rounds_and_solver_rounds_convert_both_ways() -> None:
    stored = [[{"table": "1", "members": ["a", "b"]}, {"table": "2", "members": ["c"]}]]
    assert from_solver_rounds(to_solver_rounds(stored)) == stored
    only_a = to_solver_rounds(stored, keep={"a"})
    assert [[(g.table, g.members) for g in r] for r in only_a] == [[("1", ("a",))]]


def test_the_event_format_becomes_the_solvers() -> None:
    assert event_format(Event(format="pairs", table_min=3, table_max=5)).max_size == 2
    tables = event_format(Event(format="tables", table_min=3, table_max=5))
    assert (tables.kind, tables.min_size, tables.max_size) == ("tables", 3, 5)


def test_a_replan_keeps_started_rounds_and_hints_with_the_people_still_here() -> None:
    ana, ben, cy, gone = person("Ana"), person("Ben"), person("Cy"), person("Gone", present=False)
    a, b, c, g = (str(p.id) for p in (ana, ben, cy, gone))
    published = [
        [{"table": "1", "members": [a, g]}, {"table": "2", "members": [b, c]}],
        [{"table": "1", "members": [a, b]}, {"table": "2", "members": [c, g]}],
    ]
    instance = build_instance(
        Event(format="pairs", table_min=2, table_max=2),
        [ana, ben, cy, gone],
        total_rounds=2,
        kept=published[:1],
        previous=published,
        time_limit_seconds=1,
    )
    assert from_solver_rounds(instance.frozen) == published[:1]
    assert [[g.members for g in r] for r in instance.previous][1] == [(a, b), (c,)]
    assert {p.name: p.rounds for p in instance.people}["Gone"] == frozenset({0})


def test_too_few_people_is_a_clear_message() -> None:
    with pytest.raises(UserFacingError, match="At least 3 checked-in people"):
        build_instance(
            Event(format="tables", table_min=3, table_max=5),
            [person("Ana"), person("Ben")],
            total_rounds=2,
            time_limit_seconds=1,
        )
