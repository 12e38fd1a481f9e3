"""The projector screen (/s/{screen_code}): public, so it shows first names and tables only."""

from __future__ import annotations

from litestar import Controller, get
from litestar.params import FromPath
from litestar.response import ServerSentEvent, Stream

from service.dependencies import AnyRequest, AppSettings, Channels, DbSession
from service.events.services import event_by_screen_code
from service.live import event_stream
from service.rendering import stream_off_loop
from service.screen.pages import board_context


class ScreenController(Controller):
    path = "/s/{code:str}"
    include_in_schema = False

    @get("/")
    async def screen(
        self, request: AnyRequest, code: FromPath[str], db_session: DbSession, settings: AppSettings
    ) -> Stream:
        event = await event_by_screen_code(db_session, code)
        context = await board_context(db_session, event, settings)
        return await stream_off_loop(request, db_session, "screen/screen.html", context)  # everyone's table

    @get("/board")
    async def board(
        self, request: AnyRequest, code: FromPath[str], db_session: DbSession, settings: AppSettings
    ) -> Stream:
        event = await event_by_screen_code(db_session, code)
        context = await board_context(db_session, event, settings)
        return await stream_off_loop(request, db_session, "screen/_board.html", context)

    @get("/live")
    async def live(self, code: FromPath[str], db_session: DbSession, channels: Channels) -> ServerSentEvent:
        event = await event_by_screen_code(db_session, code)
        return event_stream(channels, event.id)
