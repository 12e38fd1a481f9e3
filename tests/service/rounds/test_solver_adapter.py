from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from service.db.models import Attendee, Event
from service.domain_errors import UserFacingError
from service.rounds.seating import Seating
from service.rounds.solver_adapter import build_instance, event_format, people_for_plan, score_seating
from solver import mutual_score
from solver.model import Profile

NOW = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)


def person(name: str, present: bool = True, checked_in: bool = True, **profile: list[str]) -> Attendee:
    fields = {"interests": [], "offers": [], "seeks": [], **profile}
    return Attendee(id=uuid4(), display_name=name, present=present, checked_in_at=NOW if checked_in else None, **fields)


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
        kept=Seating.from_stored(published[:1]),
        previous=Seating.from_stored(published),
        time_limit_seconds=1,
    )
    assert Seating.from_groups(instance.frozen).to_stored() == published[:1]
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


def test_people_keep_their_past_rounds_and_get_every_open_round() -> None:
    ana, ben, late = person("Ana", offers=["hiring"]), person("Ben"), person("Late")
    gone = person("Gone", present=False)
    kept = Seating.from_stored(
        [[{"table": "1", "members": [str(ana.id), str(gone.id)]}, {"table": "2", "members": [str(ben.id), "x"]}]]
    )
    people, removed = people_for_plan([ana, ben, late, gone], kept, total_rounds=3)
    rounds = {p.name: p.rounds for p in people}
    assert rounds["Ana"] is None and rounds["Ben"] is None  # every round
    assert rounds["Late"] == frozenset({1, 2})
    assert rounds["Gone"] == frozenset({0})
    assert removed == ["x"] and rounds["(removed)"] == frozenset({0})
    assert next(p for p in people if p.name == "Ana").profile.offers == ("hiring",)


def test_a_seating_is_scored_with_the_solvers_pair_weights_once_per_pair() -> None:
    ana = person("Ana", offers=["fundraising"], seeks=["design"])
    ben = person("Ben", offers=["design"], seeks=["fundraising"])
    cy = person("Cy", offers=["kubernetes"], interests=["design"])
    a, b, c = (str(p.id) for p in (ana, ben, cy))
    seating = Seating.from_stored(
        [
            [{"table": "1", "members": [a, b, c]}],
            [{"table": "1", "members": [a, b]}, {"table": "2", "members": [c, "removed-id"]}],
        ]
    )
    score = score_seating(seating, [ana, ben, cy], upper_bound=100.0)

    def weight(x: Attendee, y: Attendee) -> float:
        return mutual_score(*(Profile(tuple(p.interests), tuple(p.offers), tuple(p.seeks)) for p in (x, y)))

    ab, ac, bc = weight(ana, ben), weight(ana, cy), weight(ben, cy)
    assert ab > 0  # they help each other: the numbers below are not all zero
    assert score.objective == pytest.approx(ab + ac + bc)  # a and b meet again: counted once
    assert score.repeats == 1
    assert score.person_values == pytest.approx({a: ab + ac, b: ab + bc, c: ac + bc, "removed-id": 0.0})
    assert score.gap == pytest.approx((100.0 - score.objective) / 100.0)
    assert score_seating(seating, [ana, ben, cy], upper_bound=0.0).gap == 0.0
