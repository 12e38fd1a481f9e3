"""Attendee pages: check-in (/c), the attendee's own page (/a), and the organiser's attendee tools (/o).
Arriving is in ``arrival_controllers``, importing and exporting lists in ``service.imports.controllers``."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Stream, Template
from sqlalchemy.exc import IntegrityError

from service.attendees import arrival, services
from service.attendees.actions import NOTHING_CHANGED, announce_attendee_change, organiser_attendee_action
from service.attendees.cookies import attendee_cookie, remembered_attendee
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
from service.events import links
from service.events.services import event_by_checkin_code
from service.forms import FieldErrors, FormValues, form_checked, form_text
from service.preferences.forms import parse_role
from service.rendering import stream_off_loop
from service.settings import Settings


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
        event_id = event.id
        values, profile, errors, role = read_profile(form, event)
        if profile is None:
            submission = submission or new_submission_id()
            return await profile_form(
                ORGANISER_FORM, db_session, event, values, errors, attendee=None, submission=submission
            )

        async def add_once() -> object:
            # Under the lock, so the same form sent twice at once finds the first copy's attendee.
            if await attendee_by_submission(db_session, event_id, submission) is not None:
                return NOTHING_CHANGED
            added = await services.check_in(db_session, event, profile, submission_id=submission)
            added.role = role
            return added

        return await organiser_attendee_action(db_session, channels, event, add_once, "?notice=added")

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

        async def update() -> None:
            await services.update_profile(db_session, attendee, profile)
            attendee.role = role

        return await organiser_attendee_action(db_session, channels, event, update, "?notice=updated")

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

        async def mark() -> None:
            attendee = await services.attendee_in_event(db_session, event, attendee_id)
            await services.set_present(db_session, attendee, present)

        return await organiser_attendee_action(db_session, channels, event, mark, "#attendees")

    @post("/attendees/{attendee_id:str}/remove")
    async def remove(
        self, attendee_id: FromPath[str], event: OrganiserEvent, db_session: DbSession, channels: Channels
    ) -> Redirect:
        async def erase() -> None:
            await services.remove(db_session, await services.attendee_in_event(db_session, event, attendee_id))

        return await organiser_attendee_action(db_session, channels, event, erase, "?notice=removed")
