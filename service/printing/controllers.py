"""Printed material for the organiser: badge sheets and table cards."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromQuery
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees.services import list_attendees
from service.db.models import Event
from service.errors import UserFacingError
from service.events import links
from service.events.services import provide_organiser_event
from service.printing import services
from service.printing.badges import ROUNDS_SCALE, badge_sheets, name_sort_key, qr_caption
from service.printing.layouts import DEFAULT_LAYOUT, LAYOUTS, PaperLayout
from service.printing.table_cards import HEADING_PT, MARGIN_MM, TABLE_CARD_PAPERS, table_cards
from service.settings import Settings


def chosen_layout(key: str) -> PaperLayout:
    layout = LAYOUTS.get(key)
    if layout is None:
        names = ", ".join(f"{l.title} ({l.key})" for l in LAYOUTS.values())  # noqa: E741
        raise UserFacingError(detail=f"Choose one of the paper layouts: {names}.")
    return layout


class PrintingController(Controller):
    path = "/o/{token:str}"
    dependencies = {"event": Provide(provide_organiser_event)}
    include_in_schema = False

    @get("/badges")
    async def badges(
        self,
        event: NamedDependency[Event],
        db_session: NamedDependency[AsyncSession],
        settings: NamedDependency[Settings],
        layout: FromQuery[str] = DEFAULT_LAYOUT,
        which: FromQuery[str] = "all",
        attendee: FromQuery[str] = "",
        outline: FromQuery[bool] = False,
        rounds: FromQuery[bool] = False,
        marked: FromQuery[int | None] = None,
    ) -> Template:
        paper = chosen_layout(layout)
        everyone = sorted(await list_attendees(db_session, event), key=name_sort_key)
        try:
            chosen, problem = services.attendees_to_print(everyone, which, attendee), None
        except UserFacingError as error:
            # Shown next to the options, so the organiser can pick again.
            chosen, problem = [], error.detail
        seats = await services.published_seats(db_session, event, chosen) if rounds else None
        geometry, event_line, sheets = badge_sheets(event, chosen, paper, settings, seats)
        context = {
            "event": event,
            "dashboard_path": links.organiser_path(event),
            "layout": paper,
            "layouts": list(LAYOUTS.values()),
            "which_options": services.WHICH_BADGES,
            "options": {"which": which, "attendee": attendee, "outline": outline, "rounds": rounds},
            "everyone": everyone,
            "unprinted_count": sum(1 for a in everyone if a.badge_printed_at is None),
            "rounds_missing": rounds and seats is None,
            "geometry": geometry,
            "event_line": event_line,
            "qr_caption": qr_caption(geometry),
            "rounds_scale": ROUNDS_SCALE,
            "sheets": sheets,
            "badge_count": len(chosen),
            "marked": marked,
            "problem": problem,
        }
        return Template("printing/badges.html", context=context, status_code=400 if problem else 200)

    @post("/badges/printed")
    async def mark_printed(
        self, request: Request[Any, Any, Any], event: NamedDependency[Event], db_session: NamedDependency[AsyncSession]
    ) -> Redirect:
        form = await request.form()
        layout = chosen_layout(str(form.get("layout", DEFAULT_LAYOUT))).key
        count = await services.mark_printed(
            db_session, event, [str(v) for k, v in form.multi_items() if k == "attendee"]
        )
        kept = {option: "true" for option in ("outline", "rounds") if form.get(option) == "true"}
        query = urlencode({"layout": layout, "which": "unprinted", **kept, "marked": count})
        return Redirect(f"{links.organiser_path(event)}/badges?{query}", status_code=303)

    @get("/table-cards")
    async def table_cards(
        self,
        event: NamedDependency[Event],
        db_session: NamedDependency[AsyncSession],
        paper: FromQuery[str] = "a4",
        tables: FromQuery[str] = "",
    ) -> Template:
        if paper not in TABLE_CARD_PAPERS:
            raise UserFacingError(detail="Choose A4 or US Letter paper for the table cards.")
        count = services.table_count(tables)
        labels, source = await services.table_card_labels(db_session, event, count)
        context = {
            "event": event,
            "dashboard_path": links.organiser_path(event),
            "paper": TABLE_CARD_PAPERS[paper],
            "papers": TABLE_CARD_PAPERS,
            "tables": count,
            "source": source,
            "cards": table_cards(event, labels, TABLE_CARD_PAPERS[paper]),
            "margin_mm": MARGIN_MM,
            "heading_pt": HEADING_PT,
        }
        return Template("printing/table_cards.html", context=context)
