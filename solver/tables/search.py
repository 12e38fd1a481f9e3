"""Tables format: a greedy seating per round, then swaps between tables across all rounds.

The swap search maximises total fresh weight minus a large penalty per repeat. While repeats
remain it is a tabu search on the people involved in them (the social golfer approach of Dotú
and Van Hentenryck); afterwards it is a hill climb on the weight.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import numpy as np

from solver.held import held_round, held_round_number
from solver.meetings import Meetings, Seating, seats_short
from solver.setup import Setup

STAGNATION_STEPS = 300  # tabu steps without a better seating before a restart from the best
TABU_MIN, TABU_MAX = 4, 20
RANDOM_WALK = 0.05
TABU_MAX_PEOPLE = 64  # larger rounds leave repeats to the (much cheaper per step) swap descent
STALE_STEPS_PER_SEAT = 60  # tabu gives up after this many steps per seat without a better seating
WEIGHTED_STALE_STEPS_PER_SEAT = 30  # ... in its first run, on weights and repeats
FAIRNESS_EVERY = 10  # kicks between re-aiming the search at the people with the lowest values
FAIRNESS_SHARE = 0.1
FAIRNESS_BOOST = 0.5  # weight bonus for the lowest people's conversations


def greedy_seating(setup: Setup, meetings: Meetings | None = None) -> Seating:
    """Round by round, fill each table with whoever adds the most fresh weight to it; an announced
    next round is held (``solver.held``).

    Ties are broken by its own generator seeded with the instance's seed, so the planner's greedy
    seating is exactly the baseline that benchmarks (and fairness floors) compare with."""
    rng = random.Random(setup.instance.seed)
    seating: Seating = {}
    meetings = meetings or Meetings(setup, {})
    held = held_round(setup, meetings)
    value = np.zeros(setup.n)
    for r in setup.open_rounds:
        left = sorted(setup.present[r], key=lambda i: (value[i], rng.random()))
        tables = held[r] if r in held else _fill_tables(setup.sizes[r], left, seats_short(setup.n, seating), meetings)
        for table in tables:
            meetings._add(table, 1)
            for a in table:
                value[a] += sum(meetings.w[a, m] for m in table if m != a)
        seating[r] = tables
    meetings.reset(seating)  # its seats short too
    return seating


def _fill_tables(sizes: list[int], left: list[int], short: np.ndarray, meetings: Meetings) -> list[list[int]]:
    """One round, largest tables first: the first of ``left`` opens a table, then whoever adds the
    most fresh weight joins it (``left`` is ordered by the value people have so far). The seats at
    smaller tables are kept for the people who have sat at one least (``short``)."""
    largest = max(sizes, default=0)
    small_seats = sum(s for s in sizes if s < largest)
    # Fewest seats short so far first; among equals, whoever has more value so far.
    ranked = sorted(range(len(left)), key=lambda k: (short[left[k]], -k))
    small = {left[k] for k in ranked[:small_seats]}
    pools = {True: [p for p in left if p in small], False: [p for p in left if p not in small]}
    tables: list[list[int]] = [[] for _ in sizes]
    for t in sorted(range(len(tables)), key=lambda t: -sizes[t]):
        if sizes[t] == 0:
            continue
        pool = pools[sizes[t] < largest]
        table = tables[t]
        table.append(pool.pop(0))
        while len(table) < sizes[t]:
            gains = [meetings.join_gain(p, table, -1) for p in pool]
            table.append(pool.pop(int(np.argmax(gains))))
    return tables


def search_rounds(setup: Setup, seating: Seating, meetings: Meetings) -> list[int]:
    """The open rounds a swap may change: those with two tables or more, except the held round
    (``solver.held``) unless it repeats an earlier meeting or seats a must-not-meet pair together."""
    held = held_round_number(setup)
    return [
        r
        for r in setup.open_rounds
        if sum(1 for t in seating[r] if len(t) > 0) > 1
        and (r != held or any(meetings.repeats_earlier(t) for t in seating[r]))
    ]


def remove_repeats(
    setup: Setup,
    seating: Seating,
    meetings: Meetings,
    should_stop: Callable[[], bool],
    on_better: Callable[[Seating], None],
) -> None:
    """Tabu search on the repeats of rounds up to ``TABU_MAX_PEOPLE`` people, on weights and repeats,
    then on repeats alone if some are left; the seating with fewest repeats is left in ``seating``.

    Weights leave few ties between moves, so the first search can lack the randomness it needs to
    escape (22 people at 5 tables for 4 rounds kept a repeat); the second has plenty."""
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
    seating: Seating,
    meetings: Meetings,
    should_stop: Callable[[], bool],
    on_better: Callable[[Seating], None],
    max_failed_kicks: int | None = None,
    floor: float | None = None,
    offset: np.ndarray | None = None,
) -> Seating:
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
    best = _copy(seating)
    failed = kicks = 0
    while failed < max_failed_kicks and not should_stop():
        kicks += 1
        if kicks % FAIRNESS_EVERY == 0:  # re-aim the search weights at whoever is lowest in the best seating
            seating.clear()
            seating.update(_copy(best))
            meetings.reset(seating)
            before = meetings.search_score()
            meetings.boost_lowest(FAIRNESS_SHARE, FAIRNESS_BOOST, floor, offset)
            score = best_score = best_score + meetings.search_score() - before
        score += _descend(rounds, seating, meetings, should_stop, on_better if kicks == 1 else None)
        if score > best_score + 1e-9:
            best_score, best, failed = score, _copy(seating), 0
            on_better(_copy(best))
        else:
            failed += 1
            if score < best_score - 1e-9:  # go back to the best seating before the next kick
                seating.clear()
                seating.update(_copy(best))
                meetings.reset(seating)
                score = best_score
        score += _kick(rng, rounds, seating, meetings)
    return best


def _copy(seating: Seating) -> Seating:
    return {r: [list(t) for t in tables] for r, tables in seating.items()}


def _descend(
    rounds: list[int],
    seating: Seating,
    meetings: Meetings,
    should_stop: Callable[[], bool],
    on_repeat_free: Callable[[Seating], None] | None = None,
) -> float:
    """Apply the best swap of each round until no swap gains; returns the total gain.

    ``on_repeat_free`` hears of the seating as soon as the last repeat is gone (a repeat costs more
    than any weight, so repeats go first), long before the descent ends on large events.
    """
    total = 0.0
    improved = True
    had_repeats = on_repeat_free is not None and meetings.repeats() > 0
    while improved and not should_stop():
        improved = False
        for r in rounds:
            gain, a, b = _best_swap(seating[r], meetings)
            if gain > 1e-9:
                ta = next(t for t in seating[r] if a in t)
                tb = next(t for t in seating[r] if b in t)
                meetings.swap(a, ta, b, tb)
                total += gain
                improved = True
        if had_repeats and on_repeat_free and not meetings.repeats():
            on_repeat_free(_copy(seating))
            had_repeats = False
    return total


def _swap_gains(tables: list[list[int]], meetings: Meetings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Score change of every swap of two people at different tables in one round, all at once.

    Returns (gains[a, b] by position, person index per position, conflicted flag per position).
    """
    people = np.array([p for t in tables for p in t])
    table_of = np.array([k for k, t in enumerate(tables) for _ in t])
    sub = np.ix_(people, people)
    count, w, penalty = meetings.count[sub], meetings.w[sub], meetings.penalty[sub]
    join = np.where(count >= 1, -penalty, w)  # value change when a pair meets once more
    leave = np.where(count == 1, -w, penalty)  # value change when a meeting pair is split
    np.fill_diagonal(join, 0.0)
    np.fill_diagonal(leave, 0.0)
    membership = np.zeros((len(people), len(tables)))
    membership[np.arange(len(people)), table_of] = 1.0
    join_table = join @ membership
    leave_own = (leave @ membership)[np.arange(len(people)), table_of]
    into_other = join_table[:, table_of]  # [a, b]: a joins b's table (b still counted; removed below)
    gains = leave_own[:, None] + leave_own[None, :] + into_other + into_other.T - 2 * join
    if meetings.seat_cost:
        size = np.array([len(tables[k]) for k in table_of])
        short = meetings.short[people]
        seats = meetings.seat_gain(size[:, None] - size[None, :], short[:, None] - short[None, :])
        gains = np.where(seats < -1e-9, -np.inf, gains + seats)  # never less evenly spread
    same_table = table_of[:, None] == table_of[None, :]
    gains[same_table] = -np.inf
    conflicted = ((count >= 2) & same_table).any(axis=1)
    return gains, people, conflicted


