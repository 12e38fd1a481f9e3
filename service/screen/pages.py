"""The template context of the projector screen and its board section."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Event
from service.events import links
from service.qr import qr_svg
from service.rounds.clock import utc_now
from service.rounds.live_state import clock_line_templates, live_rounds
from service.rounds.store import clock_row, clock_state, event_attendees, published_seating
from service.screen.views import first_names, screen_view
from service.settings import Settings


async def board_context(session: AsyncSession, event: Event, settings: Settings) -> dict[str, Any]:
    found = await published_seating(session, event.id)
    plan_id, seating = found if found is not None else ("", None)
    names = first_names(await event_attendees(session, event.id)) if seating is not None else {}
    state = clock_state(await clock_row(session, event.id))
    checkin_url = links.checkin_url(settings, event)
    now = utc_now()
    return {
        "screen": screen_view(event, seating, state, names, now),
        # The board follows the clock from notices, and re-reads itself when the round changes.
        "rounds_live": live_rounds(plan_id, len(seating or ()), state, now),
        "clock_lines": clock_line_templates(),
        "checkin_url": checkin_url,
        "checkin_short_url": checkin_url.split("://", 1)[-1],
        "checkin_qr": qr_svg(checkin_url, label="QR code to check in"),
        "screen_code": event.screen_code,
    }
