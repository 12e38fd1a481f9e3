"""Arriving: the organiser checks people in; an imported person claims their own link, says they
are here, or joins the record they made on the poster with the one from the list."""

from __future__ import annotations

import anyio.to_thread
from litestar import Controller, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect

from service.attendees import arrival, services
from service.attendees.actions import announce_attendee_change, organiser_attendee_action
from service.attendees.cookies import attendee_cookie, remembered_attendee
from service.dependencies import (
    AnyRequest,
    AppSettings,
    Channels,
    DbSession,
    OrganiserEvent,
    organiser_event_dependency,
)
from service.domain_errors import UserFacingError
from service.events import links
from service.forms import form_checked, form_text
from service.imports.export import CSV_MEDIA_TYPE, csv_response_headers, spreadsheet_csv

INVITATION_COLUMNS = ("name", "email", "personal_link")
CHECKED_IN = "?notice=checked-in#attendees"


class OrganiserArrivalController(Controller):
    path = "/o/{token:str}"
    dependencies = organiser_event_dependency
    include_in_schema = False

    @post("/attendees/{attendee_id:str}/check-in")
    async def check_in_one(
        self, attendee_id: FromPath[str], event: OrganiserEvent, db_session: DbSession, channels: Channels
    ) -> Redirect:
        attendee = await services.attendee_in_event(db_session, event, attendee_id)
        return await organiser_attendee_action(
            db_session, channels, event, lambda: arrival.check_in_existing(attendee), CHECKED_IN
        )

    @post("/check-in")
    async def check_in_many(
        self, request: AnyRequest, event: OrganiserEvent, db_session: DbSession, channels: Channels
    ) -> Redirect:
        """The ticked people (``attendee``, repeated), or everyone expected (``everyone=1``)."""
        form = await request.form()
        if form_checked(form, "everyone"):
            wanted = None
        else:
            wanted = arrival.parse_ids(value for value in form.getall("attendee", []) if isinstance(value, str))
            if wanted is None:
                raise UserFacingError(detail="That list of people was not right: reload the dashboard and tick again.")
            if not wanted:
                return Redirect(links.organiser_path(event) + "?notice=nobody-ticked#attendees", status_code=303)
        people = None if wanted is None else set(wanted)
        return await organiser_attendee_action(
            db_session, channels, event, lambda: arrival.check_in_many(db_session, event, people), CHECKED_IN
        )

    @post("/attendees/{attendee_id:str}/join")
    async def join(
        self,
        attendee_id: FromPath[str],
        request: AnyRequest,
        event: OrganiserEvent,
        db_session: DbSession,
        channels: Channels,
    ) -> Redirect:
        """The organiser asked the person: their poster check-in (``walk_up``) and this listed record are one."""
        listed = await services.attendee_in_event(db_session, event, attendee_id)
        walk_up = await services.attendee_in_event(db_session, event, form_text(await request.form(), "walk_up"))
        if not arrival.may_join(listed, walk_up):
            raise UserFacingError(detail="These two cannot be made one: one of them is not a check-in at the door.")
        joined = "?notice=joined#attendees"
        return await organiser_attendee_action(
            db_session, channels, event, lambda: arrival.join(db_session, listed, walk_up), joined
        )

    @get("/invitations.csv")
    async def invitations(self, event: OrganiserEvent, db_session: DbSession, settings: AppSettings) -> Response[bytes]:
        """The mail-merge file: each expected person's name, email and personal link (absolute)."""
        people = arrival.invitation_rows(await services.list_attendees(db_session, event))
        rows = [(p.display_name, p.contact, links.attendee_url(settings, p)) for p in people]
        return Response(
            await anyio.to_thread.run_sync(spreadsheet_csv, INVITATION_COLUMNS, rows),  # a big list: off the loop
            media_type=CSV_MEDIA_TYPE,
            headers=csv_response_headers(event.name, "personal links"),
        )


class AttendeeArrivalController(Controller):
    """Under the attendee's secret link: holding it is what lets these act."""

    path = "/a/{token:str}"
    include_in_schema = False

    @post("/claim")
    async def keep_apart(self, token: FromPath[str], db_session: DbSession, settings: AppSettings) -> Redirect:
        """ "No, keep them apart": this link is theirs on this phone from now on."""
        attendee = await services.attendee_by_token(db_session, token)
        event = await services.event_of(db_session, attendee)
        arrival.claim(attendee)
        path, cookie = links.attendee_path(attendee), attendee_cookie(settings, event, attendee.token)
        return Redirect(path, status_code=303, cookies=[cookie])

    @post("/join")
    async def join(
        self,
        token: FromPath[str],
        request: AnyRequest,
        db_session: DbSession,
        channels: Channels,
        settings: AppSettings,
    ) -> Redirect:
        """ "Yes, that's me": the poster check-in on this phone and this listed person become one."""
        attendee = await services.attendee_by_token(db_session, token)
        event = await services.event_of(db_session, attendee)
        walk_up = await remembered_attendee(request, db_session, event)
        if walk_up is None or not arrival.may_join(attendee, walk_up):
            raise UserFacingError(
                detail="There is nothing to join on this phone any more. Your page is below the link."
            )
        await arrival.join(db_session, attendee, walk_up)
        path, cookie, event_id = (
            links.attendee_path(attendee),
            attendee_cookie(settings, event, attendee.token),
            event.id,
        )
        await announce_attendee_change(db_session, channels, event_id)
        return Redirect(path + "?joined=1", status_code=303, cookies=[cookie])

    @post("/here")
    async def here(
        self, token: FromPath[str], db_session: DbSession, channels: Channels, settings: AppSettings
    ) -> Redirect:
        """ "I'm here" after scanning the poster: an expected person checks themselves in."""
        attendee = await services.attendee_by_token(db_session, token)
        event = await services.event_of(db_session, attendee)
        arrival.claim(attendee)
        arrival.check_in_existing(attendee)
        path, cookie, event_id = (
            links.attendee_path(attendee),
            attendee_cookie(settings, event, attendee.token),
            event.id,
        )
        await announce_attendee_change(db_session, channels, event_id)
        return Redirect(path + "?arrived=1", status_code=303, cookies=[cookie])
