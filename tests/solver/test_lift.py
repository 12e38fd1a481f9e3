import numpy as np

from solver import Format, Instance, Person, check_plan
from solver.generate import generate
from solver.metrics import Figures
from solver.run import Run, plan_figures
from solver.setup import build_setup
from solver.tables.greedy import greedy_seating
from solver.tables.lift import _shortfalls, lift_lowest
from solver.tables.meetings import Meetings
from solver.tables.search import improve_seating
from solver.tables.stage import lift_after_search


def seated(weights: dict, tables: list[list[int]], rounds: int = 1):
    people = tuple(Person(f"p{i}", f"P{i}") for i in range(sum(len(t) for t in tables)))
    pairs = {frozenset((f"p{a}", f"p{b}")): w for (a, b), w in weights.items()}
    instance = Instance(people=people, rounds=rounds, format=Format("tables", 4, 4), weights=pairs)
    setup = build_setup(instance)
    seating = {r: [list(t) for t in tables] for r in range(rounds)}
    return setup, seating, Meetings(setup, seating)


def test_the_lowest_person_gets_a_partner_worth_something_to_them():
    # p0 sits with three people worth nothing to them; p4, at the other table, is worth 1.
    setup, seating, meetings = seated({(0, 4): 1.0, (1, 2): 2.0, (5, 6): 2.0}, [[0, 1, 2, 3], [4, 5, 6, 7]])
    assert meetings.values()[0] == 0
    moved = lift_lowest(setup, seating, meetings, Figures(0.0, 1.0, 0.0), np.zeros(setup.n), lambda: False)
    assert moved
    values = meetings.values()
    assert values[0] == 1.0 and meetings.repeats() == 0
    assert any(0 in t and 4 in t for t in seating[0])
    assert (Meetings(setup, seating).count == meetings.count).all()  # the counts follow the seating


def test_nothing_moves_when_the_minimum_is_at_the_floor_or_a_move_costs_the_floor():
    # p0's tablemates, and p4's, are worth 2 to each other: bringing p0 and p4 together (worth 1)
    # splits two such pairs, so the total drops from 12 to 9.
    weights = {(0, 4): 1.0, (1, 2): 2.0, (1, 3): 2.0, (2, 3): 2.0, (5, 6): 2.0, (5, 7): 2.0, (6, 7): 2.0}
    setup, seating, meetings = seated(weights, [[0, 1, 2, 3], [4, 5, 6, 7]])
    assert not lift_lowest(setup, seating, meetings, Figures(0.0, 0.0, 0.0), np.zeros(setup.n), lambda: False)
    assert not lift_lowest(setup, seating, meetings, Figures(10.0, 1.0, 0.0), np.zeros(setup.n), lambda: False)
    assert seating[0] == [[0, 1, 2, 3], [4, 5, 6, 7]]
    assert lift_lowest(setup, seating, meetings, Figures(9.0, 1.0, 0.0), np.zeros(setup.n), lambda: False)
    assert meetings.values()[0] == 1.0


def test_a_lift_never_repeats_a_meeting():
    # Every way to seat p0 with p4 makes someone meet a person they met before the event.
    before = [(x, m) for x in (1, 2, 3) for m in (5, 6, 7)] + [(0, m) for m in (5, 6, 7)]
    people = tuple(Person(f"p{i}", f"P{i}") for i in range(8))
    instance = Instance(
        people=people,
        rounds=1,
        format=Format("tables", 4, 4),
        weights={frozenset(("p0", "p4")): 1.0},
        met_before=frozenset(frozenset((f"p{a}", f"p{b}")) for a, b in before),
    )
    setup = build_setup(instance)
    seating = {0: [[0, 1, 2, 3], [4, 5, 6, 7]]}
    meetings = Meetings(setup, seating)
    assert not lift_lowest(setup, seating, meetings, Figures(0.0, 1.0, 0.0), np.zeros(setup.n), lambda: False)
    assert meetings.repeats() == 0


def test_a_stop_request_ends_the_lift_within_its_first_move():
    # The same lift as in the first test, asked to stop after its first check: no partner of
    # anyone below the floor is weighed, nothing moves (the move it would make is seen without
    # the stop).
    setup, seating, meetings = seated({(0, 4): 1.0, (1, 2): 2.0, (5, 6): 2.0}, [[0, 1, 2, 3], [4, 5, 6, 7]])
    checks = []

    def stop_after_first() -> bool:
        checks.append(1)
        return len(checks) > 1

    floor = Figures(0.0, 1.0, 0.0)
    assert not lift_lowest(setup, seating, meetings, floor, np.zeros(setup.n), stop_after_first)
    assert seating[0] == [[0, 1, 2, 3], [4, 5, 6, 7]] and len(checks) > 1
    assert lift_lowest(setup, seating, meetings, floor, np.zeros(setup.n), lambda: False)


def test_the_search_seating_below_the_floor_is_lifted_instead_of_keeping_the_greedy_one():
    # 40 generated people, 2 rounds: the swap search's best seating has much more weight than the
    # greedy one but leaves someone below the greedy minimum or p10, so it ranks behind the greedy
    # seating. Only the greedy seating was at the floor, and the lift used to start from the best
    # plan only when that was below the floor: the plan stayed the greedy one (as tables-200 did,
    # 3,328.7 against 3,594 after a lift). The search stops after 20 fruitless kicks, not a clock.
    instance = generate(40, 2, seed=10, fmt=Format("tables", 3, 5), time_limit_seconds=600.0)
    run = Run(instance, None, None)
    run.bound = 1e9  # no bound computed here (at 0 any plan would reach it and stop the run)
    meetings = Meetings(run.setup, {})
    seating = greedy_seating(run.setup, meetings)
    run.offer(seating)
    assert run.best is not None and run.best.repeats == 0
    run.floor = floor = plan_figures(run.setup, run.best)
    found: list = []
    improve_seating(run.setup, seating, meetings, lambda: False, found.append, max_failed_kicks=20)
    assert not run.offer(found[-1])
    assert run.last_rank is not None and run.last_rank.below_floor
    assert run.best.objective == floor.total  # still the greedy seating
    lift_after_search(run, [(found[-1], run.last_rank)], meetings, np.zeros(run.setup.n))
    assert run.best_rank is not None and not run.best_rank.below_floor
    assert not plan_figures(run.setup, run.best).below(floor)
    assert run.best.objective > floor.total + 10  # 210.4 against 186.3
    assert run.best.repeats == 0 and check_plan(instance, run.best) == []


def test_the_p10_shortfall_counts_only_the_closest_people_who_must_rise():
    # 20 people: the p10 is the 2nd lowest value, so one person may stay below the floor's p10 of
    # 3. With values 0, 1 and 2.5 below it, the two closest must rise (0.5 + 2); how far the
    # lowest is below does not count, since raising them does not bring the p10 any closer.
    values = np.array([0.0, 1.0, 2.5] + [5.0] * 17)
    counted = np.ones(20, dtype=bool)
    floor = Figures(0.0, 0.0, 3.0)
    assert _shortfalls(values, counted, floor) == (0.0, 2.5)
    values[2] = 3.0  # 0 and 1 below: the 1 must rise
    assert _shortfalls(values, counted, floor) == (0.0, 2.0)
    values[1] = 3.0  # only the 0 below: the p10 is at the floor
    assert _shortfalls(values, counted, floor) == (0.0, 0.0)
    assert _shortfalls(values, counted, Figures(0.0, 1.0, 3.0)) == (1.0, 0.0)
