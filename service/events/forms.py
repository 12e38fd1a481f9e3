"""The event form (create and settings): raw fields in, an EventInput or messages out.

The date and time are the venue's wall-clock time as typed; they are stored and shown
exactly as typed (labelled UTC in the database only because the column needs a zone).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from service.db.models import PAIRS, TABLES, Event
from service.events.schemas import EventInput
from service.forms import FieldErrors, FormValues, checked_int, checked_line, form_text
from service.privacy.forms import RETENTION_FIELD, parse_retention_days, retention_value

NAME_LIMIT = 120
VENUE_LIMIT = 200
MAX_TABLE_SIZE = 12
MAX_ROUNDS = 20
MAX_ROUND_MINUTES = 120
FIELDS = (
    "name",
    "starts_at",
    "venue",
    "format",
    "table_min",
    "table_max",
    "rounds_count",
    "round_minutes",
    RETENTION_FIELD,
)
DATETIME_INPUT_FORMAT = "%Y-%m-%dT%H:%M"

DEFAULT_VALUES: FormValues = {
    "name": "",
    "starts_at": "",
    "venue": "",
    "format": PAIRS,
    "table_min": "3",
    "table_max": "5",
    "rounds_count": "5",
    "round_minutes": "8",
    RETENTION_FIELD: "",
}


def event_form_values(form: Mapping[str, Any]) -> FormValues:
    return {name: form_text(form, name) for name in FIELDS}


def event_values(event: Event) -> FormValues:
    is_tables = event.format == TABLES
    return {
        "name": event.name,
        "starts_at": event.starts_at.strftime(DATETIME_INPUT_FORMAT) if event.starts_at else "",
        "venue": event.venue,
        "format": event.format,
        "table_min": str(event.table_min if is_tables else DEFAULT_VALUES["table_min"]),
        "table_max": str(event.table_max if is_tables else DEFAULT_VALUES["table_max"]),
        "rounds_count": str(event.rounds_count),
        "round_minutes": str(event.round_minutes),
        RETENTION_FIELD: retention_value(event.retention_days),
    }


def parse_starts_at(errors: FieldErrors, raw: str) -> datetime | None:
    text = raw.strip()
    if not text:
        return None
    try:
        # Browsers send "2026-11-25T19:00"; some add seconds.
        moment = datetime.fromisoformat(text)
    except ValueError:
        errors["starts_at"] = "Enter the date and time like 2026-11-25 19:00."
        return None
    if not 2000 <= moment.year <= 2100:
        errors["starts_at"] = "Enter a date between the years 2000 and 2100."
        return None
    return moment.replace(tzinfo=UTC, second=0, microsecond=0)


def parse_table_sizes(errors: FieldErrors, values: Mapping[str, str]) -> tuple[int, int]:
    smallest = checked_int(
        errors, "table_min", values.get("table_min", ""), low=2, high=MAX_TABLE_SIZE, label="the smallest table"
    )
    largest = checked_int(
        errors, "table_max", values.get("table_max", ""), low=2, high=MAX_TABLE_SIZE, label="the largest table"
    )
    if "table_min" not in errors and "table_max" not in errors and smallest > largest:
        errors["table_max"] = "The largest table cannot be smaller than the smallest table."
    return smallest, largest


def parse_event(values: Mapping[str, str]) -> tuple[EventInput | None, FieldErrors]:
    errors: FieldErrors = {}
    name = checked_line(
        errors, "name", values.get("name", ""), limit=NAME_LIMIT, required_message="Please give the event a name."
    )
    venue = checked_line(errors, "venue", values.get("venue", ""), limit=VENUE_LIMIT)
    starts_at = parse_starts_at(errors, values.get("starts_at", ""))
    event_format = values.get("format", "")
    if event_format not in (PAIRS, TABLES):
        errors["format"] = "Choose pairs or tables."
    # Pairs always meet two by two; the table sizes on the form only matter for tables.
    table_min, table_max = parse_table_sizes(errors, values) if event_format == TABLES else (2, 2)
    rounds_count = checked_int(
        errors, "rounds_count", values.get("rounds_count", ""), low=1, high=MAX_ROUNDS, label="the number of rounds"
    )
    round_minutes = checked_int(
        errors,
        "round_minutes",
        values.get("round_minutes", ""),
        low=1,
        high=MAX_ROUND_MINUTES,
        label="the minutes per round",
    )
    retention_days = parse_retention_days(errors, values.get(RETENTION_FIELD, ""))
    if errors:
        return None, errors
    return EventInput(
        name=name,
        starts_at=starts_at,
        venue=venue,
        format=event_format,  # type: ignore[arg-type]
        table_min=table_min,
        table_max=table_max,
        rounds_count=rounds_count,
        round_minutes=round_minutes,
        retention_days=retention_days,
    ), errors
