"""The organiser's rules, last: repair tables that break a role rule, then report what is still broken.

Role rules at tables are table rules (someone whose role has a rule sits with at least one person
of a role they meet), which the swap searches do not see. So after them, each table where someone
lacks such a partner tries to swap one of its other members with a fitting person from another
table; a swap is taken only when it breaks fewer rules at the two tables and adds no avoided or
must-not-meet meeting, the one adding fewest repeats first. Weight is not looked at: rules come
first, as for pair rules, which rank before repeats.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from solver.indices import Edge, Schedule, copy_schedule, edge, pairs_in
from solver.model import Plan
from solver.preferences import allowed_roles, declined_meetings, find_breaches, role_key, rule_notes
from solver.run import BOUND_NOTE, Run, build_plan
from solver.setup import Setup

AVOIDED_BOUND_NOTE = (
    "the upper bound leaves out pairs kept apart by rules or attendees' choices; this plan had to "
    "seat some of them, so the bound shown is the plan's value"
)
MAX_PASSES = 10  # passes over a round's tables; every swap lowers the round's broken rules, so it ends


def report_rules(run: Run) -> Plan:
    """The best plan with role rules repaired where a swap can, its broken rules and their notes."""
    assert run.best is not None
    setup = run.setup
    instance = setup.instance
    best = run.best
    if not setup.is_pairs and instance.role_rules and setup.open_rounds:
        repaired = _repair_roles(setup, run.best_schedule)
        if repaired is not None:
            best = build_plan(setup, repaired, run.bound, run.elapsed())
            run.best, run.best_schedule = best, repaired
    best.broken_rules = find_breaches(instance, best.rounds)
    best.declined_meetings = declined_meetings(instance, best.rounds)
    if best.broken_rules or best.declined_meetings:
        # The bound leaves out the pairs kept apart, so seating one of them can exceed it.
        best.notes = [AVOIDED_BOUND_NOTE if note == BOUND_NOTE else note for note in best.notes]
    best.notes += rule_notes(instance, best.broken_rules, best.declined_meetings)
    return best


def _repair_roles(setup: Setup, schedule: Schedule) -> Schedule | None:
    allowed = [allowed_roles(setup.instance, p) for p in setup.instance.people]
    roles = [role_key(p.role) for p in setup.instance.people]

    def broken(table: list[int]) -> int:
        return sum(
            allowed[m] is not None and not any(roles[o] in allowed[m] for o in table if o != m)  # type: ignore[operator]
            for m in table
        )

    seating = copy_schedule(schedule)
    meetings: Counter[Edge] = Counter(setup.met)
    for groups in seating.values():
        for g in groups:
            meetings.update(pairs_in(g))
    changed = False
    held = setup.held_round_number()
    for r in setup.open_rounds:
        if r == held:
            continue  # the announced round stays as announced
        tables = seating.get(r, [])
        for _ in range(MAX_PASSES):  # a swap can move the problem to a table already seen
            swapped = False
            for t in range(len(tables)):
                if broken(tables[t]) and _swap_for(setup, tables, t, broken, meetings):
                    swapped = changed = True
            if not swapped:
                break
    return seating if changed else None


def _swap_for(
    setup: Setup, tables: list[list[int]], t: int, broken: Callable[[list[int]], int], meetings: Counter[Edge]
) -> bool:
    """The swap between table t and another that breaks fewer rules there and adds fewest repeats
    (rules come before repeats, as must-not-meet pairs do); True when one was made."""
    best: tuple[int, int, int, int] | None = None  # (added repeats, other table, y, x)
    for u in range(len(tables)):
        if u == t:
            continue
        before = broken(tables[t]) + broken(tables[u])
        for y in tables[t]:
            for x in tables[u]:
                new_t = [m for m in tables[t] if m != y] + [x]
                new_u = [m for m in tables[u] if m != x] + [y]
                if broken(new_t) + broken(new_u) >= before:
                    continue
                added = [edge(x, m) for m in new_t if m != x] + [edge(y, m) for m in new_u if m != y]
                if any(e in setup.forbidden for e in added):
                    continue
                repeats = sum(meetings[e] > 0 for e in added)
                if best is None or repeats < best[0]:
                    best = (repeats, u, y, x)
    if best is None:
        return False
    _, u, y, x = best
    for e in pairs_in(tables[t]) + pairs_in(tables[u]):
        meetings[e] -= 1
    tables[t][:] = [m for m in tables[t] if m != y] + [x]
    tables[u][:] = [m for m in tables[u] if m != x] + [y]
    meetings.update(pairs_in(tables[t]) + pairs_in(tables[u]))
    return True
