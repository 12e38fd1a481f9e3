"""Tables format, the swap searches across all rounds.

The score maximised is ``Meetings``': total fresh weight minus a large penalty per repeat, then
smaller tables spread evenly. While repeats remain it is a tabu search on the people involved in
them (the social golfer approach of Dotú and Van Hentenryck, ``remove_repeats``); afterwards an
iterated local search on the weight (``improve_seating``).
"""

from __future__ import annotations

import random
from collections.abc import Callable

import numpy as np

from solver.indices import Schedule, copy_schedule
from solver.setup import Setup
from solver.tables.gains import all_round_swap_gains, best_swap
from solver.tables.meetings import Meetings

STAGNATION_STEPS = 300  # tabu steps without a better seating before a restart from the best
TABU_MIN, TABU_MAX = 4, 20
RANDOM_WALK = 0.05
TABU_MAX_PEOPLE = 64  # larger rounds leave repeats to the (much cheaper per step) swap descent
STALE_STEPS_PER_SEAT = 60  # tabu gives up after this many steps per seat without a better seating
WEIGHTED_STALE_STEPS_PER_SEAT = 30  # ... in its first run, on weights and repeats
FAIRNESS_EVERY = 10  # kicks between re-aiming the search at the people with the lowest values
FAIRNESS_BOOST = 0.5  # weight bonus for the lowest people's conversations
# Rounds of more than WINDOWED_FROM people are searched a window of tables at a time (tables
# shuffled into windows of about WINDOW_PEOPLE seats, anew each sweep): the best swap of a whole
# round weighs every pair of its people, which at 3,000 people took a quarter of a second for a
# single swap.
WINDOWED_FROM = 400
WINDOW_PEOPLE = 120


def search_rounds(setup: Setup, seating: Schedule, meetings: Meetings) -> list[int]:
    """The open rounds a swap may change: those with two tables or more, except the held round
    (``solver.tables.held``) unless it repeats an earlier meeting or seats a must-not-meet pair together."""
    held = setup.held_round_number()
    return [
        r
        for r in setup.open_rounds
        if sum(1 for t in seating[r] if len(t) > 0) > 1
        and (r != held or any(meetings.repeats_earlier(t) for t in seating[r]))
    ]


def remove_repeats(
    setup: Setup,
    seating: Schedule,
    meetings: Meetings,
    should_stop: Callable[[], bool],
    on_better: Callable[[Schedule], None],
) -> None:
    """Tabu search on the repeats of rounds up to ``TABU_MAX_PEOPLE`` people, on weights and repeats,
    then on repeats alone if some are left; the seating with fewest repeats is left in ``seating``.

    Weights leave few ties between moves, so the first search can lack the randomness it needs to
    escape (22 people at 5 tables for 4 rounds kept a repeat); the second has plenty."""
    if should_stop():
        return  # (asked first: finding the rounds and counting the repeats weigh every pair)
    rounds = search_rounds(setup, seating, meetings)
    if not rounds or not meetings.repeats() or max(len(setup.present[r]) for r in rounds) > TABU_MAX_PEOPLE:
        return
    rng = random.Random(setup.instance.seed + 2)
    _tabu_repeats(rng, rounds, seating, meetings, should_stop, on_better, WEIGHTED_STALE_STEPS_PER_SEAT)
    if meetings.repeats() and meetings.w.any():
        with meetings.repeats_only():
            _tabu_repeats(rng, rounds, seating, meetings, should_stop, on_better, STALE_STEPS_PER_SEAT)


def improve_seating(
    setup: Setup,
    seating: Schedule,
    meetings: Meetings,
    should_stop: Callable[[], bool],
    on_better: Callable[[Schedule], None],
    max_failed_kicks: int | None = None,
    floor: float | None = None,
    offset: np.ndarray | None = None,
) -> Schedule:
    """Iterated local search: best swaps until none helps, then a random kick; returns the best seating.

    Stops when told, or after ``max_failed_kicks`` kicks in a row that found nothing better.
    ``floor`` and ``offset``: see ``Meetings.boost_lowest``.
    """
    rng = random.Random(setup.instance.seed + 1)
    rounds = search_rounds(setup, seating, meetings)
    if not rounds:
        return seating
    if max_failed_kicks is None:
        max_failed_kicks = max(50, 4 * sum(len(setup.present[r]) for r in rounds))
    score = best_score = 0.0
    best = copy_schedule(seating)
    failed = kicks = 0
    while failed < max_failed_kicks and not should_stop():
        kicks += 1
        if kicks % FAIRNESS_EVERY == 0:  # re-aim the search weights at whoever is lowest in the best seating
            seating.clear()
            seating.update(copy_schedule(best))
            meetings.reset(seating)
            before = meetings.search_score()
            meetings.boost_lowest(FAIRNESS_BOOST, floor, offset)
            score = best_score = best_score + meetings.search_score() - before
        score += _descend(rounds, seating, meetings, should_stop, on_better if kicks == 1 else None, rng)
        if score > best_score + 1e-9:
            best_score, best, failed = score, copy_schedule(seating), 0
            on_better(copy_schedule(best))
        else:
            failed += 1
            if score < best_score - 1e-9:  # go back to the best seating before the next kick
                seating.clear()
                seating.update(copy_schedule(best))
                meetings.reset(seating)
                score = best_score
        score += _kick(rng, rounds, seating, meetings)
    return best


