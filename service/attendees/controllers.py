"""Attendee pages: check-in (/c), the attendee's own page (/a), and the organiser's attendee tools (/o)."""

from __future__ import annotations

from typing import Any

import anyio.to_thread
from litestar import Controller, Response, get, post
from litestar.channels import ChannelsPlugin
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Stream, Template
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees import arrival, services
from service.attendees.cookies import attendee_cookie, cookie_name
from service.attendees.forms import attendee_form_values, parse_profile, profile_form_values
from service.attendees.pages import EMPTY_PROFILE, ORGANISER_FORM, attendee_page_context, profile_form
from service.attendees.schemas import ProfileInput
from service.attendees.submissions import FIELD as SUBMISSION_FIELD
from service.attendees.submissions import attendee_by_submission, new_submission_id, submitted_id
from service.db.models import Attendee, Event
from service.dependencies import (
    AnyRequest,
    AppSettings,
    Channels,
    DbSession,
    OrganiserEvent,
    organiser_event_dependency,
)
from service.event_lock import lock_event
from service.events import links
from service.events.services import event_by_checkin_code
from service.forms import FieldErrors, FormValues, form_checked, form_text
from service.imports import pages as import_pages
from service.imports.export import CSV_MEDIA_TYPE, attachment_disposition, export_csv
from service.imports.reading import MAX_IMPORT_BYTES
from service.live import notify
from service.middleware.bodies import FORM_BODY_BYTES
from service.preferences.forms import parse_role
from service.rendering import stream_off_loop
from service.settings import Settings

IMPORT_BODY_BYTES = MAX_IMPORT_BYTES + FORM_BODY_BYTES  # the file plus the form around it
# The preview form carries the file back, base64-encoded (4 bytes for every 3), with the choices.
IMPORT_CONFIRM_BODY_BYTES = MAX_IMPORT_BYTES * 4 // 3 + FORM_BODY_BYTES


def read_profile(form: Any, event: Event) -> tuple[FormValues, ProfileInput | None, FieldErrors, str]:
    """The profile form with the attendee's role (one of the event's roles, service/preferences)."""
    values = profile_form_values(form) | {"role": form_text(form, "role")}
    profile, errors = parse_profile(values)
    role, role_error = parse_role(form, event)
    if role_error:
        errors = {**errors, "role": role_error}
        profile = None
    return values, profile, errors, role


def values_with_role(attendee: Attendee) -> FormValues:
    return attendee_form_values(attendee) | {"role": attendee.role}


async def announce_attendee_change(db_session: AsyncSession, channels: ChannelsPlugin, event_id: Any) -> None:
    """Commit first, so that pages reloading on the notice already see the change."""
    await db_session.commit()
    notify(channels, event_id, "attendees")


async def remembered_attendee(request: AnyRequest, db_session: AsyncSession, event: Event) -> Attendee | None:
    """Whom this phone checked in as at this event (its cookie), if that person still exists."""
    token = request.cookies.get(cookie_name(event))
    if not token:
        return None
    return await services.attendee_of_event_by_token(db_session, event, token)


def arrived_path(known: Attendee) -> str:
    """A remembered phone opens its person's page; someone from the list who has not arrived yet
    is asked there to say "I'm here" (the poster is at the venue, so scanning it means arriving)."""
    path = links.attendee_path(known)
    return path + "?arrive=1" if arrival.is_expected(known) else path


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
            known = await remembered_attendee(request, db_session, event)
            if known:
                return Redirect(arrived_path(known), status_code=303)
        return await profile_form(
            "checkin/form.html",
            db_session,
            event,
            EMPTY_PROFILE,
            {},
            someone_else=someone_else,
            submission=new_submission_id(),
        )

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
            known = await remembered_attendee(request, db_session, event)
            if known:
                return Redirect(arrived_path(known), status_code=303)
        submission = submitted_id(form_text(form, SUBMISSION_FIELD))
        earlier = await attendee_by_submission(db_session, event.id, submission)
        if earlier is not None:  # this very form was sent before: that person's page again
            return self._welcome(settings, event, earlier)
        values, profile, errors, role = read_profile(form, event)
        if profile is None:
            return await profile_form(
                "checkin/form.html",
                db_session,
                event,
                values,
                errors,
                someone_else=someone_else,
                submission=submission or new_submission_id(),
            )
        event_id = event.id
        try:
            attendee = await services.check_in(db_session, event, profile, submission_id=submission)
        except IntegrityError:
            # The same form, sent twice at once, and the other copy was stored first.
            await db_session.rollback()
            earlier = await attendee_by_submission(db_session, event_id, submission)
            if earlier is None:
                raise
            await db_session.refresh(event)
            return self._welcome(settings, event, earlier)
        attendee.role = role
        attendee.claimed_at = attendee.checked_in_at  # they hold this phone, so the page is theirs
        response = self._welcome(settings, event, attendee)
        await announce_attendee_change(db_session, channels, event_id)
        return response

    @staticmethod
    def _welcome(settings: Settings, event: Event, attendee: Attendee) -> Redirect:
        """To the attendee's page, with the cookie that makes this phone theirs."""
        cookie = attendee_cookie(settings, event, attendee.token)
        return Redirect(links.attendee_path(attendee) + "?welcome=1", status_code=303, cookies=[cookie])


