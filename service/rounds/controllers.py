"""The organiser's rounds page and actions (/o/{token}/rounds/...), and the attendee's rounds
section and live stream (/a/{token}/...). Thin: the work is in ``services``, the pages' data in
``pages``."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlencode

from litestar import Controller, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, ServerSentEvent, Stream, Template

from service.attendees import services as attendees
from service.dependencies import (
    AnyRequest,
    Channels,
    DbEngine,
    DbSession,
    OrganiserEvent,
    organiser_event_dependency,
)
from service.domain_errors import ConcurrentChange, UserFacingError
from service.event_lock import lock_event
from service.forms import form_text
from service.live import event_stream
from service.rendering import stream_off_loop
from service.rounds import pages, services
from service.rounds.auto_advance import clock_changed
from service.rounds.clock import utc_now
from service.rounds.notices import announce_rounds, current_live_rounds
from service.rounds.schemas import RoundsStatus
from service.rounds.services import ConfirmationNeeded


def parse_int(text: str, message: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise UserFacingError(detail=message) from None


class OrganiserRoundsController(Controller):
    path = "/o/{token:str}/rounds"
    dependencies = organiser_event_dependency
    include_in_schema = False

    @get("/")
    async def page(
        self,
        request: AnyRequest,
        event: OrganiserEvent,
        db_session: DbSession,
        swapped: FromQuery[str] = "",
        shown: FromQuery[str] = "",
    ) -> Stream:
        context = await pages.swap_page_context(db_session, event, swapped, shown)
        return await stream_off_loop(request, db_session, "rounds/organiser.html", context)  # every table, every round

    @get("/panel")
    async def panel(
        self,
        request: AnyRequest,
        event: OrganiserEvent,
        db_session: DbSession,
        swapped: FromQuery[str] = "",
        shown: FromQuery[str] = "",
    ) -> Stream:
        context = await pages.swap_page_context(db_session, event, swapped, shown)
        return await stream_off_loop(request, db_session, "rounds/_organiser_panel.html", context)

    @get("/card")
    async def card(self, event: OrganiserEvent, db_session: DbSession) -> Template:
        context = await pages.dashboard_rounds_context(db_session, event)
        return Template("rounds/_dashboard_card.html", context={"event": event, **context})

    @get("/status")
    async def status(self, event: OrganiserEvent, db_session: DbSession) -> RoundsStatus:
        return await pages.rounds_status(db_session, event)

    @post("/plan")
    async def plan(
        self,
        event: OrganiserEvent,
        request: AnyRequest,
        db_session: DbSession,
        db_engine: DbEngine,
        channels: Channels,
    ) -> Template | Redirect:
        form = await request.form()

        async def start() -> None:
            raw = form_text(form, "seconds") or str(pages.DEFAULT_THINKING_SECONDS)
            seconds = parse_int(raw, "Enter the thinking time as a whole number of seconds.")
            await services.request_plan(db_session, db_engine, channels, event, time_limit_seconds=seconds)

        return await self._act(event, db_session, channels, start)

    @post("/plan/stop")
    async def stop(self, event: OrganiserEvent, db_session: DbSession, channels: Channels) -> Template | Redirect:
        async def stop_now() -> None:
            services.stop_planning(event)

        return await self._act(event, db_session, channels, stop_now)

    @post("/publish")
    async def publish(
        self, event: OrganiserEvent, request: AnyRequest, db_session: DbSession, channels: Channels
    ) -> Template | Redirect:
        seen_plan = form_text(await request.form(), "plan")

        async def publish_now() -> None:
            await services.publish(db_session, event, utc_now(), seen_plan=seen_plan)

        return await self._act(event, db_session, channels, publish_now)

    @post("/discard")
    async def discard(
        self, event: OrganiserEvent, request: AnyRequest, db_session: DbSession, channels: Channels
    ) -> Template | Redirect:
        seen_plan = form_text(await request.form(), "plan")
        return await self._act(
            event, db_session, channels, lambda: services.discard_draft(db_session, event, seen_plan=seen_plan)
        )

    @post("/swap")
    async def swap(
        self, event: OrganiserEvent, request: AnyRequest, db_session: DbSession, channels: Channels
    ) -> Template | Redirect:
        form = await request.form()
        number = 0
        first, second = form_text(form, "first"), form_text(form, "second")

        async def swap_now() -> None:
            nonlocal number
            number = parse_int(form_text(form, "round"), "Choose the round in which to swap.")
            seen_plan = form_text(form, "plan")
            await services.swap_people(db_session, event, number, first, second, seen_plan=seen_plan)

        return await self._act(
            event,
            db_session,
            channels,
            swap_now,
            after=lambda: "?" + urlencode({"swapped": f"{number}:{first}:{second}", "shown": number}),
        )

    @post("/clock/{action:str}")
    async def clock(
        self,
        event: OrganiserEvent,
        action: FromPath[str],
        request: AnyRequest,
        db_session: DbSession,
        channels: Channels,
    ) -> Template | Redirect:
        form = await request.form()

        async def run() -> None:
            minutes = None
            if action == "break":
                message = "Enter the break length as a whole number of minutes."
                minutes = parse_int(form_text(form, "minutes"), message)
            seen, confirmed = form_text(form, "seen"), form_text(form, "confirm") == "yes"
            await services.run_clock(
                db_session, event, action, utc_now(), break_minutes=minutes, seen=seen, confirmed=confirmed
            )

        return await self._act(event, db_session, channels, run)

    @post("/auto-advance")
    async def auto_advance(
        self, event: OrganiserEvent, request: AnyRequest, db_session: DbSession, channels: Channels
    ) -> Template | Redirect:
        form = await request.form()

        async def save() -> None:
            raw = form_text(form, "break_minutes") or "0"
            minutes = parse_int(raw, "Enter the break as a whole number of minutes (0 for no break).")
            services.set_auto_advance(event, on=form_text(form, "auto_advance") == "on", break_minutes=minutes)

        return await self._act(event, db_session, channels, save, after=lambda: "#auto-advance-heading")

    async def _act(
        self,
        event: OrganiserEvent,
        db_session: DbSession,
        channels: Channels,
        action: Callable[[], Awaitable[None]],
        after: Callable[[], str] = lambda: "",
    ) -> Template | Redirect:
        """Run one organiser action under the event's lock: on success commit, tell every page, and
        go back to the rounds page (``after`` adds its query); when it does not fit the moment (400),
        or the page was out of date (409), show why on the same page, now up to date, and change
        nothing. Ending a round with time left shows a confirmation page first."""
        event_id, token = event.id, event.organiser_token
        try:
            await lock_event(db_session, event)
            await action()
        except ConfirmationNeeded as question:
            await db_session.rollback()
            await db_session.refresh(event)
            context = await pages.organiser_page_context(db_session, event)
            return Template("rounds/confirm_clock.html", context={**context, "question": question})
        except (UserFacingError, ConcurrentChange) as error:
            await db_session.rollback()
            await db_session.refresh(event)
            context = await pages.organiser_page_context(db_session, event)
            status = 409 if isinstance(error, ConcurrentChange) else 400
            return Template("rounds/organiser.html", context={**context, "error": error.detail}, status_code=status)
        await db_session.commit()
        clock_changed()  # the automatic advance looks again: a new end time, a hold lifted
        announce_rounds(channels, event_id, await current_live_rounds(db_session, event_id, utc_now()))
        return Redirect(f"/o/{token}/rounds{after()}", status_code=303)


class AttendeeRoundsController(Controller):
    path = "/a/{token:str}/rounds"
    include_in_schema = False

    @get("/")
    async def fragment(self, token: FromPath[str], db_session: DbSession) -> Template:
        attendee = await attendees.attendee_by_token(db_session, token)
        event = await attendees.event_of(db_session, attendee)
        context = await pages.attendee_rounds_context(db_session, event, attendee)
        return Template("rounds/_attendee_rounds_body.html", context={"attendee": attendee, **context})


class AttendeeLiveController(Controller):
    """The attendee page's live stream: its rounds section follows the notices (see rounds.js)."""

    path = "/a/{token:str}/live"
    include_in_schema = False

    @get("/")
    async def live(self, token: FromPath[str], db_session: DbSession, channels: Channels) -> ServerSentEvent:
        attendee = await attendees.attendee_by_token(db_session, token)
        return event_stream(channels, attendee.event_id)
