"""Large tables events as independent sections of the room, each planned on its own.

The tables searches keep dense n x n matrices (``Meetings``): 1.8 GB and 14.5 s for a 5 s limit
at 6,000 people, 4 GB and 35 s at 10,000. Above ``SECTION_FROM`` people the room is split into
sections of about ``SECTION_SIZE`` people (a seeded shuffle, so balanced and repeatable), each
section is planned by ``plan`` on its own sub-instance with a share of the time left, and the
sections' rounds are joined. People meet only within their section, which costs little at that
size: over 6 rounds of up to 6 everyone meets at most 30 of the 2,000 or more around them.

Not sectioned (planned whole, as before): re-plans (frozen or announced rounds: their tables mix
people across any split, so joining them would collapse the sections), physical tables (their
labels and capacities would have to be shared out), and splits where a section cannot be seated
in some round or would score pairs differently from the whole event (help by meaning is weighed
only up to ``MEANING_LIMIT`` people).
"""

from __future__ import annotations

import dataclasses
import random
import time
from collections.abc import Callable

from solver.metrics import relative_gap
from solver.model import Group, Instance, Plan, Progress, Round
from solver.run import repeat_note
from solver.scoring.meaning import weighs_meaning
from solver.validate import group_sizes, validate

# From this many people a tables event is planned in sections. 3,000 people keep a 5 s limit
# whole (bench solver_deadline), 6,000 take three times that: sections of 2,500 keep the dense
# matrices at about 2,500^2 entries (well under 0.5 GB) and each section's searches quick.
SECTION_FROM = 4000
SECTION_SIZE = 2500
JOIN_SECONDS = 0.3  # kept back from the time limit for joining the sections and checking them
MIN_SECTION_SECONDS = 0.1  # a section late in a short limit still gets its greedy seating
# The first guess of a section's overrun (greedy seating, weight matrix, final scoring do not
# stop): 2,000 people took 0.9-1.0 s beyond their limit at load 3 on the 2-core machine, 2,500
# took 1.1-1.5 s at load 6-8. A low guess lets the first section take the others' search time, a
# high one leaves every section only its hurried seating (4e-4 did at 10,000 people).
OVERRUN_PER_PERSON = 3e-4
SECTIONS_NOTE = (
    "planned in {k} sections of the room, so people meet only within their section; the upper "
    "bound and gap compare with the best plan of that kind"
)

Planner = Callable[..., Plan]


def sections_of(instance: Instance) -> list[list[int]] | None:
    """Person indices per section, or None when the event is planned whole (see the module docstring)."""
    n = len(instance.people)
    fmt = instance.format
    if fmt.kind != "tables" or n < SECTION_FROM or instance.frozen or instance.previous or fmt.tables:
        return None
    k = -(-n // SECTION_SIZE)
    order = list(range(n))
    random.Random(instance.seed).shuffle(order)
    while k > 1:
        sections = [sorted(order[s::k]) for s in range(k)]
        if _same_scoring(instance, sections) and all(_seatable(instance, section) for section in sections):
            return sections
        k -= 1
    return None


def _same_scoring(instance: Instance, sections: list[list[int]]) -> bool:
    """Profile weights weigh meaning up to a size: a section must score pairs as the whole event does."""
    if instance.weights is not None:
        return True
    whole = weighs_meaning(len(instance.people))
    return all(weighs_meaning(len(section)) == whole for section in sections)


def _seatable(instance: Instance, section: list[int]) -> bool:
    people = [instance.people[i] for i in section]
    for r in range(instance.rounds):
        present = sum(p.present_in(r) for p in people)
        if present and group_sizes(instance, present) is None:
            return False
    return True


def sub_instance(instance: Instance, section: list[int], seconds: float) -> Instance:
    """The event for one section's people only: their pairs, wishes and rules, and ``seconds``."""
    people = tuple(instance.people[i] for i in section)
    ids = {p.id for p in people}

    def inside(pairs: frozenset[frozenset[str]]) -> frozenset[frozenset[str]]:
        return frozenset(pair for pair in pairs if pair <= ids)

    weights = instance.weights
    if weights is not None:
        weights = {pair: w for pair, w in weights.items() if pair <= ids}
    return dataclasses.replace(
        instance,
        people=people,
        must_not_meet=inside(instance.must_not_meet),
        met_before=inside(instance.met_before),
        declined=inside(instance.declined),
        wishes=frozenset(w for w in instance.wishes if w[0] in ids and w[1] in ids),
        weights=weights,
        time_limit_seconds=seconds,
    )


def plan_in_sections(
    instance: Instance,
    planner: Planner,
    on_progress: Callable[[Progress], None] | None,
    should_stop: Callable[[], bool] | None,
) -> Plan | None:
    """The joined plan of the sections, or None when the event is planned whole."""
    started = time.perf_counter()
    sections = sections_of(instance)
    if sections is None:
        return None
    validate(instance)  # the whole event's errors, in its own words
    deadline = started + instance.time_limit_seconds - JOIN_SECONDS
    done: list[Plan] = []
    # Seconds per person a section takes beyond its limit (its seating and scoring do not stop):
    # kept back for the sections still to come, so the first does not take all the searching time.
    overrun = OVERRUN_PER_PERSON
    for s, section in enumerate(sections):
        coming = sections[s:]
        reserve = overrun * sum(len(c) for c in coming)
        seconds = max(MIN_SECTION_SECONDS, (deadline - time.perf_counter() - reserve) / len(coming))
        sub = sub_instance(instance, section, seconds)
        begun = time.perf_counter()
        done.append(planner(sub, on_progress=_reporter(done, on_progress, started), should_stop=should_stop))
        overrun = max(overrun, (time.perf_counter() - begun - seconds) / len(section))
    return join_plans(instance, done, time.perf_counter() - started)


def _reporter(
    done: list[Plan], on_progress: Callable[[Progress], None] | None, started: float
) -> Callable[[Progress], None] | None:
    """Progress of the whole event: the finished sections plus the one being planned."""
    if on_progress is None:
        return None
    report = on_progress

    def forward(progress: Progress) -> None:
        objective = progress.objective + sum(p.objective for p in done)
        bound = progress.upper_bound + sum(p.upper_bound for p in done)
        repeats = progress.repeats + sum(p.repeats for p in done)
        seconds = time.perf_counter() - started
        report(Progress(objective, bound, relative_gap(objective, bound), seconds, repeats))

    return forward


def join_plans(instance: Instance, plans: list[Plan], seconds: float) -> Plan:
    """One plan from the sections' plans: each round's tables relabelled 1, 2, ... across sections."""
    rounds: list[Round] = []
    for r in range(instance.rounds):
        groups = [g for p in plans for g in p.rounds[r]]
        rounds.append(tuple(Group(str(k + 1), g.members) for k, g in enumerate(groups)))
    objective = sum(p.objective for p in plans)
    bound = sum(p.upper_bound for p in plans)
    repeats = sum(p.repeats for p in plans)
    notes = [SECTIONS_NOTE.format(k=len(plans))] + ([repeat_note(repeats)] if repeats else [])
    for note in (note for p in plans for note in p.notes if note != repeat_note(p.repeats)):
        if note not in notes:
            notes.append(note)
    return Plan(
        rounds=rounds,
        objective=objective,
        upper_bound=bound,
        gap=relative_gap(objective, bound),
        repeats=repeats,
        person_values={pid: v for p in plans for pid, v in p.person_values.items()},
        seconds=seconds,
        notes=notes,
        broken_rules=[b for p in plans for b in p.broken_rules],
        declined_meetings=sum(p.declined_meetings for p in plans),
    )