def _best_swap(tables: list[list[int]], meetings: Meetings) -> tuple[float, int, int]:
    gains, people, _ = _swap_gains(tables, meetings)
    a, b = divmod(int(np.argmax(gains)), len(people))
    return float(gains[a, b]), int(people[a]), int(people[b])


def _tabu_repeats(
    rng: random.Random,
    rounds: list[int],
    seating: Seating,
    meetings: Meetings,
    should_stop: Callable[[], bool],
    on_better: Callable[[Seating], None],
    stale_steps_per_seat: int,
) -> None:
    """Tabu search on people in a repeat (Dotú and Van Hentenryck's social golfer search): always
    take the best allowed swap, even a worsening one; swapped people stay put for a few steps.
    The best seating found is left in ``seating``."""
    score = best_score = 0.0
    best = _copy(seating)
    n = meetings.count.shape[0]
    tabu_until = np.zeros((len(rounds), n, n), dtype=np.int64)
    noise = np.random.default_rng(rng.randrange(2**32))
    step = last_better = last_best = 0
    budget = stale_steps_per_seat * sum(len(t) for r in rounds for t in seating[r])
    while meetings.repeats() and step - last_best < budget and not (step % 8 == 0 and should_stop()):
        step += 1
        gains, conflicted = _all_round_gains(rounds, seating, meetings)
        gains[~conflicted] = -np.inf  # the first person of a move must be in a repeat that round
        gains[(tabu_until > step) & (score + gains <= best_score + 1e-9)] = -np.inf
        noisy = gains + noise.random(gains.shape) * 1e-6  # random tie-break between equal moves
        k, a, b = np.unravel_index(int(np.argmax(noisy)), gains.shape)
        if not np.isfinite(gains[k, a, b]):
            tabu_until.fill(0)
            continue
        move = (0.0, rounds[k], int(a), int(b), float(gains[k, a, b]))
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
            best_score, best, last_better, last_best = score, _copy(seating), step, step
            on_better(_copy(best))
        elif step - last_better > STAGNATION_STEPS:  # restart from the best seating, shaken a little
            seating.clear()
            seating.update(_copy(best))
            meetings.reset(seating)
            score = best_score
            for _ in range(3):
                score += _kick(rng, rounds, seating, meetings)
            last_better = step
    seating.clear()
    seating.update(best)
    meetings.reset(seating)


