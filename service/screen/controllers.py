"""The projector screen (/s/{screen_code}): public, so it shows first names and tables only."""

from __future__ import annotations

from litestar import Controller, get
from litestar.params import FromPath
from litestar.response import ServerSentEvent, Template

from service.dependencies import AppSettings, Channels, DbSession
from service.events.services import event_by_screen_code
from service.live import event_stream
from service.screen.pages import board_context


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
    async def live(self, code: FromPath[str], db_session: DbSession, channels: Channels) -> ServerSentEvent:
        event = await event_by_screen_code(db_session, code)
        return event_stream(channels, event.id)