class AttendeePageController(Controller):
    path = "/a/{token:str}"
    include_in_schema = False

    @get("/")
    async def page(
        self,
        token: FromPath[str],
        request: AnyRequest,
        db_session: DbSession,
        settings: AppSettings,
        welcome: FromQuery[str] = "",
        saved: FromQuery[str] = "",
        arrive: FromQuery[str] = "",
        joined: FromQuery[str] = "",
        arrived: FromQuery[str] = "",
        marked: FromQuery[str] = "",
    ) -> Template:
        attendee = await services.attendee_by_token(db_session, token)
        event = await services.event_of(db_session, attendee)
        on_this_phone = await remembered_attendee(request, db_session, event)
        join_offer = on_this_phone if arrival.may_join(attendee, on_this_phone) else None
        # The first visit makes the link theirs on this phone, unless the phone first has to say
        # whether its poster check-in is the same person (the cookie still names that one).
        first_visit = join_offer is None and arrival.claim(attendee)
        context = await attendee_page_context(
            db_session, settings, event, attendee, welcome=welcome == "1", saved=saved == "1"
        )
        context |= {
            "first_visit": first_visit,
            "join_offer": join_offer,
            "arrive": arrive == "1",
            "joined": joined == "1",
            "arrived": arrived == "1",
            "marked": marked == "1",
        }
        cookies = []
        if first_visit:  # committed with the response, like every 2xx
            cookies.append(attendee_cookie(settings, event, attendee.token))
        return Template("attendees/page.html", context=context, cookies=cookies)

    @get("/edit")
    async def edit_form(self, token: FromPath[str], db_session: DbSession) -> Template:
        attendee = await services.attendee_by_token(db_session, token)
        event = await services.event_of(db_session, attendee)
        return await profile_form(
            "attendees/edit.html", db_session, event, values_with_role(attendee), {}, attendee=attendee
        )

    @post("/edit")
    async def save(
        self, token: FromPath[str], request: AnyRequest, db_session: DbSession, channels: Channels
    ) -> Template | Redirect:
        attendee = await services.attendee_by_token(db_session, token)
        event = await services.event_of(db_session, attendee)
        values, profile, errors, role = read_profile(await request.form(), event)
        if profile is None:
            return await profile_form("attendees/edit.html", db_session, event, values, errors, attendee=attendee)
        await services.update_profile(db_session, attendee, profile)
        attendee.role = role
        path, event_id = links.attendee_path(attendee), event.id
        await announce_attendee_change(db_session, channels, event_id)
        return Redirect(path + "?saved=1", status_code=303)


