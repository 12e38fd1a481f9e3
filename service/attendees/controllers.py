"""Attendee pages: check-in (/c), the attendee's own page (/a), and the organiser's attendee tools (/o)."""

from __future__ import annotations

from typing import Any

import anyio
from litestar import Controller, Response, get, post
from litestar.channels import ChannelsPlugin
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees import services
from service.attendees.contact import contact_href
from service.attendees.cookies import attendee_cookie, cookie_name
from service.attendees.csv_io import MAX_IMPORT_BYTES, decode_upload, export_csv, parse_import
from service.attendees.forms import attendee_form_values, parse_profile, profile_form_values
from service.db.models import Attendee, Event
from service.events import hooks, links
from service.events.dependencies import (
    AnyRequest,
    AppSettings,
    Channels,
    DbSession,
    OrganiserEvent,
    organiser_event_dependency,
)
from service.events.services import event_by_checkin_code
from service.forms import FieldErrors, FormValues, form_checked
from service.live import notify
from service.middleware.bodies import FORM_BODY_BYTES

EMPTY_PROFILE: FormValues = {}
ORGANISER_FORM = "attendees/organiser_form.html"
IMPORT_BODY_BYTES = MAX_IMPORT_BYTES + FORM_BODY_BYTES  # the file plus the form around it


async def announce_attendee_change(db_session: AsyncSession, channels: ChannelsPlugin, event_id: Any) -> None:
    """Commit first, so that pages reloading on the notice already see the change."""
    await db_session.commit()
    notify(channels, event_id, "attendees")


async def profile_form(
    template: str,
    db_session: AsyncSession,
    event: Event,
    values: FormValues,
    errors: FieldErrors,
    **context: Any,
) -> Template:
    return Template(
        template,
        context={
            "event": event,
            "values": values,
            "errors": errors,
            "suggestions": await services.tag_suggestions(db_session, event),
            "for_organiser": template == ORGANISER_FORM,
            **context,
        },
        status_code=400 if errors else 200,
    )


class CheckinController(Controller):
    path = "/c/{code:str}"
    include_in_schema = False

    @get("/")
    async def checkin_form(
        self, code: FromPath[str], request: AnyRequest, db_session: DbSession, new: FromQuery[str] = ""
    ) -> Template | Redirect:
        event = await event_by_checkin_code(db_session, code)
        someone_else = new == "1"
        if not someone_else:
            known = await self._remembered_attendee(request, db_session, event)
            if known:
                return Redirect(links.attendee_path(known), status_code=303)
        return await profile_form("checkin/form.html", db_session, event, EMPTY_PROFILE, {}, someone_else=someone_else)

    @post("/")
    async def check_in(
        self,
        code: FromPath[str],
        request: AnyRequest,
        db_session: DbSession,
        channels: Channels,
        settings: AppSettings,
    ) -> Template | Redirect:
        event = await event_by_checkin_code(db_session, code)
        form = await request.form()
        someone_else = form_checked(form, "someone_else")
        if not someone_else:
            # The same form sent twice (a double tap, or Back then Submit) is not a second person.
            known = await self._remembered_attendee(request, db_session, event)
            if known:
                return Redirect(links.attendee_path(known), status_code=303)
        values = profile_form_values(form)
        profile, errors = parse_profile(values)
        if profile is None:
            return await profile_form("checkin/form.html", db_session, event, values, errors, someone_else=someone_else)
        attendee = await services.check_in(db_session, event, profile)
        path, token, event_id = links.attendee_path(attendee), attendee.token, event.id
        cookie = attendee_cookie(settings, event, token)
        await announce_attendee_change(db_session, channels, event_id)
        return Redirect(path + "?welcome=1", status_code=303, cookies=[cookie])

    @staticmethod
    async def _remembered_attendee(request: AnyRequest, db_session: AsyncSession, event: Event) -> Attendee | None:
        token = request.cookies.get(cookie_name(event))
        if not token:
            return None
        return await services.attendee_of_event_by_token(db_session, event, token)


class AttendeePageController(Controller):
    path = "/a/{token:str}"
    include_in_schema = False

    @get("/")
    async def page(
        self,
        token: FromPath[str],
        db_session: DbSession,
        settings: AppSettings,
        welcome: FromQuery[str] = "",
        saved: FromQuery[str] = "",
    ) -> Template:
        attendee = await services.attendee_by_token(db_session, token)
        event = await services.event_of(db_session, attendee)
        context = {
            "event": event,
            "attendee": attendee,
            "contact_href": contact_href(attendee.contact),
            "page_url": links.attendee_url(settings, attendee),
            "welcome": welcome == "1",
            "saved": saved == "1",
            **await hooks.extra_attendee_page_context(db_session, event, attendee),
        }
        return Template("attendees/page.html", context=context)

    @get("/edit")
    async def edit_form(self, token: FromPath[str], db_session: DbSession) -> Template:
        attendee = await services.attendee_by_token(db_session, token)
        event = await services.event_of(db_session, attendee)
        return await profile_form(
            "attendees/edit.html", db_session, event, attendee_form_values(attendee), {}, attendee=attendee
        )

    @post("/edit")
    async def save(
        self, token: FromPath[str], request: AnyRequest, db_session: DbSession, channels: Channels
    ) -> Template | Redirect:
        attendee = await services.attendee_by_token(db_session, token)
        event = await services.event_of(db_session, attendee)
        values = profile_form_values(await request.form())
        profile, errors = parse_profile(values)
        if profile is None:
            return await profile_form("attendees/edit.html", db_session, event, values, errors, attendee=attendee)
        await services.update_profile(db_session, attendee, profile)
        path, event_id = links.attendee_path(attendee), event.id
        await announce_attendee_change(db_session, channels, event_id)
        return Redirect(path + "?saved=1", status_code=303)


