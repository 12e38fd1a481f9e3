"""Pairs format, the stage: round by round a matching guided by the LP, then polishing passes
that match each round again with the others fixed.

The setup is not changed: each round is matched on a view of it (``Setup.with_met``) in which
the pairs of the rounds built so far count as met.
"""

from __future__ import annotations

import time

from solver.bound.candidates import LARGE_EVENT, matching_edges, polishing_affordable
from solver.indices import Edge, Schedule, edge, pairs_in
from solver.pairs.edges import LP_BOOST, TIGHT_BOOST, CandidateArrays
from solver.pairs.matching import SCALE, EdgeScore, Pace, ScoredEdges, complete, matcher
from solver.pairs.trios import add_to_best_pair, choose_trio, fairest_joiner
from solver.run import Run
from solver.setup import Setup

REMATCH_SWEEPS = 2  # polishing passes over the rounds
REMATCH_AFTER_TRIO_LIMIT = 400  # larger rounds keep the repaired matching instead of matching again
# Above LARGE_EVENT people each round is matched at the best ``Pace`` whose time, with the rounds
# after it at the next pace down, fits into the time left (less what turning the schedule into a
# plan takes). A pace's time per round is the longest one timed so far, else this guess per
# person (about 2 s, 0.5 s and 0.15 s at 10,000 people).
SECONDS_PER_PERSON: dict[Pace, float] = {"exact": 2e-4, "quick": 5e-5, "greedy": 1.5e-5}
FINISH_SECONDS_PER_PERSON = 3e-5
OVERRUN_GRACE = 0.1  # seconds past the time limit that a round's pace may be planned to take
NEXT_DOWN: dict[Pace, Pace] = {"exact": "quick", "quick": "greedy", "greedy": "greedy"}


