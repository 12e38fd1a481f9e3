"""Planning rounds in the background: the solver runs on a worker thread, the server stays free.

One job per event at a time. Progress (total, bound, gap) is kept on the job and announced on
the event's live channel; the finished plan is stored as the event's draft. Stopping early
keeps the best plan found so far. Jobs live in this process: a server restart forgets a job
that was running (the organiser starts it again), never a stored plan.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID

from litestar.channels import ChannelsPlugin
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

import solver
from service.db.models import TABLES, Attendee, Event
from service.errors import UserFacingError
from service.live import notify
from service.rounds.models import DISCARDED, DRAFT, RoundPlan, StoredRound
from service.rounds.people import people_for_plan, takes_part
from solver import InstanceError
from solver.model import Format, Group, Instance, Plan, Progress
from solver.validate import validate

logger = logging.getLogger("mingle")

TIME_LIMIT_RANGE = range(1, 301)
PROGRESS_NOTICE_SECONDS = 0.5
ROUNDS_TOPIC = "rounds"
PROGRESS_TOPIC = "plan-progress"


@dataclass
class PlanJob:
    event_id: UUID
    kept_rounds: int
    time_limit_seconds: float
    started: float = field(default_factory=time.monotonic)
    started_at: float = field(default_factory=time.time)  # wall clock, for pages that count down
    finished: float | None = None
    stop_requested: threading.Event = field(default_factory=threading.Event)
    progress: Progress | None = None
    error: str | None = None
    done: bool = False
    last_notice: float = 0.0
    task: asyncio.Task[None] | None = None

    @property
    def seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started


_jobs: dict[UUID, PlanJob] = {}


def job_for(event_id: UUID) -> PlanJob | None:
    return _jobs.get(event_id)


def running_job(event_id: UUID) -> PlanJob | None:
    job = _jobs.get(event_id)
    return job if job is not None and not job.done else None


def stop_job(event_id: UUID) -> None:
    job = running_job(event_id)
    if job is None:
        raise UserFacingError(detail="No plan is being made right now, so there is nothing to stop.")
    job.stop_requested.set()


def event_format(event: Event) -> Format:
    if event.format == TABLES:
        return Format(kind="tables", min_size=event.table_min, max_size=event.table_max)
    return Format(kind="pairs", min_size=2, max_size=2)


def to_solver_rounds(rounds: Sequence[StoredRound], keep: set[str] | None = None) -> tuple[tuple[Group, ...], ...]:
    """Stored rounds as solver rounds; with ``keep``, only those people (empty tables dropped)."""
    result = []
    for groups in rounds:
        solver_groups = []
        for g in groups:
            members = tuple(m for m in g["members"] if keep is None or m in keep)
            if members:
                solver_groups.append(Group(table=g["table"], members=members))
        result.append(tuple(solver_groups))
    return tuple(result)


def from_solver_rounds(rounds: Sequence[Sequence[Group]]) -> list[StoredRound]:
    return [[{"table": g.table, "members": list(g.members)} for g in groups] for groups in rounds]


def build_instance(
    event: Event,
    attendees: Sequence[Attendee],
    *,
    total_rounds: int,
    kept: Sequence[StoredRound] = (),
    previous: Sequence[StoredRound] = (),
    time_limit_seconds: float,
) -> Instance:
    people, _removed = people_for_plan(attendees, kept, total_rounds)
    newcomers = sum(1 for a in attendees if takes_part(a))
    smallest = max(2, event.table_min if event.format == TABLES else 2)
    if newcomers < smallest:
        raise UserFacingError(
            detail=f"At least {smallest} checked-in people are needed to plan rounds; "
            f"there {'is' if newcomers == 1 else 'are'} {newcomers} now."
        )
    open_people = {str(a.id) for a in attendees if takes_part(a)}
    instance = Instance(
        people=tuple(people),
        rounds=total_rounds,
        format=event_format(event),
        frozen=to_solver_rounds(kept),
        # Only people still taking part can keep their seat; the rest is the solver's to fill.
        previous=to_solver_rounds(previous, keep=open_people),
        time_limit_seconds=time_limit_seconds,
    )
    try:
        validate(instance)
    except InstanceError as error:
        raise UserFacingError(detail=f"These rounds cannot be planned: {error}") from None
    return instance


def start_job(
    *, engine: AsyncEngine, channels: ChannelsPlugin, event_id: UUID, instance: Instance, kept_rounds: int
) -> PlanJob:
    if running_job(event_id) is not None:
        raise UserFacingError(detail="A plan is already being made. Wait for it, or stop it first.")
    job = PlanJob(event_id=event_id, kept_rounds=kept_rounds, time_limit_seconds=instance.time_limit_seconds)
    _jobs[event_id] = job
    job.task = asyncio.get_running_loop().create_task(_run(job, instance, engine, channels))
    notify(channels, event_id, PROGRESS_TOPIC, running=True)
    return job


async def _run(job: PlanJob, instance: Instance, engine: AsyncEngine, channels: ChannelsPlugin) -> None:
    loop = asyncio.get_running_loop()

    def on_progress(progress: Progress) -> None:  # called on the solver's thread
        try:
            loop.call_soon_threadsafe(_record_progress, job, progress, channels)
        except RuntimeError:  # the server is shutting down: finish quickly
            job.stop_requested.set()

    try:
        plan = await asyncio.to_thread(
            solver.plan, instance, on_progress=on_progress, should_stop=job.stop_requested.is_set
        )
        await _store_draft(engine, job, plan)
    except asyncio.CancelledError:
        # The server is stopping: let the solver's thread end now rather than at its time limit.
        job.stop_requested.set()
        raise
    except Exception as error:
        logger.exception("Planning failed for event %s", job.event_id)
        job.error = f"The planner could not make a plan: {error}"
    finally:
        job.finished = time.monotonic()
        job.done = True
        # Only the organiser's pages show drafts; attendees' phones do not listen to this topic.
        notify(channels, job.event_id, PROGRESS_TOPIC, running=False)


def _record_progress(job: PlanJob, progress: Progress, channels: ChannelsPlugin) -> None:
    job.progress = progress
    now = time.monotonic()
    if now - job.last_notice >= PROGRESS_NOTICE_SECONDS:
        job.last_notice = now
        notify(channels, job.event_id, PROGRESS_TOPIC, objective=progress.objective, gap=progress.gap)


async def _store_draft(engine: AsyncEngine, job: PlanJob, plan: Plan) -> None:
    async with AsyncSession(engine, expire_on_commit=False) as session:
        await session.execute(
            update(RoundPlan)
            .where(RoundPlan.event_id == job.event_id, RoundPlan.status == DRAFT)
            .values(status=DISCARDED)
        )
        session.add(
            RoundPlan(
                event_id=job.event_id,
                status=DRAFT,
                rounds=from_solver_rounds(plan.rounds),
                kept_rounds=job.kept_rounds,
                objective=plan.objective,
                upper_bound=plan.upper_bound,
                gap=plan.gap,
                repeats=plan.repeats,
                person_values=dict(plan.person_values),
                notes=list(plan.notes),
                solve_seconds=plan.seconds,
                stopped_early=job.stop_requested.is_set(),
            )
        )
        await session.commit()


def utc_now() -> datetime:
    return datetime.now(UTC)