class OrganiserAttendeesController(Controller):
    """Everything the organiser does with attendees, under the organiser's secret link."""

    path = "/o/{token:str}"
    dependencies = organiser_event_dependency
    include_in_schema = False

    @get("/attendees")
    async def list_fragment(self, request: AnyRequest, event: OrganiserEvent, db_session: DbSession) -> Stream:
        """The attendee list alone, which the dashboard fetches again when it changes."""
        people = await services.list_attendees(db_session, event)
        context = {"event": event, "attendees": people, "duplicates": arrival.possible_duplicates(people)}
        return await stream_off_loop(request, db_session, "events/_attendee_list.html", context)

    @get("/attendees/new")
    async def new_form(self, event: OrganiserEvent, db_session: DbSession) -> Template:
        return await profile_form(
            ORGANISER_FORM, db_session, event, EMPTY_PROFILE, {}, attendee=None, submission=new_submission_id()
        )

    @post("/attendees/new")
    async def add(
        self, request: AnyRequest, event: OrganiserEvent, db_session: DbSession, channels: Channels
    ) -> Template | Redirect:
        form = await request.form()
        submission = submitted_id(form_text(form, SUBMISSION_FIELD))
        path, event_id = links.organiser_path(event), event.id
        values, profile, errors, role = read_profile(form, event)
        if profile is None:
            submission = submission or new_submission_id()
            return await profile_form(
                ORGANISER_FORM, db_session, event, values, errors, attendee=None, submission=submission
            )
        await lock_event(db_session, event)
        # Under the lock, so the same form sent twice at once finds the first copy's attendee.
        if await attendee_by_submission(db_session, event_id, submission) is not None:
            return Redirect(path + "?notice=added", status_code=303)
        added = await services.check_in(db_session, event, profile, submission_id=submission)
        added.role = role
        await announce_attendee_change(db_session, channels, event_id)
        return Redirect(path + "?notice=added", status_code=303)

    @get("/attendees/{attendee_id:str}")
    async def edit_form(self, attendee_id: FromPath[str], event: OrganiserEvent, db_session: DbSession) -> Template:
        attendee = await services.attendee_in_event(db_session, event, attendee_id)
        return await profile_form(ORGANISER_FORM, db_session, event, values_with_role(attendee), {}, attendee=attendee)

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
        values, profile, errors, role = read_profile(await request.form(), event)
        if profile is None:
            return await profile_form(ORGANISER_FORM, db_session, event, values, errors, attendee=attendee)
        await lock_event(db_session, event)
        await services.update_profile(db_session, attendee, profile)
        attendee.role = role
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
        present = form_checked(await request.form(), "present")
        await lock_event(db_session, event)
        attendee = await services.attendee_in_event(db_session, event, attendee_id)
        await services.set_present(db_session, attendee, present)
        path, event_id = links.organiser_path(event), event.id
        await announce_attendee_change(db_session, channels, event_id)
        return Redirect(path + "#attendees", status_code=303)

    @post("/attendees/{attendee_id:str}/remove")
    async def remove(
        self, attendee_id: FromPath[str], event: OrganiserEvent, db_session: DbSession, channels: Channels
    ) -> Redirect:
        await lock_event(db_session, event)
        attendee = await services.attendee_in_event(db_session, event, attendee_id)
        await services.remove(db_session, attendee)
        path, event_id = links.organiser_path(event), event.id
        await announce_attendee_change(db_session, channels, event_id)
        return Redirect(path + "?notice=removed", status_code=303)

    @get("/import")
    async def import_form(self, event: OrganiserEvent, request: AnyRequest) -> Template:
        return import_pages.upload_page(event, result=import_pages.result_from_query(request.query_params))

    @post("/import", request_max_body_size=IMPORT_BODY_BYTES)
    async def preview_import(
        self, request: AnyRequest, event: OrganiserEvent, db_session: DbSession, settings: AppSettings
    ) -> Template:
        """Nothing is stored yet: the organiser sees what the file holds and chooses the columns."""
        upload = (await request.form()).get("file")
        data = await upload.read(MAX_IMPORT_BYTES + 1) if isinstance(upload, UploadFile) else b""
        return await import_pages.preview_page(db_session, event, settings.secret_key, data)

    @post("/import/confirm", request_max_body_size=IMPORT_CONFIRM_BODY_BYTES)
    async def confirm_import(
        self,
        request: AnyRequest,
        event: OrganiserEvent,
        db_session: DbSession,
        channels: Channels,
        settings: AppSettings,
    ) -> Template | Redirect:
        form = await request.form()
        fields = {name: value for name, value in form.items() if isinstance(value, str)}
        if fields.get("step") != "import":  # "Update preview" after changing a column choice
            data = import_pages.sealed_upload(settings.secret_key, event, fields)
            if isinstance(data, Template):
                return data
            return await import_pages.preview_page(db_session, event, settings.secret_key, data, fields)
        outcome = await import_pages.confirm_import(db_session, event, settings.secret_key, fields)
        if isinstance(outcome, Template):
            return outcome
        path, event_id = links.organiser_path(event), event.id
        await announce_attendee_change(db_session, channels, event_id)
        return Redirect(f"{path}/import?{outcome.query()}", status_code=303)

    @get("/export.csv")
    async def export(self, event: OrganiserEvent, db_session: DbSession) -> Response[bytes]:
        people = await services.list_attendees(db_session, event)
        people.sort(key=lambda person: person.display_name.casefold())
        return Response(
            await anyio.to_thread.run_sync(export_csv, people),  # a big event's file: off the event loop
            media_type=CSV_MEDIA_TYPE,
            headers={"content-disposition": attachment_disposition(event.name), "cache-control": "no-store"},
        )
