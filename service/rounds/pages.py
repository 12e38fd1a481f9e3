"""The template context of every page (or page section) that shows the rounds: the organiser's
rounds page, the dashboard's rounds card, an attendee's rounds section, and the JSON status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees import services as attendees
from service.db.models import Attendee, Event
from service.rounds.auto_advance import auto_advance_view
from service.rounds.clock import utc_now
from service.rounds.live_state import clock_line_templates, countdown, live_rounds
from service.rounds.organiser_view import OrganiserRounds, organiser_rounds
from service.rounds.people import takes_part
from service.rounds.phone import attendee_rounds, prepared_attendee_views
from service.rounds.planning import job_for, running_job
from service.rounds.schemas import ProgressOut, RoundsStatus
from service.rounds.store import (
    attendees_by_ids,
    clock_row,
    clock_state,
    draft_plan,
    event_attendees,
    published_plan,
    published_seating,
)

DEFAULT_THINKING_SECONDS = 15


async def organiser_page_context(session: AsyncSession, event: Event) -> dict[str, Any]:
    people = await attendees.list_attendees(session, event)
    job = job_for(event.id)
    view = organiser_rounds(
        event,
        people,
        job,
        await draft_plan(session, event.id),
        await published_plan(session, event.id),
        clock_state(await clock_row(session, event.id)),
        utc_now(),
    )
    auto = await auto_advance_view(session, event)
    # The thinking time last asked for stays in the box (a re-plan usually wants the same).
    thinking = DEFAULT_THINKING_SECONDS if job is None else round(job.time_limit_seconds)
    return {"event": event, "rounds": view, "auto": auto, "thinking_seconds": thinking}


async def dashboard_rounds_context(session: AsyncSession, event: Event) -> dict[str, Any]:
    published = await published_plan(session, event.id)
    state = clock_state(await clock_row(session, event.id))
    waiting: list[str] = []
    started = state.rounds_started()
    if published is not None and started < len(published.rounds):
        seated_later = published.seating.tail(started).everyone()
        people = await event_attendees(session, event.id)
        waiting = sorted(
            (a.display_name for a in people if takes_part(a) and str(a.id) not in seated_later), key=str.casefold
        )
    return {
        "rounds_card": {
            "published": published is not None,
            "total_rounds": len(published.rounds) if published else event.rounds_count,
            "state": state,
            "clock": countdown(state, utc_now()),
            "planning": running_job(event.id) is not None,
            "waiting_for_seat": waiting,  # arrived after the plan was made: a re-plan seats them
            "replan_from": started + 1,
        }
    }


async def attendee_rounds_context(session: AsyncSession, event: Event, attendee: Attendee) -> dict[str, Any]:
    found = await published_seating(session, event.id)
    plan_id, seating = found if found is not None else ("", None)
    # Only the people this attendee sits with: every phone reads this when it (re)connects.
    mates = seating.tablemates(str(attendee.id)) if seating else set()
    people = {str(a.id): a for a in await attendees_by_ids(session, mates)}
    state = clock_state(await clock_row(session, event.id))
    now, roles = utc_now(), event.roles or []
    return {
        "my_rounds": attendee_rounds(attendee, seating, state, people, now, roles),
        "rounds_live": live_rounds(plan_id, len(seating or ()), state, now),
        # Every round, so that the phone moves on from the notice alone (see rounds.js).
        "prepared_views": prepared_attendee_views(attendee, seating, people, now, roles) if seating else [],
        "clock_lines": clock_line_templates(),
    }


async def rounds_status(session: AsyncSession, event: Event) -> RoundsStatus:
    # The job first: it is marked done only after its draft is committed, so a status that says
    # "done" always has the draft (read after it). Read the other way round, a planner finishing
    # between the two reads answered "done, no draft".
    job = job_for(event.id)
    job_done = job.done if job else False
    progress = job.progress if job else None
    published = await published_plan(session, event.id)
    draft = await draft_plan(session, event.id)
    state = clock_state(await clock_row(session, event.id))
    return RoundsStatus(
        published=published is not None,
        draft=draft is not None,
        clock_key=state.key(),
        draft_key=draft.state_key if draft else "",
        phase=state.phase,
        round_number=state.round_number,
        total_rounds=len(published.rounds) if published else event.rounds_count,
        remaining_seconds=state.remaining_seconds(utc_now()),
        planning=None
        if job is None
        else ProgressOut(
            running=not job_done,
            objective=progress.objective if progress else None,
            upper_bound=progress.upper_bound if progress else None,
            seconds=job.seconds,
            error=job.error,
        ),
    )


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


async def swap_page_context(session: AsyncSession, event: Event, swapped: str, shown: str) -> dict[str, Any]:
    """The page after a swap says what changed (with a one-click undo) and keeps that round open;
    its live panel re-reads itself with the same query, so the notice stays."""
    context = await organiser_page_context(session, event)
    context["last_swap"] = last_swap(context["rounds"], swapped)
    context["open_round"] = int(shown) if shown.isdigit() else 0
    context["panel_query"] = "?" + urlencode({"swapped": swapped, "shown": shown}) if swapped or shown else ""
    return context
