from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

from service.db.models import Attendee
from service.rounds.people import first_names, people_for_plan, takes_part

NOW = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)


def attendee(name: str, *, present: bool = True, checked_in: bool = True) -> Attendee:
    return Attendee(
        id=uuid4(),
        display_name=name,
        present=present,
        checked_in_at=NOW if checked_in else None,
        interests=["design"],
        offers=["hiring"],
        seeks=[],
    )


def test_only_checked_in_present_people_take_part() -> None:
    assert takes_part(attendee("Ana"))
    assert not takes_part(attendee("Ben", present=False))
    assert not takes_part(attendee("Cy", checked_in=False))  # imported from a list, not arrived


def test_people_keep_their_past_rounds_and_get_every_open_round() -> None:
    ana, ben, late, gone = attendee("Ana"), attendee("Ben"), attendee("Late"), attendee("Gone", present=False)
    kept = [[{"table": "1", "members": [str(ana.id), str(gone.id)]}, {"table": "2", "members": [str(ben.id), "x"]}]]
    people, removed = people_for_plan([ana, ben, late, gone], kept, total_rounds=3)
    rounds = {p.name: p.rounds for p in people}
    assert rounds["Ana"] is None and rounds["Ben"] is None  # every round
    assert rounds["Late"] == frozenset({1, 2})
    assert rounds["Gone"] == frozenset({0})
    assert removed == ["x"] and rounds["(removed)"] == frozenset({0})
    assert next(p for p in people if p.name == "Ana").profile.offers == ("hiring",)


def test_the_projector_shows_first_names_with_an_initial_only_when_needed() -> None:
    people = [attendee("Ana Souza"), attendee("Ana Lima"), attendee("Ben Okafor"), attendee("Chloé")]
    assert sorted(first_names(people).values()) == ["Ana L.", "Ana S.", "Ben", "Chloé"]
