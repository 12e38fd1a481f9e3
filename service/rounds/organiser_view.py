"""What the organiser's rounds page shows: planning progress, the plan's quality, the clock,
and who is waiting for a seat or has left."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from statistics import fmean

from service.db.models import TABLES, Attendee, Event
from service.rounds.clock import RUNNING, ClockState
from service.rounds.live_state import Countdown, countdown
from service.rounds.models import RoundPlan
from service.rounds.people import takes_part
from service.rounds.planning import PlanJob
from service.rounds.quality import (
    PlanChanges,
    SpreadBar,
    closeness_in_words,
    people_in_small_groups,
    plan_changes,
    value_spread,
)
from service.rounds.seating import SeatedTable, Seating, table_sort_key
from service.rounds.solver_adapter import profile_of
from solver.metrics import fairness
from solver.scoring.empty import is_empty


@dataclass(frozen=True)
class TableRow:
    label: str
    names: list[str]
    members: list[tuple[str, str]] = field(default_factory=list)  # (id, name), for swaps by table


@dataclass(frozen=True)
class RoundRows:
    number: int
    tables: list[TableRow]
    kept: bool  # already started: it stays exactly as it is


@dataclass(frozen=True)
class Unmatched:
    """Someone the plan found no good conversation for, and the likely reason."""

    attendee_id: str
    name: str
    reason: str


@dataclass
class PlanSummary:
    closeness: str
    objective: float
    upper_bound: float
    repeats: int
    small_group_seats: int
    small_group_words: str
    weakest: float
    p10: float
    average: float
    spread: list[SpreadBar]
    notes: list[str]
    stopped_early: bool
    seconds: float
    swaps: int
    rounds: list[RoundRows]
    people: list[tuple[str, str]]  # (id, name) of everyone seated, for the swap form
    version: str  # this state of the plan, sent back by the draft's buttons (``RoundPlan.state_key``)
    changes: PlanChanges | None = None
    unmatched: list[Unmatched] = field(default_factory=list)


@dataclass
class JobView:
    running: bool
    seconds: float
    time_limit: float
    objective: float | None
    upper_bound: float | None
    closeness: str | None
    error: str | None
    stopping: bool
    deadline: Countdown  # the latest moment the planner stops by itself


@dataclass
class OrganiserRounds:
    event: Event
    job: JobView | None
    draft: PlanSummary | None
    published: PlanSummary | None
    state: ClockState
    clock: Countdown
    total_rounds: int
    waiting_for_seat: list[str] = field(default_factory=list)
    left_but_seated: list[str] = field(default_factory=list)

    @property
    def can_replan(self) -> bool:
        return self.published is not None and self.state.rounds_started() < self.total_rounds


def job_view(job: PlanJob | None, now: datetime) -> JobView | None:
    if job is None:
        return None
    progress = job.progress
    return JobView(
        running=not job.done,
        seconds=job.seconds,
        time_limit=job.time_limit_seconds,
        objective=progress.objective if progress else None,
        upper_bound=progress.upper_bound if progress else None,
        closeness=closeness_in_words(progress.gap) if progress else None,
        error=job.error,
        stopping=job.stop_requested.is_set() and not job.done,
        deadline=countdown(ClockState(phase=RUNNING, ends_at=job_deadline(job)), now),
    )


def job_deadline(job: PlanJob) -> datetime:
    return datetime.fromtimestamp(job.started_at + job.time_limit_seconds, UTC)


def names_by_id(attendees: Sequence[Attendee]) -> dict[str, str]:
    return {str(a.id): a.display_name for a in attendees}


def summarise(event: Event, plan: RoundPlan, names: Mapping[str, str], kept_rounds: int) -> PlanSummary:
    seating = plan.seating
    usual = event.table_max if event.format == TABLES else 2
    small = people_in_small_groups(seating, usual_size=usual)
    group_word = "trios" if usual == 2 else "smaller tables"
    seated_ids = seating.everyone()
    values = [plan.person_values.get(p, 0.0) for p in seated_ids]  # as the solver counts: seated at least once
    weakest, p10 = fairness(values)
    seated = sorted(seated_ids, key=lambda p: names.get(p, p).casefold())
    return PlanSummary(
        closeness=closeness_in_words(plan.gap),
        objective=plan.objective,
        upper_bound=plan.upper_bound,
        repeats=plan.repeats,
        small_group_seats=small,
        small_group_words=f"{small} seat{'s' if small != 1 else ''} in {group_word} across all rounds",
        weakest=weakest,
        p10=p10,
        average=fmean(values) if values else 0.0,
        spread=value_spread(plan.person_values),
        notes=list(plan.notes),
        stopped_early=plan.stopped_early,
        seconds=plan.solve_seconds,
        swaps=plan.swaps,
        rounds=round_rows(seating, names, kept_rounds),
        people=[(p, names.get(p, "(removed)")) for p in seated],
        version=plan.state_key,
    )


def unmatched_people(plan: RoundPlan, people: Mapping[str, Attendee]) -> list[Unmatched]:
    """The seated people whose conversations are all worth nothing to the planner, and those with
    an empty profile (seated with someone who offers help, but that is no match: solver.scoring.empty)."""
    found = []
    for person_id, value in plan.person_values.items():
        attendee = people.get(person_id)
        if attendee is None:
            continue
        empty = is_empty(profile_of(attendee))
        if value > 1e-9 and not empty:
            continue
        tags = [*(attendee.offers or ()), *(attendee.seeks or ()), *(attendee.interests or ())]
        if empty:
            reason = "their profile is empty: no interests, nothing they can help with or are looking for"
        else:
            reason = "nobody else here wrote anything that matches: " + ", ".join(tags[:4])
        found.append(Unmatched(person_id, attendee.display_name, reason))
    return sorted(found, key=lambda u: u.name.casefold())


def round_rows(seating: Seating, names: Mapping[str, str], kept_rounds: int) -> list[RoundRows]:
    return [
        RoundRows(
            number=index + 1,
            tables=[table_row(t, names) for t in sorted(tables, key=lambda t: table_sort_key(t.label))],
            kept=index < kept_rounds,
        )
        for index, tables in enumerate(seating)
    ]


def table_row(table: SeatedTable, names: Mapping[str, str]) -> TableRow:
    members = sorted(((m, names.get(m, "(removed)")) for m in table.members), key=lambda m: m[1].casefold())
    return TableRow(label=table.label, names=[name for _, name in members], members=members)


def organiser_rounds(
    event: Event,
    attendees: Sequence[Attendee],
    job: PlanJob | None,
    draft: RoundPlan | None,
    published: RoundPlan | None,
    state: ClockState,
    now: datetime,
) -> OrganiserRounds:
    names = names_by_id(attendees)
    started = state.rounds_started()
    total = len(published.rounds) if published else event.rounds_count
    view = OrganiserRounds(
        event=event,
        job=job_view(job, now),
        draft=summarise(event, draft, names, max(draft.kept_rounds, started)) if draft else None,
        published=summarise(event, published, names, started) if published else None,
        state=state,
        clock=countdown(state, now),
        total_rounds=total,
    )
    by_id = {str(a.id): a for a in attendees}
    for plan, summary in ((draft, view.draft), (published, view.published)):
        if plan is not None and summary is not None:
            summary.unmatched = unmatched_people(plan, by_id)
    if draft is not None and published is not None and view.draft is not None:
        view.draft.changes = plan_changes(published.seating, draft.seating, names, from_round=started)
    if published is not None:
        seated_later_ids = published.seating.tail(started).everyone()
        for attendee in sorted(attendees, key=lambda a: a.display_name.casefold()):
            seated_later = str(attendee.id) in seated_later_ids
            if takes_part(attendee) and not seated_later and started < total:
                view.waiting_for_seat.append(attendee.display_name)
            if not takes_part(attendee) and seated_later:
                view.left_but_seated.append(attendee.display_name)
    return view
