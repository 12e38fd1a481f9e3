"""Printed material for the organiser: badge sheets and table cards. Thin: the pages' data is
in ``pages``, the choices and the "printed" stamps in ``services``."""

from __future__ import annotations

from urllib.parse import urlencode

from litestar import Controller, get, post
from litestar.params import FromQuery
from litestar.response import Redirect, Stream

from service.dependencies import AnyRequest, AppSettings, DbSession, OrganiserEvent, organiser_event_dependency
from service.events import links
from service.middleware.bodies import FORM_BODY_BYTES
from service.printing import services
from service.printing.layouts import DEFAULT_LAYOUT
from service.printing.pages import BadgeOptions, badges_context, chosen_layout, table_cards_context
from service.rendering import stream_off_loop

# The sheet posts one attendee id per badge (about 46 bytes each): room for 20,000 badges.
MARK_PRINTED_BODY_BYTES = FORM_BODY_BYTES + 46 * 20_000


class PrintingController(Controller):
    path = "/o/{token:str}"
    dependencies = organiser_event_dependency
    include_in_schema = False

    @get("/badges")
    async def badges(
        self,
        request: AnyRequest,
        event: OrganiserEvent,
        db_session: DbSession,
        settings: AppSettings,
        layout: FromQuery[str] = DEFAULT_LAYOUT,
        which: FromQuery[str] = "all",
        attendee: FromQuery[str] = "",
        outline: FromQuery[bool] = False,
        rounds: FromQuery[bool] = False,
        marked: FromQuery[int | None] = None,
    ) -> Stream:
        options = BadgeOptions(layout, which, attendee, outline, rounds, marked)
        context, problem = await badges_context(db_session, event, settings, options)
        return await stream_off_loop(request, db_session, "printing/badges.html", context, 400 if problem else 200)

    @post("/badges/printed", request_max_body_size=MARK_PRINTED_BODY_BYTES)
    async def mark_printed(self, request: AnyRequest, event: OrganiserEvent, db_session: DbSession) -> Redirect:
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
        request: AnyRequest,
        event: OrganiserEvent,
        db_session: DbSession,
        paper: FromQuery[str] = "a4",
        tables: FromQuery[str] = "",
    ) -> Stream:
        context = await table_cards_context(db_session, event, paper, tables)
        return await stream_off_loop(request, db_session, "printing/table_cards.html", context)
