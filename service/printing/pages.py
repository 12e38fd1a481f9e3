"""The template context of the badge sheets and table cards pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import anyio.to_thread
from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees.services import list_attendees
from service.db.models import Event
from service.domain_errors import UserFacingError
from service.events import links
from service.printing import services
from service.printing.badges import badge_sheets, name_sort_key
from service.printing.geometry import qr_caption
from service.printing.layouts import LAYOUTS, PaperLayout
from service.printing.table_cards import HEADING_PT, MARGIN_MM, TABLE_CARD_PAPERS, table_cards
from service.settings import Settings


def chosen_layout(key: str) -> PaperLayout:
    layout = LAYOUTS.get(key)
    if layout is None:
        names = ", ".join(f"{paper.title} ({paper.key})" for paper in LAYOUTS.values())
        raise UserFacingError(detail=f"Choose one of the paper layouts: {names}.")
    return layout


@dataclass(frozen=True)
class BadgeOptions:
    layout: str
    which: str
    attendee: str
    outline: bool
    rounds: bool
    marked: int | None


async def badges_context(
    session: AsyncSession, event: Event, settings: Settings, options: BadgeOptions
) -> tuple[dict[str, Any], str | None]:
    """The badge sheets page, and the problem with the options (shown next to them) if any."""
    paper = chosen_layout(options.layout)
    people = await list_attendees(session, event)
    everyone = await anyio.to_thread.run_sync(lambda: sorted(people, key=name_sort_key))  # 10,000 names: 50 ms
    try:
        chosen, problem = services.attendees_to_print(everyone, options.which, options.attendee), None
    except UserFacingError as error:
        # Shown next to the options, so the organiser can pick again.
        chosen, problem = [], error.detail
    seats = await services.published_seats(session, event, chosen) if options.rounds else None
    # Seconds of work for thousands of badges (a QR code each): off the event loop.
    run = await anyio.to_thread.run_sync(lambda: badge_sheets(event, chosen, paper, settings, seats))
    context = {
        "event": event,
        "dashboard_path": links.organiser_path(event),
        "layout": paper,
        "layouts": list(LAYOUTS.values()),
        "which_options": services.WHICH_BADGES,
        "options": {
            "which": options.which,
            "attendee": options.attendee,
            "outline": options.outline,
            "rounds": options.rounds,
        },
        "everyone": everyone,
        "unprinted_count": sum(1 for a in everyone if a.badge_printed_at is None),
        "rounds_missing": options.rounds and seats is None,
        "rounds_left_out": run.rounds_left_out,
        "geometry": run.geometry,
        "event_line": run.event_line,
        "qr_caption": qr_caption(run.geometry),
        "sheets": run.sheets,
        "badge_count": len(chosen),
        "marked": options.marked,
        "problem": problem,
    }
    return context, problem


async def table_cards_context(session: AsyncSession, event: Event, paper: str, tables: str) -> dict[str, Any]:
    if paper not in TABLE_CARD_PAPERS:
        raise UserFacingError(detail="Choose A4 or US Letter paper for the table cards.")
    count = services.table_count(tables)
    labels, source = await services.table_card_labels(session, event, count)
    return {
        "event": event,
        "dashboard_path": links.organiser_path(event),
        "paper": TABLE_CARD_PAPERS[paper],
        "papers": TABLE_CARD_PAPERS,
        "tables": count,
        "source": source,
        "cards": await anyio.to_thread.run_sync(lambda: table_cards(event, labels, TABLE_CARD_PAPERS[paper])),
        "margin_mm": MARGIN_MM,
        "heading_pt": HEADING_PT,
    }