def _all_round_gains(rounds: list[int], seating: Seating, meetings: Meetings) -> tuple[np.ndarray, np.ndarray]:
    """Like ``_swap_gains`` for every round at once, by person index: gains[k, a, b] for swapping
    a and b in round rounds[k] (-inf when impossible), and conflicted[k, a] (a is in a repeat)."""
    n = meetings.count.shape[0]
    tables_per_round = max(len(seating[r]) for r in rounds) + 1  # the last one holds the absent
    absent_table = tables_per_round - 1
    table_of = np.full((len(rounds), n), absent_table)
    for k, r in enumerate(rounds):
        for t, table in enumerate(seating[r]):
            table_of[k, table] = t
    count, w, penalty = meetings.count, meetings.w, meetings.penalty
    join = np.where(count >= 1, -penalty, w)
    leave = np.where(count == 1, -w, penalty)
    np.fill_diagonal(join, 0.0)
    np.fill_diagonal(leave, 0.0)
    membership = np.zeros((n, len(rounds) * tables_per_round))
    columns = (np.arange(len(rounds))[:, None] * tables_per_round + table_of).T  # (n, rounds)
    membership[np.arange(n)[:, None], columns] = 1.0
    join_table = (join @ membership).reshape(n, len(rounds), tables_per_round).transpose(1, 0, 2)
    leave_table = (leave @ membership).reshape(n, len(rounds), tables_per_round).transpose(1, 0, 2)
    leave_own = np.take_along_axis(leave_table, table_of[:, :, None], axis=2)[..., 0]
    into_other = np.take_along_axis(join_table, np.broadcast_to(table_of[:, None, :], (len(rounds), n, n)), axis=2)
    gains = leave_own[:, :, None] + leave_own[:, None, :] + into_other + into_other.transpose(0, 2, 1) - 2 * join[None]
    if meetings.seat_cost:
        sizes = np.array([[len(t) for t in seating[r]] + [0] * (tables_per_round - len(seating[r])) for r in rounds])
        size = np.take_along_axis(sizes, table_of, axis=1)  # (rounds, n): size of each person's table
        short = meetings.short
        gains += meetings.seat_gain(size[:, :, None] - size[:, None, :], (short[:, None] - short[None, :])[None])
    same_table = table_of[:, :, None] == table_of[:, None, :]
    absent = table_of == absent_table
    gains[same_table | absent[:, :, None] | absent[:, None, :]] = -np.inf
    conflicted = ((count[None] >= 2) & same_table & ~absent[:, None, :]).any(axis=2) & ~absent
    return gains, conflicted


def _random_conflict_swap(
    rng: random.Random, rounds: list[int], seating: Seating, meetings: Meetings
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


def _kick(rng: random.Random, rounds: list[int], seating: Seating, meetings: Meetings) -> float:
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