def plan_pairs(run: Run, candidates: dict[Edge, float], chosen: dict[Edge, float]) -> None:
    """Round by round; pairs the LP picked get a boost, most of all for people whose picked
    pairs would not all fit in the rounds left if they waited."""
    setup = run.setup
    lp_pairs = {e for e, x in chosen.items() if x > 0.5}
    candidates = matching_edges(setup, candidates, chosen)
    max_int = int(max(candidates.values(), default=0.0) * SCALE * (1 + LP_BOOST + TIGHT_BOOST)) + 1
    keep_bonus = (setup.n // 2 + 1) * max_int  # keeping an announced pair beats any weight gain
    trio_counts = frozen_trio_counts(setup)
    schedule: Schedule = {}
    met = set(setup.met)
    construction_started = time.perf_counter()
    timed: dict[Pace, list[float]] = {"exact": [], "quick": [], "greedy": []}
    arrays = CandidateArrays(setup, candidates, lp_pairs) if setup.n > LARGE_EVENT else None
    for k, r in enumerate(setup.open_rounds):
        so_far = setup.with_met(frozenset(met))
        # Only the next round is held to the announcement; later rounds are free to improve.
        previous = setup.previous.get(r, set()) if k == 0 else set()
        rounds_left = len(setup.open_rounds) - k
        lp_left = [0] * setup.n
        for i, j in lp_pairs:
            if so_far.fresh(i, j):
                lp_left[i] += 1
                lp_left[j] += 1

        def score(
            i: int, j: int, previous: set[Edge] = previous, lp_left: list[int] = lp_left, rounds_left: int = rounds_left
        ) -> int:
            e = edge(i, j)
            factor = 1.0
            if e in lp_pairs:
                factor += LP_BOOST + (TIGHT_BOOST if max(lp_left[i], lp_left[j]) >= rounds_left else 0.0)
            return int(candidates.get(e, 0.0) * SCALE * factor) + (keep_bonus if e in previous else 0)

        pace = round_pace(run, timed, rounds_left)
        round_started = time.perf_counter()
        scored = (
            None if arrays is None else arrays.round_edges(setup.present[r], lp_left, rounds_left, previous, keep_bonus)
        )
        schedule[r] = match_round(so_far, r, candidates, score, trio_counts, pace, scored)
        timed[pace].append(time.perf_counter() - round_started)
        built = [e for g in schedule[r] for e in pairs_in(g)]
        met.update(built)
        if arrays is not None:
            arrays.mark_met(built)
    run.offer(schedule)
    if polishing_affordable(setup) and setup.open_rounds:
        per_round = (time.perf_counter() - construction_started) / len(setup.open_rounds)
        rematch_rounds(run, candidates, keep_bonus, per_round)


def round_pace(run: Run, timed: dict[Pace, list[float]], rounds_left: int) -> Pace:
    """How hard the next round is matched: greedily once asked to stop; exactly up to
    ``LARGE_EVENT`` people; above, the best pace that leaves time for the rounds after it at the
    next pace down and for the final plan (see ``SECONDS_PER_PERSON``)."""
    if run.should_stop():
        return "greedy"
    n = run.setup.n
    if n <= LARGE_EVENT:  # each round is quick at this size: matched exactly as long as time is left
        return "exact"

    def seconds(pace: Pace) -> float:
        return max(timed[pace], default=SECONDS_PER_PERSON[pace] * n)

    available = run.seconds_left() + OVERRUN_GRACE - FINISH_SECONDS_PER_PERSON * n
    for pace in ("exact", "quick"):
        if seconds(pace) + (rounds_left - 1) * seconds(NEXT_DOWN[pace]) <= available:
            return pace
    return "greedy"


def rematch_rounds(run: Run, candidates: dict[Edge, float], keep_bonus: int, per_round: float) -> None:
    """Polish: match each round again with all other rounds fixed, on the true weights. The old
    round is still a feasible answer, so a round only changes for a better one."""
    setup = run.setup
    for _ in range(REMATCH_SWEEPS):
        for k, r in enumerate(setup.open_rounds):
            if run.should_stop() or time.perf_counter() + 1.5 * per_round > run.deadline:
                return
            schedule = run.best_schedule
            others = {e for q, groups in schedule.items() if q != r for g in groups for e in pairs_in(g)}
            rest_fixed = setup.with_met(setup.met | others)
            previous = setup.previous.get(r, set()) if k == 0 else set()

            def score(i: int, j: int, previous: set[Edge] = previous) -> int:
                e = edge(i, j)
                return int(candidates.get(e, 0.0) * SCALE) + (keep_bonus if e in previous else 0)

            trio_counts = frozen_trio_counts(setup)
            for q, groups in schedule.items():
                for g in groups:
                    if q != r and len(g) == 3:
                        for member in g:
                            trio_counts[member] += 1
            run.offer({**schedule, r: match_round(rest_fixed, r, candidates, score, trio_counts)})


def match_round(
    setup: Setup,
    r: int,
    candidates: dict[Edge, float],
    score: EdgeScore,
    trio_counts: list[int],
    pace: Pace = "exact",
    scored: ScoredEdges | None = None,
) -> list[list[int]]:
    """One round's groups (lists of person indices): pairs plus at most one trio, matched at
    ``pace`` (``solver.pairs.matching.Pace``), on ``scored`` (the same pairs and scores as arrays)
    when given."""
    people = list(setup.present[r])
    if not people:
        return []
    previous = setup.previous.get(r, set())
    match = matcher(setup, candidates, score, pace, scored)
    odd = len(people) % 2 and len(people) >= 3
    chosen = choose_trio(setup, people, candidates, score, trio_counts, previous, match) if odd else None
    if chosen is not None:
        trio, repaired = chosen
        rest = [p for p in people if p not in trio]
        pairs = repaired if len(people) > REMATCH_AFTER_TRIO_LIMIT else match(rest)
        groups = [list(p) for p in complete(setup, rest, pairs, score)] + [list(trio)]
        for member in trio:
            trio_counts[member] += 1
        return groups
    joiner = None
    if len(people) % 2:
        joiner = fairest_joiner(setup, people, trio_counts, previous)
        people.remove(joiner)
    groups = [list(p) for p in complete(setup, people, match(people), score)]
    if joiner is not None:
        add_to_best_pair(setup, joiner, groups, trio_counts, previous)
    return groups


def frozen_trio_counts(setup: Setup) -> list[int]:
    counts = [0] * setup.n
    if setup.is_pairs:
        for groups in setup.instance.frozen:
            for g in groups:
                if len(g.members) == 3:
                    for m in g.members:
                        counts[setup.index[m]] += 1
    return counts
