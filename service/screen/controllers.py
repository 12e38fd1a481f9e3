"""The projector screen (/s/{screen_code}): public, so it shows first names and tables only."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency
from litestar.params import FromPath
from litestar.response import ServerSentEvent, Template
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Event
from service.events import links
from service.events.services import event_by_screen_code
from service.live import event_stream
from service.qr import qr_svg
from service.rounds.people import first_names
from service.rounds.planning import utc_now
from service.rounds.store import clock_row, clock_state, event_attendees, published_plan_rounds
from service.rounds.views import clock_line_templates, live_rounds, screen_view
from service.settings import Settings

DbSession = NamedDependency[AsyncSession]
LiveChannels = NamedDependency[ChannelsPlugin]
AppSettings = NamedDependency[Settings]


async def board_context(db_session: AsyncSession, event: Event, settings: Settings) -> dict[str, Any]:
    found = await published_plan_rounds(db_session, event.id)
    plan_id, rounds = found if found is not None else ("", None)
    names = first_names(await event_attendees(db_session, event.id)) if rounds is not None else {}
    state = clock_state(await clock_row(db_session, event.id))
    checkin_url = links.checkin_url(settings, event)
    now = utc_now()
    return {
        "screen": screen_view(event, rounds, state, names, now),
        # The board follows the clock from notices, and re-reads itself when the round changes.
        "rounds_live": live_rounds(plan_id, len(rounds or ()), state, now),
        "clock_lines": clock_line_templates(),
        "checkin_url": checkin_url,
        "checkin_short_url": checkin_url.split("://", 1)[-1],
        "checkin_qr": qr_svg(checkin_url, label="QR code to check in"),
        "screen_code": event.screen_code,
    }


class ScreenController(Controller):
    path = "/s/{code:str}"
    include_in_schema = False

    @get("/")
    async def screen(self, code: FromPath[str], db_session: DbSession, settings: AppSettings) -> Template:
        event = await event_by_screen_code(db_session, code)
        return Template("screen/screen.html", context=await board_context(db_session, event, settings))

    @get("/board")
    async def board(self, code: FromPath[str], db_session: DbSession, settings: AppSettings) -> Template:
        event = await event_by_screen_code(db_session, code)
        return Template("screen/_board.html", context=await board_context(db_session, event, settings))

    @get("/live")
    async def live(self, code: FromPath[str], db_session: DbSession, channels: LiveChannels) -> ServerSentEvent:
        event = await event_by_screen_code(db_session, code)
        return event_stream(channels, event.id)