def _descend(
    rounds: list[int],
    seating: Schedule,
    meetings: Meetings,
    should_stop: Callable[[], bool],
    on_repeat_free: Callable[[Schedule], None] | None = None,
    rng: random.Random | None = None,
) -> float:
    """Apply the best swap of each round (of each window of a large round, see ``WINDOW_PEOPLE``)
    until no swap gains; returns the total gain.

    ``on_repeat_free`` hears of the seating as soon as the last repeat is gone (a repeat costs more
    than any weight, so repeats go first), long before the descent ends on large events.
    """
    total = 0.0
    improved = True
    had_repeats = on_repeat_free is not None and meetings.repeats() > 0
    rng = rng or random.Random(0)
    while improved and not should_stop():
        improved = False
        for r in rounds:
            for window in _windows(rng, seating[r]):
                gain, a, b = best_swap(window, meetings)
                if gain > 1e-9:
                    ta = next(t for t in window if a in t)
                    tb = next(t for t in window if b in t)
                    meetings.swap(a, ta, b, tb)
                    total += gain
                    improved = True
            if should_stop():
                break
        if had_repeats and on_repeat_free and not meetings.repeats():
            on_repeat_free(copy_schedule(seating))
            had_repeats = False
    return total


def _windows(rng: random.Random, tables: list[list[int]]) -> list[list[list[int]]]:
    """The whole round up to ``WINDOWED_FROM`` people, else its tables shuffled into windows of
    about ``WINDOW_PEOPLE`` seats (the table lists themselves, so swaps change the seating)."""
    seats = sum(len(t) for t in tables)
    if seats <= WINDOWED_FROM:
        return [tables]
    shuffled = [t for t in tables if t]
    rng.shuffle(shuffled)
    count = -(-seats // WINDOW_PEOPLE)
    return [shuffled[k::count] for k in range(count) if len(shuffled[k::count]) > 1]


def _tabu_repeats(
    rng: random.Random,
    rounds: list[int],
    seating: Schedule,
    meetings: Meetings,
    should_stop: Callable[[], bool],
    on_better: Callable[[Schedule], None],
    stale_steps_per_seat: int,
) -> None:
    """Tabu search on people in a repeat (Dotú and Van Hentenryck's social golfer search): always
    take the best allowed swap, even a worsening one; swapped people stay put for a few steps.
    The best seating found is left in ``seating``."""
    score = best_score = 0.0
    best = copy_schedule(seating)
    n = meetings.count.shape[0]
    tabu_until = np.zeros((len(rounds), n, n), dtype=np.int64)
    noise = np.random.default_rng(rng.randrange(2**32))
    step = last_better = last_best = 0
    budget = stale_steps_per_seat * sum(len(t) for r in rounds for t in seating[r])
    while meetings.repeats() and step - last_best < budget and not (step % 8 == 0 and should_stop()):
        step += 1
        gains, conflicted = all_round_swap_gains(rounds, seating, meetings)
        gains[~conflicted] = -np.inf  # the first person of a move must be in a repeat that round
        gains[(tabu_until > step) & (score + gains <= best_score + 1e-9)] = -np.inf
        noisy = gains + noise.random(gains.shape) * 1e-6  # random tie-break between equal moves
        best_k, best_a, best_b = (int(x) for x in np.unravel_index(int(np.argmax(noisy)), gains.shape))
        if not np.isfinite(gains[best_k, best_a, best_b]):
            tabu_until.fill(0)
            continue
        move = (0.0, rounds[best_k], best_a, best_b, float(gains[best_k, best_a, best_b]))
        if rng.random() < RANDOM_WALK:  # now and then a random swap of someone in a repeat
            r, a, b, gain = _random_conflict_swap(rng, rounds, seating, meetings) or move[1:]
        else:
            _, r, a, b, gain = move
        ta = next(t for t in seating[r] if a in t)
        tb = next(t for t in seating[r] if b in t)
        meetings.swap(a, ta, b, tb)
        score += gain
        k = rounds.index(r)
        tabu_until[k, a, b] = tabu_until[k, b, a] = step + rng.randint(TABU_MIN, TABU_MAX)  # not back soon
        if score > best_score + 1e-9:
            best_score, best, last_better, last_best = score, copy_schedule(seating), step, step
            on_better(copy_schedule(best))
        elif step - last_better > STAGNATION_STEPS:  # restart from the best seating, shaken a little
            seating.clear()
            seating.update(copy_schedule(best))
            meetings.reset(seating)
            score = best_score
            for _ in range(3):
                score += _kick(rng, rounds, seating, meetings)
            last_better = step
    seating.clear()
    seating.update(best)
    meetings.reset(seating)


def _random_conflict_swap(
    rng: random.Random, rounds: list[int], seating: Schedule, meetings: Meetings
) -> tuple[int, int, int, float] | None:
    r = rng.choice(rounds)
    tables = [t for t in seating[r] if t]
    conflicted = [(a, t) for t in tables for a in meetings.conflicted(t)]
    if not conflicted:
        return None
    a, ta = rng.choice(conflicted)
    tb = rng.choice([t for t in tables if t is not ta])
    b = rng.choice(tb)
    return r, a, b, meetings.swap_gain(a, ta, b, tb)


def _kick(rng: random.Random, rounds: list[int], seating: Schedule, meetings: Meetings) -> float:
    """A few random swaps in one round, preferring people in a repeat; returns the score change."""
    r = rng.choice(rounds)
    tables = [t for t in seating[r] if t]
    change = 0.0
    for _ in range(rng.randint(1, 3)):
        conflicted = [(a, t) for t in tables for a in meetings.conflicted(t)]
        a, ta = rng.choice(conflicted) if conflicted and rng.random() < 0.8 else _anyone(rng, tables)
        tb = rng.choice([t for t in tables if t is not ta])
        b = rng.choice(tb)
        change += meetings.swap_gain(a, ta, b, tb)
        meetings.swap(a, ta, b, tb)
    return change


def _anyone(rng: random.Random, tables: list[list[int]]) -> tuple[int, list[int]]:
    table = rng.choice(tables)
    return rng.choice(table), table
