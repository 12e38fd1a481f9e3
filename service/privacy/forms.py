"""The retention setting on the event forms: a number of days, or empty for "until deleted"."""

from __future__ import annotations

from service.forms import FieldErrors

RETENTION_FIELD = "retention_days"
MAX_RETENTION_DAYS = 3650


def parse_retention_days(errors: FieldErrors, raw: str) -> int | None:
    text = raw.strip()
    if not text:
        return None
    if not text.isdecimal() or not 1 <= int(text) <= MAX_RETENTION_DAYS:
        errors[RETENTION_FIELD] = (
            f"Enter the days as a whole number from 1 to {MAX_RETENTION_DAYS}, or leave it empty to keep the data "
            "until you delete it."
        )
        return None
    return int(text)


def retention_value(days: int | None) -> str:
    return "" if days is None else str(days)
