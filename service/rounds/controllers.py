"""The organiser's rounds page and actions (/o/{token}/rounds/...), and the attendee's rounds
fragment (/a/{token}/rounds). Thin: the work is in ``actions``, ``planning`` and the views."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import msgspec
from litestar import Controller, Request, get, post
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, ServerSentEvent, Template
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.attendees import services as attendees
from service.db.models import Event
from service.errors import UserFacingError
from service.events.services import provide_organiser_event
from service.forms import form_text
from service.live import event_stream
from service.rounds import actions, hooks
from service.rounds.notices import announce_rounds, current_live_rounds
from service.rounds.organiser_view import OrganiserRounds, organiser_rounds
from service.rounds.planning import job_for, stop_job, utc_now
from service.rounds.store import clock_row, clock_state, draft_plan, published_plan

DEFAULT_THINKING_SECONDS = 15

DbSession = NamedDependency[AsyncSession]
DbEngine = NamedDependency[AsyncEngine]
LiveChannels = NamedDependency[ChannelsPlugin]
OrganiserEvent = NamedDependency[Event]
FormRequest = Request[Any, Any, Any]


class ProgressOut(msgspec.Struct):
    running: bool
    objective: float | None
    upper_bound: float | None
    seconds: float
    error: str | None


class RoundsStatus(msgspec.Struct):
    """The rounds' state for scripts and tests (the pages render the same data as HTML)."""

    published: bool
    draft: bool
    phase: str
    round_number: int
    total_rounds: int
    remaining_seconds: float | None
    planning: ProgressOut | None


async def organiser_page_context(db_session: AsyncSession, event: Event) -> dict[str, Any]:
    people = await attendees.list_attendees(db_session, event)
    view = organiser_rounds(
        event,
        people,
        job_for(event.id),
        await draft_plan(db_session, event.id),
        await published_plan(db_session, event.id),
        clock_state(await clock_row(db_session, event.id)),
        utc_now(),
    )
    return {"event": event, "rounds": view, "thinking_seconds": DEFAULT_THINKING_SECONDS}


@dataclass(frozen=True)
class LastSwap:
    round_number: int
    first: tuple[str, str]  # (id, name)
    second: tuple[str, str]


def last_swap(view: OrganiserRounds, swapped: str) -> LastSwap | None:
    """The swap just made (``round:first:second`` from the redirect), if the draft still holds both."""
    parts = swapped.split(":")
    if view.draft is None or len(parts) != 3 or not parts[0].isdigit():
        return None
    names = dict(view.draft.people)
    if parts[1] not in names or parts[2] not in names:
        return None
    return LastSwap(int(parts[0]), (parts[1], names[parts[1]]), (parts[2], names[parts[2]]))


async def swap_page_context(db_session: AsyncSession, event: Event, swapped: str, shown: str) -> dict[str, Any]:
    """The page after a swap says what changed (with a one-click undo) and keeps that round open;
    its live panel re-reads itself with the same query, so the notice stays."""
    context = await organiser_page_context(db_session, event)
    context["last_swap"] = last_swap(context["rounds"], swapped)
    context["open_round"] = int(shown) if shown.isdigit() else 0
    context["panel_query"] = "?" + urlencode({"swapped": swapped, "shown": shown}) if swapped or shown else ""
    return context


