"""Who takes part in the rounds still to come."""

from __future__ import annotations

from service.db.models import Attendee


def takes_part(attendee: Attendee) -> bool:
    """Whether this attendee should be seated in rounds that have not started yet."""
    return attendee.present and attendee.checked_in_at is not None