class OrganiserAttendeesController(Controller):
    """Everything the organiser does with attendees, under the organiser's secret link."""

    path = "/o/{token:str}"
    dependencies = organiser_event_dependency
    include_in_schema = False

    @get("/attendees")
    async def list_fragment(self, event: OrganiserEvent, db_session: DbSession) -> Template:
        """The attendee list alone, which the dashboard fetches again when it changes."""
        people = await services.list_attendees(db_session, event)
        return Template("events/_attendee_list.html", context={"event": event, "attendees": people})

    @get("/attendees/new")
    async def new_form(self, event: OrganiserEvent, db_session: DbSession) -> Template:
        return await profile_form(ORGANISER_FORM, db_session, event, EMPTY_PROFILE, {}, attendee=None)

    @post("/attendees/new")
    async def add(
        self, request: AnyRequest, event: OrganiserEvent, db_session: DbSession, channels: Channels
    ) -> Template | Redirect:
        values = profile_form_values(await request.form())
        profile, errors = parse_profile(values)
        if profile is None:
            return await profile_form(ORGANISER_FORM, db_session, event, values, errors, attendee=None)
        await services.check_in(db_session, event, profile)
        path, event_id = links.organiser_path(event), event.id
        await announce_attendee_change(db_session, channels, event_id)
        return Redirect(path + "?notice=added", status_code=303)

    @get("/attendees/{attendee_id:str}")
    async def edit_form(self, attendee_id: FromPath[str], event: OrganiserEvent, db_session: DbSession) -> Template:
        attendee = await services.attendee_in_event(db_session, event, attendee_id)
        return await profile_form(
            ORGANISER_FORM, db_session, event, attendee_form_values(attendee), {}, attendee=attendee
        )

    @post("/attendees/{attendee_id:str}")
    async def save(
        self,
        attendee_id: FromPath[str],
        request: AnyRequest,
        event: OrganiserEvent,
        db_session: DbSession,
        channels: Channels,
    ) -> Template | Redirect:
        attendee = await services.attendee_in_event(db_session, event, attendee_id)
        values = profile_form_values(await request.form())
        profile, errors = parse_profile(values)
        if profile is None:
            return await profile_form(ORGANISER_FORM, db_session, event, values, errors, attendee=attendee)
        await services.update_profile(db_session, attendee, profile)
        path, event_id = links.organiser_path(event), event.id
        await announce_attendee_change(db_session, channels, event_id)
        return Redirect(path + "?notice=updated", status_code=303)

    @post("/attendees/{attendee_id:str}/presence")
    async def set_presence(
        self,
        attendee_id: FromPath[str],
        request: AnyRequest,
        event: OrganiserEvent,
        db_session: DbSession,
        channels: Channels,
    ) -> Redirect:
        attendee = await services.attendee_in_event(db_session, event, attendee_id)
        await services.set_present(db_session, attendee, form_checked(await request.form(), "present"))
        path, event_id = links.organiser_path(event), event.id
        await announce_attendee_change(db_session, channels, event_id)
        return Redirect(path + "#attendees", status_code=303)

    @post("/attendees/{attendee_id:str}/remove")
    async def remove(
        self, attendee_id: FromPath[str], event: OrganiserEvent, db_session: DbSession, channels: Channels
    ) -> Redirect:
        attendee = await services.attendee_in_event(db_session, event, attendee_id)
        await services.remove(db_session, attendee)
        path, event_id = links.organiser_path(event), event.id
        await announce_attendee_change(db_session, channels, event_id)
        return Redirect(path + "?notice=removed", status_code=303)

    @get("/import")
    async def import_form(self, event: OrganiserEvent) -> Template:
        return Template("attendees/import.html", context={"event": event, "problems": []})

    @post("/import", request_max_body_size=IMPORT_BODY_BYTES)
    async def import_csv(
        self, request: AnyRequest, event: OrganiserEvent, db_session: DbSession, channels: Channels
    ) -> Template | Redirect:
        upload = (await request.form()).get("file")
        data = await upload.read(MAX_IMPORT_BYTES + 1) if isinstance(upload, UploadFile) else b""
        text, problem = decode_upload(data)
        # Checking up to 2,000 rows takes a while: on a worker thread, so other requests go on.
        profiles, problems = await anyio.to_thread.run_sync(parse_import, text) if text is not None else ([], [problem])
        if problems:
            return Template("attendees/import.html", context={"event": event, "problems": problems}, status_code=400)
        await services.add_many(db_session, event, profiles)
        path, event_id = links.organiser_path(event), event.id
        await announce_attendee_change(db_session, channels, event_id)
        return Redirect(path + "?notice=imported", status_code=303)

    @get("/export.csv")
    async def export(self, event: OrganiserEvent, db_session: DbSession) -> Response[str]:
        people = await services.list_attendees(db_session, event)
        people.sort(key=lambda person: person.display_name.casefold())
        return Response(
            export_csv(people),
            media_type="text/csv",  # Litestar adds the charset
            headers={
                "content-disposition": 'attachment; filename="attendees.csv"',
                "cache-control": "no-store",
            },
        )