def parse_int(text: str, message: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise UserFacingError(detail=message) from None


class OrganiserRoundsController(Controller):
    path = "/o/{token:str}/rounds"
    dependencies = {"event": Provide(provide_organiser_event)}
    include_in_schema = False

    @get("/")
    async def page(
        self, event: OrganiserEvent, db_session: DbSession, swapped: FromQuery[str] = "", shown: FromQuery[str] = ""
    ) -> Template:
        context = await swap_page_context(db_session, event, swapped, shown)
        return Template("rounds/organiser.html", context=context)

    @get("/panel")
    async def panel(
        self, event: OrganiserEvent, db_session: DbSession, swapped: FromQuery[str] = "", shown: FromQuery[str] = ""
    ) -> Template:
        context = await swap_page_context(db_session, event, swapped, shown)
        return Template("rounds/_organiser_panel.html", context=context)

    @get("/card")
    async def card(self, event: OrganiserEvent, db_session: DbSession) -> Template:
        context = await hooks.dashboard_rounds_context(db_session, event)
        return Template("rounds/_dashboard_card.html", context={"event": event, **context})

    @get("/status")
    async def status(self, event: OrganiserEvent, db_session: DbSession) -> RoundsStatus:
        published = await published_plan(db_session, event.id)
        state = clock_state(await clock_row(db_session, event.id))
        job = job_for(event.id)
        progress = job.progress if job else None
        return RoundsStatus(
            published=published is not None,
            draft=await draft_plan(db_session, event.id) is not None,
            phase=state.phase,
            round_number=state.round_number,
            total_rounds=len(published.rounds) if published else event.rounds_count,
            remaining_seconds=state.remaining_seconds(utc_now()),
            planning=None
            if job is None
            else ProgressOut(
                running=not job.done,
                objective=progress.objective if progress else None,
                upper_bound=progress.upper_bound if progress else None,
                seconds=job.seconds,
                error=job.error,
            ),
        )

    @post("/plan")
    async def plan(
        self,
        event: OrganiserEvent,
        request: FormRequest,
        db_session: DbSession,
        db_engine: DbEngine,
        channels: LiveChannels,
    ) -> Template | Redirect:
        form = await request.form()

        async def start() -> None:
            raw = form_text(form, "seconds") or str(DEFAULT_THINKING_SECONDS)
            seconds = parse_int(raw, "Enter the thinking time as a whole number of seconds.")
            await actions.request_plan(db_session, db_engine, channels, event, time_limit_seconds=seconds)

        return await self._act(event, db_session, channels, start)

    @post("/plan/stop")
    async def stop(self, event: OrganiserEvent, db_session: DbSession, channels: LiveChannels) -> Template | Redirect:
        async def stop_now() -> None:
            stop_job(event.id)

        return await self._act(event, db_session, channels, stop_now)

    @post("/publish")
    async def publish(
        self, event: OrganiserEvent, db_session: DbSession, channels: LiveChannels
    ) -> Template | Redirect:
        async def publish_now() -> None:
            await actions.publish(db_session, event, utc_now())

        return await self._act(event, db_session, channels, publish_now)

    @post("/discard")
    async def discard(
        self, event: OrganiserEvent, db_session: DbSession, channels: LiveChannels
    ) -> Template | Redirect:
        return await self._act(event, db_session, channels, lambda: actions.discard_draft(db_session, event))

    @post("/swap")
    async def swap(
        self, event: OrganiserEvent, request: FormRequest, db_session: DbSession, channels: LiveChannels
    ) -> Template | Redirect:
        form = await request.form()

        number = 0
        first, second = form_text(form, "first"), form_text(form, "second")

        async def swap_now() -> None:
            nonlocal number
            number = parse_int(form_text(form, "round"), "Choose the round in which to swap.")
            await actions.swap_people(db_session, event, number, first, second)

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
        request: FormRequest,
        db_session: DbSession,
        channels: LiveChannels,
    ) -> Template | Redirect:
        form = await request.form()

        async def run() -> None:
            minutes = None
            if action == "break":
                message = "Enter the break length as a whole number of minutes."
                minutes = parse_int(form_text(form, "minutes"), message)
            seen, confirmed = form_text(form, "seen"), form_text(form, "confirm") == "yes"
            await actions.run_clock(
                db_session, event, action, utc_now(), break_minutes=minutes, seen=seen, confirmed=confirmed
            )

        return await self._act(event, db_session, channels, run)

    async def _act(
        self,
        event: OrganiserEvent,
        db_session: DbSession,
        channels: LiveChannels,
        action: Callable[[], Awaitable[None]],
        after: Callable[[], str] = lambda: "",
    ) -> Template | Redirect:
        """Run one organiser action: on success commit, tell every page, and go back to the rounds
        page (``after`` adds its query); when it does not fit the moment, show why on the same page
        and change nothing. Ending a round with time left shows a confirmation page first."""
        event_id, token = event.id, event.organiser_token
        try:
            await action()
        except actions.ConfirmationNeeded as question:
            await db_session.rollback()
            await db_session.refresh(event)
            context = await organiser_page_context(db_session, event)
            return Template("rounds/confirm_clock.html", context={**context, "question": question})
        except UserFacingError as error:
            await db_session.rollback()
            await db_session.refresh(event)
            context = await organiser_page_context(db_session, event)
            return Template("rounds/organiser.html", context={**context, "error": error.detail}, status_code=400)
        await db_session.commit()
        announce_rounds(channels, event_id, await current_live_rounds(db_session, event_id, utc_now()))
        return Redirect(f"/o/{token}/rounds{after()}", status_code=303)


class AttendeeRoundsController(Controller):
    path = "/a/{token:str}/rounds"
    include_in_schema = False

    @get("/")
    async def fragment(self, token: FromPath[str], db_session: DbSession) -> Template:
        attendee = await attendees.attendee_by_token(db_session, token)
        event = await attendees.event_of(db_session, attendee)
        context = await hooks.attendee_rounds_context(db_session, event, attendee)
        return Template("rounds/_attendee_rounds_body.html", context={"attendee": attendee, **context})


class AttendeeLiveController(Controller):
    """The attendee page's live stream: its rounds section follows the notices (see rounds.js)."""

    path = "/a/{token:str}/live"
    include_in_schema = False

    @get("/")
    async def live(self, token: FromPath[str], db_session: DbSession, channels: LiveChannels) -> ServerSentEvent:
        attendee = await attendees.attendee_by_token(db_session, token)
        return event_stream(channels, attendee.event_id)
