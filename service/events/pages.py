"""The template context of the event pages: the organiser's dashboard and the poster."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees import services as attendees
from service.attendees.arrival import arrival_summary, possible_duplicates
from service.db.models import Event
from service.events import hooks, links
from service.qr import qr_svg
from service.settings import Settings

PAPER_SIZES = {"a4": "A4", "letter": "Letter"}
# Shown once after an action redirects back to the dashboard (``?notice=...``).
DASHBOARD_NOTICES = {
    "created": "Your event is ready.",
    "saved": "Event settings saved.",
    "added": "Attendee added.",
    "updated": "Attendee updated.",
    "removed": "Attendee removed.",
    "imported": "Attendees imported.",
    "checked-in": "Checked in: they are in the next plan.",
    "joined": "Made one: the check-in at the door now belongs to the person from your list.",
    "nobody-ticked": "Nobody was ticked: tick “Here” beside the people who arrived, then press the button again.",
}


async def dashboard_context(session: AsyncSession, event: Event, settings: Settings, notice: str) -> dict[str, Any]:
    people = await attendees.list_attendees(session, event)
    return {
        "event": event,
        "attendees": people,
        "arrivals": arrival_summary(people),
        "duplicates": possible_duplicates(people),
        "notice": DASHBOARD_NOTICES.get(notice),
        "just_created": notice == "created",
        "organiser_url": links.organiser_url(settings, event),
        "checkin_url": links.checkin_url(settings, event),
        "screen_url": links.screen_url(settings, event),
        "settings_locked": await hooks.settings_locked_reason(session, event),
        **await hooks.extra_dashboard_context(session, event),
    }


def poster_context(event: Event, settings: Settings, paper: str) -> dict[str, Any]:
    paper_key = paper if paper in PAPER_SIZES else "a4"
    checkin_url = links.checkin_url(settings, event)
    return {
        "event": event,
        "paper": paper_key,
        "paper_css": PAPER_SIZES[paper_key],
        "checkin_url": checkin_url,
        "short_url": checkin_url.split("://", 1)[-1],
        "qr": qr_svg(checkin_url, label=f"QR code to check in to {event.name}"),
    }
