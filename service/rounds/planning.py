"""Planning rounds in the background: the solver runs on a worker thread, the server stays free.

One job per event at a time. Progress (total, bound, gap) is kept on the job and announced on
the event's live channel; the finished plan is stored as the event's draft. Stopping early
keeps the best plan found so far. Jobs live in this process: a server restart forgets a job
that was running (the organiser starts it again), never a stored plan. What the solver is
asked, and how its plan is stored, is ``solver_adapter``'s business.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from dataclasses import dataclass, field
from uuid import UUID

from litestar.channels import ChannelsPlugin
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

import solver
from service.db.models import Event
from service.domain_errors import UserFacingError
from service.live import notify
from service.rounds.models import DISCARDED, DRAFT, RoundPlan
from service.rounds.solver_adapter import draft_fields
from solver.model import Instance, Plan, Progress

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
        # Under the event's lock, like the organiser's actions: a swap never lands on a draft
        # this is replacing.
        await session.execute(update(Event).where(Event.id == job.event_id).values(version=Event.version + 1))
        await session.execute(
            update(RoundPlan)
            .where(RoundPlan.event_id == job.event_id, RoundPlan.status == DRAFT)
            .values(status=DISCARDED)
        )
        fields = draft_fields(
            job.event_id, plan, kept_rounds=job.kept_rounds, stopped_early=job.stop_requested.is_set()
        )
        session.add(RoundPlan(status=DRAFT, **fields))
        await session.commit()
