from datetime import UTC, datetime

from service.events.forms import DEFAULT_VALUES, parse_event

VALID = {**DEFAULT_VALUES, "name": "Climate Founders", "starts_at": "2026-11-25T19:00", "venue": "Hall 2"}


def test_a_pairs_event_ignores_the_table_sizes() -> None:
    data, errors = parse_event({**VALID, "format": "pairs", "table_min": "junk"})
    assert errors == {} and data is not None
    assert (data.format, data.table_min, data.table_max) == ("pairs", 2, 2)
    assert data.starts_at == datetime(2026, 11, 25, 19, 0, tzinfo=UTC)


def test_a_tables_event_keeps_its_sizes() -> None:
    data, errors = parse_event({**VALID, "format": "tables", "table_min": "3", "table_max": "5"})
    assert errors == {} and data is not None
    assert (data.table_min, data.table_max) == (3, 5)


def test_the_smallest_table_cannot_exceed_the_largest() -> None:
    _, errors = parse_event({**VALID, "format": "tables", "table_min": "6", "table_max": "4"})
    assert errors == {"table_max": "The largest table cannot be smaller than the smallest table."}


def test_bad_values_are_each_explained() -> None:
    data, errors = parse_event(
        {
            "name": "   ",
            "starts_at": "tomorrow evening",
            "venue": "v" * 201,
            "format": "circle",
            "rounds_count": "0",
            "round_minutes": "ten",
        }
    )
    assert data is None
    assert set(errors) == {"name", "starts_at", "venue", "format", "rounds_count", "round_minutes"}
    assert errors["rounds_count"] == "The number of rounds must be from 1 to 20."


def test_the_date_is_optional_but_must_be_plausible() -> None:
    data, errors = parse_event({**VALID, "starts_at": ""})
    assert errors == {} and data is not None and data.starts_at is None
    _, errors = parse_event({**VALID, "starts_at": "1850-01-01T10:00"})
    assert "starts_at" in errors
