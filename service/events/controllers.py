"""Event pages: create an event, the organiser's dashboard, settings, poster and live stream."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.params import FromQuery
from litestar.response import Redirect, ServerSentEvent, Stream, Template

from service.db.models import Event
from service.dependencies import (
    AnyRequest,
    AppSettings,
    Channels,
    DbSession,
    OrganiserEvent,
    organiser_event_dependency,
)
from service.events import hooks, links
from service.events.forms import DEFAULT_VALUES, event_form_values, event_values, parse_event
from service.events.pages import dashboard_context, poster_context
from service.events.services import create_event, update_event
from service.forms import FieldErrors, FormValues
from service.live import event_stream, notify
from service.rendering import stream_off_loop


def home_page(values: FormValues, errors: FieldErrors) -> Template:
    return Template("home.html", context={"values": values, "errors": errors}, status_code=400 if errors else 200)


class HomeController(Controller):
    path = "/"
    include_in_schema = False

    @get("/")
    async def new_event_form(self) -> Template:
        return home_page(dict(DEFAULT_VALUES), {})

    @post("/")
    async def create(self, request: AnyRequest, db_session: DbSession) -> Template | Redirect:
        values = event_form_values(await request.form())
        data, errors = parse_event(values)
        if data is None:
            return home_page(values, errors)
        event = await create_event(db_session, data)
        return Redirect(links.organiser_path(event) + "?notice=created", status_code=303)


class OrganiserEventController(Controller):
    path = "/o/{token:str}"
    dependencies = organiser_event_dependency
    include_in_schema = False

    @get("/")
    async def dashboard(
        self,
        request: AnyRequest,
        event: OrganiserEvent,
        db_session: DbSession,
        settings: AppSettings,
        notice: FromQuery[str] = "",
    ) -> Stream:
        context = await dashboard_context(db_session, event, settings, notice)
        return await stream_off_loop(request, db_session, "events/dashboard.html", context)  # lists everyone

    @get("/live")
    async def live(self, event: OrganiserEvent, channels: Channels) -> ServerSentEvent:
        return event_stream(channels, event.id)

    @get("/poster")
    async def poster(self, event: OrganiserEvent, settings: AppSettings, paper: FromQuery[str] = "a4") -> Template:
        context = poster_context(event, settings, paper)
        return Template("events/poster.html", context=context)

    @get("/settings")
    async def settings_form(self, event: OrganiserEvent, db_session: DbSession) -> Template:
        locked = await hooks.settings_locked_reason(db_session, event)
        return self._settings_page(event, event_values(event), {}, locked)

    @post("/settings")
    async def save_settings(
        self, request: AnyRequest, event: OrganiserEvent, db_session: DbSession, channels: Channels
    ) -> Template | Redirect:
        values = event_form_values(await request.form())
        locked = await hooks.settings_locked_reason(db_session, event)
        if locked:
            return self._settings_page(event, values, {}, locked, status_code=409)
        data, errors = parse_event(values)
        if data is None:
            return self._settings_page(event, values, errors, None)
        await update_event(db_session, event, data)
        path, event_id = links.organiser_path(event), event.id
        await db_session.commit()
        notify(channels, event_id, "event")
        return Redirect(path + "?notice=saved", status_code=303)

    @staticmethod
    def _settings_page(
        event: Event,
        values: FormValues,
        errors: FieldErrors,
        locked: str | None,
        status_code: int | None = None,
    ) -> Template:
        status = status_code or (400 if errors else 200)
        return Template(
            "events/settings.html",
            context={"event": event, "values": values, "errors": errors, "locked": locked},
            status_code=status,
        )
