"""What the organiser can do with the rounds: plan, stop, publish, discard, swap, run the clock.

Each action checks that it fits the moment first and raises a ``UserFacingError`` otherwise,
before anything is written. Controllers take the event's lock (``service.event_lock``) before
calling them and commit after; these functions only flush. An action made on a page that no
longer shows the current state (its ``seen`` clock or ``seen_plan`` draft changed since) raises
``ConcurrentChange``: a second organiser, or a double tap, never applies to a moment nobody saw.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime

from litestar.channels import ChannelsPlugin
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.db.models import Event
from service.domain_errors import ConcurrentChange, MingleError, UserFacingError
from service.preferences.services import planner_marks
from service.rounds import clock as round_clock
from service.rounds.clock import ClockState
from service.rounds.live_state import clock_text
from service.rounds.models import DISCARDED, PUBLISHED, REPLACED, RoundPlan
from service.rounds.planning import TIME_LIMIT_RANGE, running_job, start_job, stop_job
from service.rounds.seating import NO_SEATING
from service.rounds.solver_adapter import build_instance, score_seating
from service.rounds.store import (
    clock_row,
    clock_state,
    draft_plan,
    event_attendees,
    published_plan,
    save_clock,
)

# Actions that cut the round under way short: asked about first while it still has time left.
CUTS_ROUND_SHORT = ("end-round", "next", "break")


class ConfirmationNeeded(MingleError):
    """The action would end a round that still has time left: the organiser must say yes first."""

    def __init__(
        self, *, action: str, round_number: int, remaining_seconds: float, break_minutes: int | None = None
    ) -> None:
        self.action = action
        self.round_number = round_number
        self.remaining_text = clock_text(math.ceil(remaining_seconds))
        self.break_minutes = break_minutes
        super().__init__(f"Round {round_number} still has time left. Confirm to end it now.")


async def request_plan(
    session: AsyncSession, engine: AsyncEngine, channels: ChannelsPlugin, event: Event, *, time_limit_seconds: int
) -> None:
    """Start planning (or re-planning, once a plan is published) in the background."""
    if time_limit_seconds not in TIME_LIMIT_RANGE:
        raise UserFacingError(detail="Choose a thinking time between 1 and 300 seconds.")
    published = await published_plan(session, event.id)
    attendees = await event_attendees(session, event.id)
    if published is None:
        if event.rounds_count < 1:
            raise UserFacingError(detail="The event has no rounds. Set the number of rounds in the event settings.")
        total, kept, previous = event.rounds_count, NO_SEATING, NO_SEATING
    else:
        previous = published.seating
        total = len(previous)
        started = clock_state(await clock_row(session, event.id)).rounds_started()
        if started >= total:
            raise UserFacingError(detail="The last round has already started, so there are no rounds left to re-plan.")
        kept = previous.head(started)
    marks = await planner_marks(session, event.id)
    instance = build_instance(
        event,
        attendees,
        total_rounds=total,
        kept=kept,
        previous=previous,
        time_limit_seconds=time_limit_seconds,
        wishes=marks.wishes,
        declined=marks.declined,
    )
    start_job(engine=engine, channels=channels, event_id=event.id, instance=instance, kept_rounds=len(kept))


def stop_planning(event: Event) -> None:
    """Stop the running planner early; it stores the best plan found so far."""
    stop_job(event.id)


def check_plan_seen(draft: RoundPlan | None, seen_plan: str) -> None:
    """Refuse an action on a draft the page no longer shows (a new plan, another swap, published)."""
    if seen_plan and (draft is None or draft.state_key != seen_plan):
        raise ConcurrentChange()


async def publish(session: AsyncSession, event: Event, now: datetime, *, seen_plan: str = "") -> RoundPlan:
    draft = await draft_plan(session, event.id)
    check_plan_seen(draft, seen_plan)
    published = await published_plan(session, event.id)
    if draft is None:
        if published is not None:
            raise UserFacingError(detail="This plan is already published. Re-plan first if something changed.")
        raise UserFacingError(detail="There is no plan to publish yet. Plan the rounds first.")
    if running_job(event.id) is not None:
        raise UserFacingError(detail="A new plan is still being made. Wait for it, or stop it, before publishing.")
    state = clock_state(await clock_row(session, event.id))
    if published is not None:
        started = state.rounds_started()
        if draft.seating.head(started) != published.seating.head(started):
            raise UserFacingError(
                detail=f"Round {started} started while this plan was being made, so it no longer fits. "
                "Re-plan to place everyone from the next round."
            )
        published.status = REPLACED
    draft.status = PUBLISHED
    draft.published_at = now
    if published is None:
        await save_clock(session, event.id, ClockState())
    await session.flush()
    return draft


async def discard_draft(session: AsyncSession, event: Event, *, seen_plan: str = "") -> None:
    draft = await draft_plan(session, event.id)
    check_plan_seen(draft, seen_plan)
    if draft is None:
        raise UserFacingError(detail="There is no unpublished plan to discard.")
    draft.status = DISCARDED
    await session.flush()


async def run_clock(
    session: AsyncSession,
    event: Event,
    action: str,
    now: datetime,
    *,
    break_minutes: int | None = None,
    seen: str = "",
    confirmed: bool = False,
) -> ClockState:
    """Apply one clock action. ``seen`` is the clock's state as the organiser's page showed it
    (``ClockState.key``: phase, round and version): when the clock has changed since (a double
    click, a second organiser), the action is refused with ``ConcurrentChange`` rather than
    applied to a moment the organiser did not see. Without ``seen`` (a script) the action
    applies to the current state; the event's lock makes each one see the one before. Ending a round
    that still has time left (``end-round``, or ``next`` or ``break`` while one runs) needs ``confirmed``."""
    published = await published_plan(session, event.id)
    if published is None:
        raise UserFacingError(detail="Publish a plan before running the rounds.")
    total = len(published.rounds)
    state = clock_state(await clock_row(session, event.id))
    if seen and seen != state.key():
        raise ConcurrentChange(
            "Someone else changed the clock at the same moment (or it moved on by itself, or the button was "
            "pressed twice), so nothing was done. Reload to see the current state, then try again."
        )
    steps: dict[str, Callable[[], ClockState]] = {
        "start": lambda: round_clock.start(state, now, total_rounds=total, round_minutes=event.round_minutes),
        "pause": lambda: round_clock.pause(state, now),
        "resume": lambda: round_clock.resume(state, now),
        "add-minute": lambda: round_clock.add_minute(state, now),
        "end-round": lambda: round_clock.end_round(state, now, total_rounds=total),
        "next": lambda: round_clock.next_round(state, now, total_rounds=total, round_minutes=event.round_minutes),
        "break": lambda: round_clock.start_break(state, now, total_rounds=total, minutes=break_minutes or 0),
    }
    if action not in steps:
        raise UserFacingError(detail="That is not something the round clock can do.")
    new_state = steps[action]()  # raises first when the action does not fit the moment at all
    remaining = state.remaining_seconds(now) or 0.0
    if action in CUTS_ROUND_SHORT and state.is_under_way() and remaining >= 1 and not confirmed:
        raise ConfirmationNeeded(
            action=action, round_number=state.round_number, remaining_seconds=remaining, break_minutes=break_minutes
        )
    await save_clock(session, event.id, new_state)
    return new_state


def set_auto_advance(event: Event, *, on: bool, break_minutes: int) -> None:
    """Turn automatic advance on or off, with the break it puts between rounds (0: none)."""
    if break_minutes not in round_clock.AUTO_BREAK_MINUTES_RANGE:
        last = round_clock.AUTO_BREAK_MINUTES_RANGE[-1]
        raise UserFacingError(detail=f"Choose a break between 0 and {last} minutes (0 for no break).")
    event.auto_advance = on
    event.break_minutes = break_minutes


async def swap_people(
    session: AsyncSession, event: Event, round_number: int, first: str, second: str, *, seen_plan: str = ""
) -> None:
    """Swap two people's seats in one round of the unpublished plan; the plan's numbers follow."""
    draft = await draft_plan(session, event.id)
    check_plan_seen(draft, seen_plan)
    if draft is None:
        raise UserFacingError(detail="Swaps are made on a new plan before it is published. Plan or re-plan first.")
    total = len(draft.rounds)
    if not 1 <= round_number <= total:
        raise UserFacingError(detail=f"There is no round {round_number}; this plan has {total} rounds.")
    started = clock_state(await clock_row(session, event.id)).rounds_started()
    if round_number <= max(draft.kept_rounds, started):
        raise UserFacingError(detail=f"Round {round_number} has already started, so its tables stay as they are.")
    if first == second:
        raise UserFacingError(detail="Choose two different people to swap.")
    people = {str(a.id): a for a in await event_attendees(session, event.id)}
    seating = draft.seating
    index = round_number - 1
    for person_id in (first, second):
        if seating.table_of(person_id, index) is None:
            name = people[person_id].display_name if person_id in people else "That person"
            raise UserFacingError(detail=f"{name} is not seated in round {round_number}.")
    if second in seating.tablemates(first, index):
        raise UserFacingError(detail=f"They already sit at the same table in round {round_number}.")
    swapped = seating.swapped(index, first, second)
    score = score_seating(swapped, people.values(), upper_bound=draft.upper_bound)
    draft.rounds = swapped.to_stored()
    draft.objective = score.objective
    draft.person_values = score.person_values
    draft.repeats = score.repeats
    draft.gap = score.gap
    draft.swaps += 1
    await session.flush()
