from datetime import UTC, datetime
from uuid import UUID

import pytest

from service.db.models import Attendee, Event
from service.domain_errors import UserFacingError
from service.printing.services import (
    attendees_to_print,
    table_count,
    tables_needed,
)

ANA = "00000000-0000-4000-8000-00000000a0a0"


def people() -> list[Attendee]:
    printed = Attendee(id=UUID(ANA), token="t-ana", display_name="Ana", badge_printed_at=datetime.now(UTC))
    return [printed, Attendee(id=UUID(int=2), token="t-ben", display_name="Ben", badge_printed_at=None)]


def test_whose_badges() -> None:
    everyone = people()
    assert [a.display_name for a in attendees_to_print(everyone, "all", "")] == ["Ana", "Ben"]
    assert [a.display_name for a in attendees_to_print(everyone, "unprinted", "")] == ["Ben"]
    assert [a.display_name for a in attendees_to_print(everyone, "one", ANA)] == ["Ana"]


@pytest.mark.parametrize(
    ("which", "token"), [("one", ""), ("one", "t-ana"), ("one", "t-nobody"), ("everyone", ""), ("", "")]
)
def test_whose_badges_refuses_unclear_choices(which: str, token: str) -> None:
    with pytest.raises(UserFacingError):
        attendees_to_print(people(), which, token)


@pytest.mark.parametrize(
    ("fields", "expected", "tables"),
    [
        ({"format": "pairs"}, 7, 3),
        ({"format": "pairs"}, 1, 1),
        ({"format": "tables", "table_min": 3}, 10, 3),
        ({"format": "tables", "table_min": 4}, 17, 4),
        ({"format": "pairs"}, 0, 1),
    ],
)
def test_tables_needed_covers_the_most_tables_a_plan_could_use(
    fields: dict[str, object], expected: int, tables: int
) -> None:
    assert tables_needed(Event(**fields), expected) == tables


def test_the_organisers_table_count_is_a_whole_number_or_empty() -> None:
    assert table_count("") is None and table_count("  ") is None
    assert table_count(" 12 ") == 12
    for bad in ["0", "201", "-1", "2.5", "twelve", "²"]:
        with pytest.raises(UserFacingError):
            table_count(bad)
