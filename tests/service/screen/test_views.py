from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

from service.db.models import Attendee, Event
from service.rounds.clock import RUNNING, ClockState
from service.rounds.seating import Seating
from service.screen.views import first_names, screen_view

NOW = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)


def test_the_projector_sorts_tables_and_its_name_index() -> None:
    event = Event(name="Meetup")
    rounds = [[{"table": "10", "members": ["z", "y"]}, {"table": "2", "members": ["x", "w"]}]]
    names = {"z": "Zoe", "y": "Ana", "x": "Ben", "w": "Ana L."}
    view = screen_view(
        event, Seating.from_stored(rounds), ClockState(phase=RUNNING, round_number=1, ends_at=NOW), names, NOW
    )
    assert [(t.label, t.names) for t in view.tables] == [("2", ["Ana L.", "Ben"]), ("10", ["Ana", "Zoe"])]
    assert view.index == [("Ana", "10"), ("Ana L.", "2"), ("Ben", "2"), ("Zoe", "10")]
    assert screen_view(event, None, ClockState(), names, NOW).published is False


def attendee(name: str) -> Attendee:
    return Attendee(id=uuid4(), display_name=name, present=True, checked_in_at=NOW)


def test_the_projector_shows_first_names_with_an_initial_only_when_needed() -> None:
    people = [attendee("Ana Souza"), attendee("Ana Lima"), attendee("Ben Okafor"), attendee("Chloé")]
    assert sorted(first_names(people).values()) == ["Ana L.", "Ana S.", "Ben", "Chloé"]
