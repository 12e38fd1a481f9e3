from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

from service.db.models import Attendee
from service.rounds.people import takes_part

NOW = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)


def attendee(name: str, *, present: bool = True, checked_in: bool = True) -> Attendee:
    return Attendee(id=uuid4(), display_name=name, present=present, checked_in_at=NOW if checked_in else None)


def test_only_checked_in_present_people_take_part() -> None:
    assert takes_part(attendee("Ana"))
    assert not takes_part(attendee("Ben", present=False))
    assert not takes_part(attendee("Cy", checked_in=False))  # imported from a list, not arrived
