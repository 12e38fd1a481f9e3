"""One-time submission ids: the same check-in form sent twice creates one attendee.

Each check-in form (and the organiser's "add an attendee" form) carries a random id made when
the page was drawn. The attendee it creates keeps that id, unique per event, so the same form
arriving again (a double tap over slow Wi-Fi, a retry after a timeout, Back then Send) finds
that attendee instead of adding a second one, even when both copies arrive at once: the second
insert fails on the unique index and the request answers with the first one's page.
The id is as unguessable as a secret token and appears only in that one form.
"""

from __future__ import annotations

import re
import secrets
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Attendee

FIELD = "submission"
_VALID = re.compile(r"[A-Za-z0-9_-]{22,64}")


def new_submission_id() -> str:
    return secrets.token_urlsafe(24)


def submitted_id(text: str) -> str | None:
    """The form's submission id, or None for a form without one (or one that is not ours)."""
    return text if _VALID.fullmatch(text) else None


async def attendee_by_submission(session: AsyncSession, event_id: UUID, submission_id: str | None) -> Attendee | None:
    if submission_id is None:
        return None
    return await session.scalar(
        select(Attendee).where(Attendee.event_id == event_id, Attendee.submission_id == submission_id)
    )
