import numpy as np

from solver import Format, Instance, Person
from solver.metrics import Figures
from solver.setup import build_setup
from solver.tables.lift import lift_lowest
from solver.tables.meetings import Meetings


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
